import assert from "node:assert/strict";
import { before, test } from "node:test";
import { runCrash, type CrashRunReturnType } from "./soak/crashRun.ts";

// The short version of the crash soak (npm run test:soak runs 20 kills over 50,000 events).
const seed = Number(process.env.SOAK_SEED ?? Math.floor(Math.random() * 2 ** 31));
let run: CrashRunReturnType;

before(async () => {
  console.log(`crash (short): seed ${seed} (repeat with SOAK_SEED=${seed})`);
  run = await runCrash({ events: 3_000, kills: 3, seed, sparseBlocks: 10, log: (line) => process.env.SOAK_LOG && console.log(line) });
  console.log(
    JSON.stringify({
      seed,
      kills: run.kills,
      postgresRestart: run.postgresRestart,
      selfExits: run.selfExits,
      convergeMs: run.convergeMs,
      totals: run.totals,
      elapsedMs: run.elapsedMs,
    }),
  );
});

test("the backlog holds 3,000 mixed events in dense and one-transaction blocks", () => {
  assert.ok(run.backlog.events >= 3_000, `only ${run.backlog.events} events`);
  assert.ok(run.backlog.denseBlocks > 0 && run.backlog.sparseBlocks > 0, JSON.stringify(run.backlog));
});

test("the indexer was killed 3 times and Postgres restarted once, and it converged", () => {
  assert.equal(run.kills.length, 3);
  assert.equal(run.postgresRestart.afterKill, 2);
  assert.ok(run.convergeMs > 0);
});

test("after the last restart every table equals the eth_getLogs projection: 0 missing, 0 extra, 0 different", () => {
  const wrong = run.tables.filter((table) => table.missing + table.extra + table.different > 0);
  assert.deepEqual(run.totals, { missing: 0, extra: 0, different: 0 }, JSON.stringify(wrong));
});
