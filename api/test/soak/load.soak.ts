// npm run test:soak: 50 clients for 60 s over the world's data, through `npm run api` in production mode.
import assert from "node:assert/strict";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { startWorld } from "../support/world.ts";
import { runLoad, worldPersonas } from "../load/loadRun.ts";

test("50 clients for 60 s: 0 errors, 0 non-2xx", { timeout: 30 * 60_000 }, async () => {
  const world = await startWorld();
  try {
    const { stack, scenario } = world;
    const load = await runLoad({
      databaseUrl: stack.database.url,
      dbSchema: "api_test",
      deployment: stack.deployment,
      personas: worldPersonas(scenario),
      connections: Number(process.env.SOAK_LOAD_CONNECTIONS ?? 50),
      durationSeconds: Number(process.env.SOAK_LOAD_SECONDS ?? 60),
    });
    console.log(`api load soak: ${JSON.stringify(load)}`);
    if (process.env.SOAK_REPORT_DIR) {
      mkdirSync(process.env.SOAK_REPORT_DIR, { recursive: true });
      writeFileSync(path.join(process.env.SOAK_REPORT_DIR, "api-load.json"), JSON.stringify(load, null, 2) + "\n");
    }
    assert.deepEqual(
      { errors: load.errors, timeouts: load.timeouts, non2xx: load.non2xx, graphqlErrors: load.graphqlErrors },
      { errors: 0, timeouts: 0, non2xx: 0, graphqlErrors: 0 },
      load.firstFailure,
    );
  } finally {
    await world.stack.stop();
  }
});
