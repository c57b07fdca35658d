// The crash run shared by the short test (npm test) and the soak: SIGKILL the indexer at seeded random
// moments while it catches up on a mixed backlog, restart Postgres once in the middle, let it converge,
// then compare every table with the independent eth_getLogs projection.
import { isDeepStrictEqual } from "node:util";
import { restartDatabase } from "@caretrail/devstack";
import { readIndexerProgress } from "../../src/indexerProgress.ts";
import { openSql } from "../../src/sql.ts";
import type { IndexerProcess } from "../../src/startIndexer.ts";
import { sendMixedBacklog, seededRandom, type MixedBacklogReturnType } from "../support/backlog.ts";
import { EVENT_TABLES, projectLogs, readTable } from "../support/projection.ts";
import { runScenario } from "../support/scenario.ts";
import { startStack } from "../support/stack.ts";

export type CrashRunParameters = {
  events: number;
  kills: number;
  seed: number;
  /** How long Postgres stays down during its restart. */
  postgresDownMs?: number;
  /** One-transaction blocks per sparse run of the backlog. */
  sparseBlocks?: number;
  convergeTimeoutMs?: number;
  log?: (line: string) => void;
};

export type KillFigure = {
  kill: number;
  /** "startup": killed within a few seconds of being started; "indexing": once past a random height. */
  moment: "startup" | "indexing";
  runMs: number;
  heightAtKill: number | null;
  /** From the restart until the indexer had committed a block past its height at the kill (null: killed again first). */
  resumedMs: number | null;
};

export type TableDiff = { table: string; expected: number; missing: number; extra: number; different: number };

export type CrashRunReturnType = {
  seed: number;
  backlog: MixedBacklogReturnType & { startBlock: number; head: number; projectedEvents: number };
  kills: KillFigure[];
  /** Kills at a height below the head: the indexer was still catching up. */
  killsWhileCatchingUp: number;
  postgresRestart: { afterKill: number; downMs: number; indexerExitedByItself: boolean };
  /** Times the node exited without being killed (e.g. when Postgres went away); the supervisor restarted it each time. */
  selfExits: { afterKill: number; code: string }[];
  /** From the last start of the indexer until it had processed the head. */
  convergeMs: number;
  totals: { missing: number; extra: number; different: number };
  tables: TableDiff[];
  elapsedMs: number;
};

const DB_SCHEMA = "crash";

