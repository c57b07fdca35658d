// npm run test:soak: Postgres stopped for 30 s under both APIs (in-process development mode, `npm run api` production mode).
import assert from "node:assert/strict";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { cast } from "../support/scenario.ts";
import { startWorld } from "../support/world.ts";
import { startApiProcess } from "../load/loadRun.ts";
import { outageTargets, runOutage } from "./outageRun.ts";

test("Postgres down for 30 s: clean 503s within 1 s, answers again without an API restart", { timeout: 30 * 60_000 }, async () => {
  const world = await startWorld();
  const { stack } = world;
  const production = await startApiProcess(stack.database.url, "api_test", stack.deployment).catch(async (error: unknown) => {
    await stack.stop();
    throw error;
  });
  try {
    const targets = await outageTargets(world, production);
    const outage = await runOutage({ database: stack.database, targets, downMs: Number(process.env.SOAK_OUTAGE_MS ?? 30_000), signInAccount: cast.stranger });
    console.log(`api outage soak: ${JSON.stringify(outage)}`);
    if (process.env.SOAK_REPORT_DIR) {
      mkdirSync(process.env.SOAK_REPORT_DIR, { recursive: true });
      writeFileSync(path.join(process.env.SOAK_REPORT_DIR, "api-outage.json"), JSON.stringify(outage, null, 2) + "\n");
    }
    assert.equal(production.child.exitCode, null, "the API process is the same one");
    for (const api of outage.apis) {
      assert.deepEqual(api.badAnswers, [], api.name);
      assert.ok(api.latencyMs.max < 1_000, `${api.name}: slowest failure ${api.latencyMs.max} ms`);
      assert.ok(api.recoveredMs < 10_000, `${api.name}: answered again after ${api.recoveredMs} ms`);
    }
  } finally {
    await production.stop();
    await stack.stop();
  }
});
