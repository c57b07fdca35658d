import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { freePort } from "@caretrail/devstack";
import { exitWithParentFlags } from "@caretrail/sdk";
import pg from "pg";
import { writeRuntimeManifest, type CareTrailTarget } from "./runtimeManifest.ts";
import { subqlDir, subqlNodeBin } from "./paths.ts";
import { startFinalityLagProxy } from "./finalityLagProxy.ts";

/** Where SubQuery writes: any Postgres the indexer may create schemas in. */
export type IndexerDatabase = { host: string; port: number; user: string; password: string; database: string };

export type StartIndexerParameters = {
  target: CareTrailTarget;
  database: IndexerDatabase;
  /** Postgres schema holding this project's tables and its _metadata. */
  dbSchema: string;
  /** Receives every log line of the SubQuery node. */
  onOutput?: (line: string) => void;
  /** Extra subql-node-ethereum flags. */
  extraArgs?: string[];
  /**
   * For development chains that claim instant finality (Hardhat): treat blocks as final only this many
   * blocks behind the head, so SubQuery checks the newer ones for reorgs and rolls replaced blocks back.
   */
  reorgDepth?: number;
};

export type IndexerProcess = {
  process: ChildProcess;
  dbSchema: string;
  /** Resolves with the exit code (or signal) once the node has exited. */
  exited: Promise<number | NodeJS.Signals | null>;
  /** SIGTERM, then SIGKILL after 5 s. */
  stop: () => Promise<void>;
};

export class IndexerNotBuiltError extends Error {
  override name = "IndexerNotBuiltError";
  constructor() {
    super(`The SubQuery project in ${subqlDir} is not built: run \`npm run build -w indexer\` (after \`npm ci\` at the repository root).`);
  }
}

/** Hardhat's chain id: its node claims every block final, so it gets the finality-lag proxy. */
const HARDHAT_CHAIN_ID = 31337;

/** How deep a reorg the indexer can undo on a development chain (INDEXER_REORG_DEPTH, default 10), or
 * undefined on chains that report finality themselves. */
export function defaultReorgDepth(chainId: number): number | undefined {
  return chainId === HARDHAT_CHAIN_ID ? Number(process.env.INDEXER_REORG_DEPTH ?? 10) : undefined;
}

/** Starts a SubQuery node indexing one CareTrail deployment into `dbSchema`. */
export async function startIndexer({ target, database, dbSchema, onOutput, extraArgs = [], reorgDepth }: StartIndexerParameters): Promise<IndexerProcess> {
  if (!existsSync(subqlNodeBin) || !existsSync(`${subqlDir}/dist/index.js`)) throw new IndexerNotBuiltError();
  await ensureBtreeGist(database);
  const proxy = reorgDepth === undefined ? undefined : await startFinalityLagProxy(target.endpoint);
  const manifest = writeRuntimeManifest(proxy ? { ...target, endpoint: proxy.url } : target, dbSchema);
  const confirmations = reorgDepth === undefined ? [] : [`--block-confirmations=${reorgDepth}`];
  const child = spawn(
    process.execPath,
    [
      ...exitWithParentFlags(),
      subqlNodeBin,
      `--subquery=${manifest}`,
      `--db-schema=${dbSchema}`,
      `--port=${await freePort()}`,
      // Reorgs: keep unfinalized blocks so a replaced block is rolled back (needs historical state).
      "--unfinalized-blocks=true",
      "--historical=height",
      "--output-fmt=json",
      ...confirmations,
      ...extraArgs,
    ],
    {
      cwd: subqlDir,
      stdio: ["ignore", "pipe", "pipe"],
      env: {
        ...process.env,
        TZ: "UTC",
        DB_HOST: database.host,
        DB_PORT: String(database.port),
        DB_USER: database.user,
        DB_PASS: database.password,
        DB_DATABASE: database.database,
      },
    },
  );
  forwardLines(child, onOutput);
  const exited = new Promise<number | NodeJS.Signals | null>((resolve) =>
    child.once("exit", (code, signal) => resolve(code ?? signal)),
  );
  exited.then(() => proxy?.stop());
  return {
    process: child,
    dbSchema,
    exited,
    stop: async () => {
      await stopChild(child, exited);
      await proxy?.stop();
    },
  };
}

/** SubQuery's historical state (needed to roll back reorged blocks) requires btree_gist in the database. */
async function ensureBtreeGist(database: IndexerDatabase): Promise<void> {
  const client = new pg.Client(database);
  await client.connect();
  try {
    await client.query("create extension if not exists btree_gist");
  } catch (error) {
    throw new Error(
      `Could not enable the btree_gist extension in ${database.database} (${(error as Error).message}): ` +
        `ask the database owner to run "create extension btree_gist", or let the indexer use the embedded Postgres (unset DATABASE_URL).`,
    );
  } finally {
    await client.end();
  }
}

function forwardLines(child: ChildProcess, onOutput: ((line: string) => void) | undefined): void {
  for (const stream of [child.stdout!, child.stderr!]) {
    let pending = "";
    stream.on("data", (chunk: Buffer) => {
      const lines = (pending + chunk.toString()).split("\n");
      pending = lines.pop() ?? "";
      for (const line of lines) if (line.trim()) onOutput?.(line);
    });
  }
}

async function stopChild(child: ChildProcess, exited: Promise<unknown>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
  await exited;
  clearTimeout(timer);
}
