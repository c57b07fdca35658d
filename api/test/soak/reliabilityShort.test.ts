// Short versions of the API soaks (npm run test:soak runs 50 clients for 60 s and a 30 s outage):
// 10 clients for 5 s, then Postgres stopped for 3 s under the running APIs.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { cast } from "../support/scenario.ts";
import { startWorld, type World } from "../support/world.ts";
import { runLoad, startApiProcess, worldPersonas, type ApiProcess, type LoadRunReturnType } from "../load/loadRun.ts";
import { outageTargets, runOutage, type OutageRunReturnType } from "./outageRun.ts";

let world: World;
let load: LoadRunReturnType;

before(async () => {
  world = await startWorld();
});

after(async () => {
  await world?.stack.stop();
});

test("10 clients for 5 s: no errors, no non-2xx, latency percentiles reported", async () => {
  const { stack, scenario } = world;
  load = await runLoad({
    databaseUrl: stack.database.url,
    dbSchema: "api_test",
    deployment: stack.deployment,
    personas: worldPersonas(scenario),
    connections: 10,
    durationSeconds: 5,
  });
  console.log(`api load (short): ${JSON.stringify(load)}`);
  assert.ok(load.requests > 0);
  assert.equal(load.firstFailure, undefined);
  assert.deepEqual(
    { errors: load.errors, timeouts: load.timeouts, non2xx: load.non2xx, graphqlErrors: load.graphqlErrors },
    { errors: 0, timeouts: 0, non2xx: 0, graphqlErrors: 0 },
  );
  for (const kind of ["patient timeline page", "record provenance", "auditor timeline filter", "analytics", "export csv"])
    assert.ok(load.mix[kind]! > 0, `no ${kind} requests`);
});

test("Postgres stopped for 3 s: every request fails within 1 s with a clean 503, and both APIs answer again without a restart", async () => {
  const { stack } = world;
  let production: ApiProcess | undefined;
  let outage: OutageRunReturnType;
  try {
    production = await startApiProcess(stack.database.url, "api_test", stack.deployment);
    const targets = await outageTargets(world, production);
    outage = await runOutage({ database: stack.database, targets, downMs: 3_000, signInAccount: cast.stranger });
    assert.ok(production.child.exitCode === null, "the API process is still the same one");
  } finally {
    await production?.stop();
  }
  console.log(`api outage (short): ${JSON.stringify(outage)}`);
  for (const api of outage.apis) {
    assert.ok(api.requests >= 5, `${api.name}: only ${api.requests} requests during the outage`);
    assert.deepEqual(api.badAnswers, [], api.name);
    assert.ok(api.latencyMs.max < 1_000, `${api.name}: the slowest failure took ${api.latencyMs.max} ms`);
    assert.ok(api.recoveredMs < 10_000, `${api.name}: answered again only after ${api.recoveredMs} ms`);
  }
});
