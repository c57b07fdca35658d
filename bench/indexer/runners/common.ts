// What every indexer run gets and gives back, and the helpers they share.
import { spawn, type ChildProcess } from "node:child_process";
import type { Database } from "@caretrail/devstack";
import type { Sql } from "@caretrail/indexer";
import type { Backlog } from "../backlog.ts";
import { CareTrailError } from "@caretrail/sdk/errors";

export type RunInput = {
  backlog: Backlog;
  rpcUrl: string;
  database: Database;
  sql: Sql;
  schema: string;
  /** Where the indexer's node writes a V8 CPU profile (bench/indexer/profile.ts); B only. */
  cpuProfileDir?: string;
  /** SubQuery flags added to B's own (bench/indexer/levers.ts); B only. */
  indexerFlags?: string[];
};
/** `ms` end to end: from starting the indexer to every row in Postgres. `rows` is counted afterwards. */
export type RunOutcome = { ms: number; rows: number };
export type Runner = { id: "A" | "B" | "C" | "D"; name: string; run: (input: RunInput) => Promise<RunOutcome> };

export class IncompleteRunError extends CareTrailError {
  override name = "IncompleteRunError";
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `done` every `everyMs` until true; fails after `timeoutMs` or when `alive` says the indexer died. */
export type WaitOptions = { timeoutMs?: number; everyMs?: number; alive?: () => boolean; log?: () => string };

export async function waitFor(
  what: string,
  done: () => Promise<boolean>,
  { timeoutMs = 1_800_000, everyMs = 100, alive = () => true, log = () => "" }: WaitOptions = {},
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await done().catch(() => false)) return;
    if (!alive()) throw new IncompleteRunError(`${what}: the indexer exited first\n${log()}`);
    if (Date.now() > deadline) throw new IncompleteRunError(`${what}: not done within ${timeoutMs / 1000} s\n${log()}`);
    await sleep(everyMs);
  }
}

/** Distinct ids over the tables of `schema` whose names match `like` (one row per event in each). */
export async function countEventRows(sql: Sql, schema: string, like: string): Promise<number> {
  const tables = await sql<{ table_name: string }[]>`
    select table_name from information_schema.tables where table_schema = ${schema} and table_name like ${like} and table_name not like '\\_%'`;
  let total = 0;
  for (const { table_name } of tables) {
    const [row] = await sql<{ n: string }[]>`select count(distinct id) as n from ${sql(schema)}.${sql(table_name)}`;
    total += Number(row!.n);
  }
  return total;
}

export async function dropSchemas(sql: Sql, ...schemas: string[]): Promise<void> {
  for (const schema of schemas) await sql`drop schema if exists ${sql(schema)} cascade`;
}

/** A child process whose output lines are kept (the last 40) for failure messages. */
export function spawnKept(
  command: string,
  args: string[],
  options: { cwd: string; env: NodeJS.ProcessEnv },
): { child: ChildProcess; log: () => string; alive: () => boolean; stop: () => Promise<void> } {
  const child = spawn(command, args, { ...options, stdio: ["ignore", "pipe", "pipe"], detached: false });
  const recent: string[] = [];
  let exited = false;
  const keep = (chunk: Buffer) => {
    for (const line of chunk.toString().split("\n")) {
      if (!line.trim()) continue;
      recent.push(line);
      if (recent.length > 40) recent.shift();
      if (process.env.BENCH_LOG) console.error(line);
    }
  };
  child.stdout.on("data", keep);
  child.stderr.on("data", keep);
  const gone = new Promise<void>((resolve) =>
    child.once("exit", () => {
      exited = true;
      resolve();
    }),
  );
  return {
    child,
    log: () => recent.join("\n"),
    alive: () => !exited,
    stop: async () => {
      if (exited) return;
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
      await gone;
      clearTimeout(timer);
    },
  };
}
