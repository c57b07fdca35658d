// npm run test:soak: SIGKILL the indexer 20 times while it catches up on 50,000 mixed events, restart
// Postgres once in the middle, then require every table to equal the eth_getLogs projection.
import assert from "node:assert/strict";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { runCrash } from "./crashRun.ts";

const seed = Number(process.env.SOAK_SEED ?? Math.floor(Math.random() * 2 ** 31));
const events = Number(process.env.SOAK_CRASH_EVENTS ?? 50_000);
const kills = Number(process.env.SOAK_CRASH_KILLS ?? 20);

test(`the indexer survives ${kills} SIGKILLs and a Postgres restart over ${events} events`, { timeout: 3 * 60 * 60_000 }, async () => {
  console.log(`crash soak: seed ${seed} (repeat with SOAK_SEED=${seed})`);
  const run = await runCrash({ events, kills, seed, postgresDownMs: 5_000, convergeTimeoutMs: 30 * 60_000, log: (line) => console.log(`crash soak: ${line}`) });
  for (const kill of run.kills)
    console.log(
      `crash soak: kill ${kill.kill} (${kill.moment}) after ${kill.runMs} ms at height ${kill.heightAtKill}; ` +
        `resumed past it ${kill.resumedMs ?? "-"} ms after the restart`,
    );
  for (const table of run.tables)
    console.log(`crash soak: ${table.table}: ${table.expected} rows expected, ${table.missing} missing, ${table.extra} extra, ${table.different} different`);
  console.log(
    `crash soak: ${run.totals.missing} missing / ${run.totals.extra} extra / ${run.totals.different} different rows; ` +
      `converged ${run.convergeMs} ms after the last start`,
  );
  if (process.env.SOAK_REPORT_DIR) {
    mkdirSync(process.env.SOAK_REPORT_DIR, { recursive: true });
    writeFileSync(path.join(process.env.SOAK_REPORT_DIR, "indexer-crash.json"), JSON.stringify(run, null, 2) + "\n");
  }
  assert.ok(run.backlog.events >= events, `the backlog has ${run.backlog.events} events`);
  assert.equal(run.kills.length, kills);
  assert.deepEqual(run.totals, { missing: 0, extra: 0, different: 0 });
});