export async function runCrash({
  events,
  kills,
  seed,
  postgresDownMs = 2_000,
  sparseBlocks = 25,
  convergeTimeoutMs = 600_000,
  log = () => {},
}: CrashRunParameters): Promise<CrashRunReturnType> {
  const started = performance.now();
  const say = (line: string) => log(`[${((performance.now() - started) / 1000).toFixed(1)} s] ${line}`);
  const random = seededRandom(seed);
  const stack = await startStack();
  let indexer: IndexerProcess | undefined;
  let killing = false;
  // Reconnects on the next poll after the Postgres restart cut its connection.
  const progressPool = openSql(stack.database.url, { max: 1, connectTimeoutSeconds: 2 });
  try {
    await runScenario(stack);
    let reported = 0;
    const backlog = await sendMixedBacklog(stack, {
      events,
      random,
      sparseBlocks,
      onProgress: (sent) => {
        if (Math.floor(sent / 10_000) > Math.floor(reported / 10_000)) say(`backlog: ${sent} events`);
        reported = sent;
      },
    });
    const head = await stack.provider.getBlockNumber();
    const startBlock = stack.deployment.startBlock;
    const expected = await projectLogs(stack.provider, stack.deployment.address, startBlock, head);
    const projectedEvents = [...expected].filter(([table]) => EVENT_TABLES.includes(table)).reduce((sum, [, rows]) => sum + rows.size, 0);
    say(`backlog: ${backlog.events} events in ${backlog.denseBlocks} dense and ${backlog.sparseBlocks} one-transaction blocks, head ${head}`);

    const height = async () => {
      try {
        return (await readIndexerProgress({ database: progressPool, dbSchema: DB_SCHEMA })).lastProcessedHeight ?? null;
      } catch {
        return null; // Postgres is restarting, or the schema does not exist yet
      }
    };
    const selfExits: CrashRunReturnType["selfExits"] = [];
    let startedAt = 0;
    const start = async (afterKill: number) => {
      for (let attempt = 1; ; attempt++) {
        try {
          startedAt = performance.now();
          indexer = await stack.startIndexer(DB_SCHEMA);
          const current = indexer;
          void current.exited.then((code) => {
            if (!killing && indexer === current) {
              selfExits.push({ afterKill, code: String(code) });
              say(`supervisor: the indexer exited by itself (${code}) after kill ${afterKill}; restarting it`);
              indexer = undefined;
            }
          });
          return;
        } catch (error) {
          if (attempt >= 30) throw error;
          await sleep(1_000); // Postgres may still be starting
        }
      }
    };
    const kill = async () => {
      killing = true;
      indexer?.process.kill("SIGKILL");
      await indexer?.exited;
      indexer = undefined;
      killing = false;
    };
    /** Keeps a node running: restarts one that exited by itself. */
    const supervise = async (afterKill: number) => {
      if (!indexer) await start(afterKill);
    };

    const spanBlocks = head - startBlock;
    const targets = Array.from({ length: kills }, () => startBlock + Math.floor(random() * spanBlocks)).sort((a, b) => a - b);
    const middle = Math.ceil(kills / 2);
    const figures: KillFigure[] = [];
    let postgresRestart: CrashRunReturnType["postgresRestart"] = { afterKill: middle, downMs: postgresDownMs, indexerExitedByItself: false };
    await start(0);
    for (let n = 1; n <= kills; n++) {
      const previous = figures.at(-1);
      const resumeTarget = previous?.heightAtKill ?? -1;
      const moment: KillFigure["moment"] = random() < 0.25 ? "startup" : "indexing";
      const startupDelay = 500 + random() * 3_500;
      const extraDelay = random() * 2_000;
      const target = targets[n - 1]!;
      for (;;) {
        await supervise(n - 1);
        const at = await height();
        if (previous && previous.resumedMs === null && at !== null && at > resumeTarget) previous.resumedMs = Math.round(performance.now() - startedAt);
        if (moment === "startup" && performance.now() - startedAt >= startupDelay) break;
        if (moment === "indexing" && at !== null && at >= Math.min(target, head)) {
          await sleep(extraDelay);
          break;
        }
        if (moment === "indexing" && at !== null && at >= head) break;
        await sleep(100);
      }
      const runMs = Math.round(performance.now() - startedAt);
      await kill();
      const heightAtKill = await height();
      figures.push({ kill: n, moment, runMs, heightAtKill, resumedMs: null });
      say(`kill ${n}/${kills} (${moment}) after ${runMs} ms at height ${heightAtKill} of ${head}`);
      await start(n);
      if (n === middle) {
        await sleep(1_000 + random() * 2_000);
        const before = selfExits.length;
        say(`postgres: restarting (down ${postgresDownMs} ms) under a running indexer`);
        await restartDatabase(stack.database, { whileDown: () => sleep(postgresDownMs) });
        await sleep(5_000); // give the node time to notice
        postgresRestart = { afterKill: n, downMs: postgresDownMs, indexerExitedByItself: selfExits.length > before || indexer === undefined };
        say(`postgres: back; the indexer ${postgresRestart.indexerExitedByItself ? "exited and was restarted" : "kept running"}`);
      }
    }

    const deadline = performance.now() + convergeTimeoutMs;
    let at: number | null = null;
    const lastKill = figures.at(-1);
    for (;;) {
      await supervise(kills);
      at = await height();
      if (lastKill && lastKill.resumedMs === null && at !== null && at > (lastKill.heightAtKill ?? -1))
        lastKill.resumedMs = Math.round(performance.now() - startedAt);
      if (at !== null && at >= head) break;
      if (performance.now() > deadline)
        throw new Error(`The indexer reached ${at} of ${head} within ${convergeTimeoutMs} ms after the last kill:\n${stack.indexerLog()}`);
      await sleep(250);
    }
    const convergeMs = Math.round(performance.now() - startedAt);
    say(`converged: head ${head} processed ${convergeMs} ms after the last start`);

    const tables = await compareTables(stack.database.url, expected);
    const totals = tables.reduce((sum, t) => ({ missing: sum.missing + t.missing, extra: sum.extra + t.extra, different: sum.different + t.different }), {
      missing: 0,
      extra: 0,
      different: 0,
    });
    return {
      seed,
      backlog: { ...backlog, startBlock, head, projectedEvents },
      kills: figures,
      killsWhileCatchingUp: figures.filter((figure) => (figure.heightAtKill ?? -1) < head).length,
      postgresRestart,
      selfExits,
      convergeMs,
      totals,
      tables,
      elapsedMs: Math.round(performance.now() - started),
    };
  } finally {
    killing = true;
    indexer?.process.kill("SIGKILL");
    await progressPool.end().catch(() => {});
    await stack.stop().catch((error: unknown) => say(`stack: ${String(error)}`));
  }
}

/** Missing, extra (incl. duplicated current rows) and different rows of every table against the projection. */
async function compareTables(url: string, expected: Awaited<ReturnType<typeof projectLogs>>): Promise<TableDiff[]> {
  const sql = openSql(url, { max: 1 });
  try {
    const diffs: TableDiff[] = [];
    const names = new Set([...expected.keys(), ...EVENT_TABLES]);
    for (const table of names) {
      const want = expected.get(table) ?? new Map();
      const rows = await sql.unsafe<{ total: string; ids: string }[]>(
        `select count(*) as total, count(distinct id) as ids from "${DB_SCHEMA}"."${table}" where upper_inf(_block_range)`,
      );
      const duplicates = Number(rows[0]!.total) - Number(rows[0]!.ids);
      const first = want.values().next().value;
      const actual = first ? await readTable(sql, DB_SCHEMA, table, Object.keys(first)) : new Map();
      let missing = 0;
      let different = 0;
      for (const [id, row] of want) {
        if (!actual.has(id)) missing++;
        else if (!isDeepStrictEqual(actual.get(id), row)) different++;
      }
      const extra = (first ? [...actual.keys()].filter((id) => !want.has(id)).length : Number(rows[0]!.ids)) + duplicates;
      diffs.push({ table, expected: want.size, missing, extra, different });
    }
    return diffs;
  } finally {
    await sql.end();
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
