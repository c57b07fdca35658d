import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { freePort, exitWithParentFlags } from "@caretrail/devstack";
import { writeRuntimeManifest, type CareTrailTarget } from "./runtimeManifest.ts";
import { subqlDir, subqlNodeBin } from "./paths.ts";
import { startChainWatchProxy, type ChainWatchProxy, type IndexedBlock } from "./chainWatchProxy.ts";
import { readIndexerProgress } from "./indexerProgress.ts";
import { createStateTables, stateSchema, readIndexedBlocks, writeIndexedBlock, writeStatus, type IndexerState, type IndexerStatus } from "./indexerState.ts";
import { findDivergence, type Divergence } from "./reorgGuard.ts";
import { blockHashes, chainHeadOf } from "./chainReads.ts";
import { CareTrailError } from "@caretrail/sdk/errors";
import { forwardLines, stopChildProcess as stopChild } from "@caretrail/devstack";
import { openSql } from "./sql.ts";

/** Where SubQuery writes: any Postgres the indexer may create schemas in. */
export type IndexerDatabase = { host: string; port: number; user: string; password: string; database: string };

export type StartIndexerParameters = {
  target: CareTrailTarget;
  database: IndexerDatabase;
  /** Postgres schema holding this project's tables and its _metadata. */
  dbSchema: string;
  /** Receives every log line of the SubQuery node. */
  onOutput?: (line: string) => void;
  /** Receives the runner's own messages: reorgs, outages, restarts (one line each). */
  onNotice?: (line: string) => void;
  /** Extra subql-node-ethereum flags. */
  extraArgs?: string[];
  /**
   * For development chains (Hardhat) that can replace any number of blocks: the runner compares the blocks it
   * indexed with the chain every second and rolls back on any divergence. Reorgs up to this many blocks are
   * routine ("reorg"); deeper ones are reported as such ("reindexing") and recovered the same way.
   */
  reorgDepth?: number;
  /** How often SubQuery asks for the chain head, in ms (default DEFAULT_HEAD_POLL_MS). */
  headPollMs?: number;
  /** Writes a V8 CPU profile of each SubQuery node process into this folder when it exits (for profiling). */
  cpuProfileDir?: string;
};

export type IndexerProcess = {
  /** The SubQuery node running now (the runner replaces it after an outage or a deep reorg). */
  readonly process: ChildProcess;
  dbSchema: string;
  /** SubQuery's admin and health port, on 127.0.0.1 only. */
  readonly adminPort: number;
  /**
   * Resolves once the runner has stopped for good: stop(), the node killed by a signal from outside, or the
   * node failing repeatedly with the chain and Postgres both up (then `status().reason` says what to do).
   */
  exited: Promise<number | NodeJS.Signals | null>;
  /** SIGTERM, then SIGKILL after 5 s. */
  stop: () => Promise<void>;
  /** True until `exited` resolves (the runner may be between two SubQuery processes). */
  running: () => boolean;
  /** What the runner knows now; `outage` is true while the chain or Postgres is away. */
  status: () => IndexerStatus & { outage: boolean };
};

export class IndexerNotBuiltError extends CareTrailError {
  override name = "IndexerNotBuiltError";
  static override readonly kind = "MISCONFIGURED";
  constructor() {
    super(`The SubQuery project in ${subqlDir} is not built: run \`npm run build -w indexer\` (after \`npm ci\` at the repository root).`);
  }
}

/** Hardhat's chain id: its blocks can be replaced at any depth (evm_revert), so the runner watches them. */
const HARDHAT_CHAIN_ID = 31337;
const GUARD_INTERVAL_MS = 1_000;
/**
 * How often SubQuery asks for the chain head (its own default is a 5 s constant; scripts/subqlPatches.mjs makes it
 * SUBQL_CHAIN_INTERVAL_MS). Two cheap RPC calls per interval buy an event's arrival within a fraction of a second.
 */
export const DEFAULT_HEAD_POLL_MS = 250;
/**
 * How long SubQuery's idle loops sleep before looking again for a new head or a queued block (its own sleep is 1 s
 * in each of two loops, scripts/subqlPatches.mjs makes it SUBQL_IDLE_WAIT_MS). A timer tick costs nothing next to
 * the second it saves each block at the head.
 */
const IDLE_WAIT_MS = 20;
/** Consecutive node failures, with the chain and Postgres up and no progress between them, before giving up. */
const MAX_FAILED_RESTARTS = 3;
const LOOPBACK_PRELOAD = path.join(path.dirname(fileURLToPath(import.meta.url)), "loopbackOnly.cjs");

/** Reorgs up to this many blocks are routine on a development chain unless the runner is told otherwise. */
export const DEFAULT_REORG_DEPTH = 10;

function profileFlags(dir: string | undefined): string[] {
  return dir ? ["--cpu-prof", `--cpu-prof-dir=${dir}`, "--require", path.join(path.dirname(fileURLToPath(import.meta.url)), "profileOnExit.cjs")] : [];
}

/** The reorg depth to watch for on a development chain (Hardhat), or undefined on chains that report finality themselves. */
export function defaultReorgDepth(chainId: number, depth = DEFAULT_REORG_DEPTH): number | undefined {
  return chainId === HARDHAT_CHAIN_ID ? depth : undefined;
}

/** Starts a SubQuery node indexing one CareTrail deployment into `dbSchema`, and supervises it. */
export async function startIndexer(parameters: StartIndexerParameters): Promise<IndexerProcess> {
  const {
    target,
    database,
    dbSchema,
    onOutput,
    onNotice = () => {},
    extraArgs = [],
    reorgDepth,
    headPollMs = DEFAULT_HEAD_POLL_MS,
    cpuProfileDir,
  } = parameters;
  if (!existsSync(subqlNodeBin) || !existsSync(`${subqlDir}/dist/index.js`)) throw new IndexerNotBuiltError();
  await ensureBtreeGist(database);
  // postgres.js reconnects on the next query after an outage; a lost connection only fails the query in flight.
  const sql = openSql(database, { max: 3, connectTimeoutSeconds: 3 });
  await createStateTables(sql, dbSchema);
  const watching = reorgDepth !== undefined;
  const indexed = watching ? await readIndexedBlocks(sql, dbSchema) : new Map<number, IndexedBlock>();

  let chainReachable = true;
  let databaseReachable = true;
  const outageSince: { chain?: number; database?: number } = {};
  /** Rewrites the status row at once when reachability changes (set below, once the status check exists). */
  let reachabilityChanged = () => {};
  const noteChain = (reachable: boolean, reason?: string) => {
    if (reachable === chainReachable) return;
    chainReachable = reachable;
    if (!reachable) {
      outageSince.chain = Date.now();
      onNotice(`chain     ${target.endpoint} is not answering (${reason ?? "no answer"}): waiting for it; nothing is lost, indexing resumes where it stopped`);
    } else {
      onNotice(`chain     back after ${seconds(outageSince.chain)} s: resuming`);
      outageSince.chain = undefined;
    }
    reachabilityChanged();
  };
  const noteDatabase = (reachable: boolean, reason?: string) => {
    if (reachable === databaseReachable) return;
    databaseReachable = reachable;
    if (!reachable) {
      outageSince.database = Date.now();
      onNotice(
        `postgres  ${database.host}:${database.port} is not answering (${reason ?? "no answer"}): waiting for it; ` +
          "the indexer restarts from its last committed block when it is back",
      );
    } else {
      onNotice(`postgres  back after ${seconds(outageSince.database)} s: resuming`);
      outageSince.database = undefined;
    }
    reachabilityChanged();
  };

  const proxy: ChainWatchProxy | undefined = watching
    ? await startChainWatchProxy({
        upstream: target.endpoint,
        onIndexedBlock: async (block) => {
          await writeIndexedBlock(sql, dbSchema, block);
          indexed.set(block.height, block);
        },
        onReachability: noteChain,
      })
    : undefined;
  const manifest = writeRuntimeManifest(proxy ? { ...target, endpoint: proxy.url } : target, dbSchema);
  const adminPort = await freePort();
  const nodeFlags = [
    `--subquery=${manifest}`,
    `--db-schema=${dbSchema}`,
    // Historical state lets a rewind (SubQuery's own or the runner's) restore every table to a height.
    "--historical=height",
    // On a watched chain the runner detects reorgs itself; SubQuery's own check only sees the last
    // --block-confirmations blocks and exits on deeper ones, so it is off there.
    `--unfinalized-blocks=${watching ? "false" : "true"}`,
    "--output-fmt=json",
    ...extraArgs,
  ];
  const env = {
    ...process.env,
    TZ: "UTC",
    SUBQL_CHAIN_INTERVAL_MS: String(headPollMs),
    SUBQL_IDLE_WAIT_MS: String(IDLE_WAIT_MS),
    // CareTrail's mapping is built from this repository, so it runs in the node's own context rather than behind vm2,
    // whose bridge wrapped every object crossing into the handlers (scripts/subqlPatches.mjs, trusted-mapping).
    SUBQL_TRUSTED_MAPPING: "1",
    DB_HOST: database.host,
    DB_PORT: String(database.port),
    DB_USER: database.user,
    DB_PASS: database.password,
    DB_DATABASE: database.database,
  };
  const spawnSubql = (args: string[]) =>
    spawn(process.execPath, [...exitWithParentFlags(), ...profileFlags(cpuProfileDir), "--require", LOOPBACK_PRELOAD, subqlNodeBin, ...args], {
      cwd: subqlDir,
      stdio: ["ignore", "pipe", "pipe"],
      env,
    });

  let child!: ChildProcess;
  let stopping = false;
  let replacing = false;
  let state: IndexerState = "starting";
  let reason: string | null = null;
  let chainHead: number | null = null;
  let lastProcessedHeight: number | null = null;
  let failedRestarts = 0;
  let heightAtLastStart: number | null = null;
  let resolveExited!: (value: number | NodeJS.Signals | null) => void;
  const exited = new Promise<number | NodeJS.Signals | null>((resolve) => (resolveExited = resolve));

  const report = async () => {
    if (!databaseReachable) return;
    await writeStatus(sql, dbSchema, { state, reason, chainHead, lastProcessedHeight }).catch(() => {});
  };

  const startNode = () => {
    heightAtLastStart = lastProcessedHeight;
    child = spawnSubql([...nodeFlags, `--port=${adminPort}`]);
    forwardLines(child, (line) => onOutput?.(line));
    child.once("exit", (code, signal) => void onNodeExit(code, signal));
  };

  let finished = false;
  const finish = async (value: number | NodeJS.Signals | null) => {
    finished = true;
    clearInterval(guardTimer);
    await proxy?.stop();
    await sql.end().catch(() => {});
    resolveExited(value);
  };

  const onNodeExit = async (code: number | null, signal: NodeJS.Signals | null) => {
    if (stopping || replacing) return;
    if (signal) {
      // Killed from outside (a test's SIGKILL, the operator): that is a stop, not a failure to recover from.
      await finish(signal);
      return;
    }
    // The node exits when the chain or Postgres stays away; wait for both, then start it again.
    await probe();
    if (!chainReachable || !databaseReachable) {
      state = chainReachable ? "database-unreachable" : "chain-unreachable";
      // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- stop(), probe() change these while this loop awaits
      while (!stopping && (!chainReachable || !databaseReachable)) {
        await new Promise((resolve) => setTimeout(resolve, 1_000));
        await probe();
      }
      // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- stop() may have run during the wait
      if (stopping) return;
      failedRestarts = 0;
      startNode();
      return;
    }
    if (lastProcessedHeight !== heightAtLastStart) failedRestarts = 0;
    failedRestarts++;
    if (failedRestarts > MAX_FAILED_RESTARTS) {
      state = "failed";
      reason =
        `the SubQuery node exited with code ${code} ${MAX_FAILED_RESTARTS + 1} times in a row with the chain and Postgres up; ` +
        `its last lines say why. To re-index from the start block: ` +
        `drop schema ${dbSchema} cascade; drop schema ${stateSchema(dbSchema)} cascade; then start the indexer again`;
      onNotice(`indexer   ${reason}`);
      await report();
      await finish(code);
      return;
    }
    onNotice(`indexer   the SubQuery node exited with code ${code}: starting it again (${failedRestarts} of ${MAX_FAILED_RESTARTS})`);
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- stop() may have run during the wait
    if (!stopping) startNode();
  };

  let failedHeadProbes = 0;
  /** Refreshes chain head, indexed height and reachability. */
  const probe = async () => {
    const head = await chainHeadOf(target.endpoint);
    failedHeadProbes = head === undefined ? failedHeadProbes + 1 : 0;
    // One slow answer on a loaded machine is not an outage: two probes in a row must fail (the proxy reports a
    // refused connection at once).
    if (head !== undefined || failedHeadProbes >= 2) noteChain(head !== undefined, "no answer to eth_blockNumber");
    if (head !== undefined) chainHead = head;
    try {
      const progress = await readIndexerProgress({ database: sql, dbSchema });
      noteDatabase(true);
      lastProcessedHeight = progress.lastProcessedHeight ?? null;
    } catch (error) {
      noteDatabase(false, (error as { code?: string }).code ?? (error as Error).message);
    }
  };

  const rewind = async ({ forkHeight, depth }: Divergence) => {
    const deep = depth > (reorgDepth ?? 0);
    state = deep ? "reindexing" : "reorg";
    reason = deep
      ? `deep reorg: the chain replaced ${depth} indexed blocks (more than INDEXER_REORG_DEPTH=${reorgDepth}); re-indexing from block ${forkHeight + 1}`
      : `reorg: the chain replaced ${depth} indexed block${depth === 1 ? "" : "s"}; rolling back to block ${forkHeight}`;
    onNotice(`${deep ? "REORG    " : "reorg    "} ${reason}`);
    await report();
    // SubQuery's admin rewind (POST /admin/rewind) is no use here: it passes the height on as a string, the
    // Ethereum node then looks the block up as a hash and never applies the rewind (seen in 6.5.0).
    await replaceNode(forkHeight);
  };

  /** Stops the node, rewinds its tables with SubQuery's `reindex` (below the start block: drops them), starts it again. */
  const replaceNode = async (forkHeight: number) => {
    replacing = true;
    try {
      await stopChild(child);
      const reindex = spawnSubql(["reindex", `--targetHeight=${Math.max(forkHeight, 0)}`, ...nodeFlags]);
      child = reindex; // what `process` and stop() refer to until the node runs again
      forwardLines(reindex, (line) => onOutput?.(line));
      const code = await new Promise<number | null>((resolve) => reindex.once("exit", (exitCode) => resolve(exitCode)));
      if (code !== 0) onNotice(`reorg     SubQuery's reindex exited with code ${code}; starting the node anyway (it will be checked again)`);
    } finally {
      replacing = false;
    }
    if (!stopping) startNode();
  };

  let busy = false;
  let tickAgain = false;
  const tick = async () => {
    if (stopping) return;
    if (busy) {
      tickAgain = true;
      return;
    }
    busy = true;
    try {
      await probe();
      if (watching && chainReachable && databaseReachable && lastProcessedHeight !== null && !replacing) {
        const divergence = await findDivergence(indexed, lastProcessedHeight, target.startBlock, (heights) => blockHashes(target.endpoint, heights));
        if (divergence) {
          await rewind(divergence);
          return;
        }
      }
      if (state === "failed") return;
      if (!chainReachable) {
        state = "chain-unreachable";
        reason = `the chain at ${target.endpoint} has not answered for ${seconds(outageSince.chain)} s; the indexer resumes when it is back`;
      } else if (!databaseReachable) {
        state = "database-unreachable";
        reason = `Postgres has not answered for ${seconds(outageSince.database)} s`;
      } else if (lastProcessedHeight === null || chainHead === null) {
        state = "starting";
        reason = null;
      } else {
        state = chainHead - lastProcessedHeight > 1 ? "catching-up" : "following";
        reason = null;
      }
      await report();
    } catch (error) {
      onNotice(`indexer   check failed: ${(error as Error).message}`);
    } finally {
      busy = false;
      if (tickAgain) {
        tickAgain = false;
        void tick();
      }
    }
  };
  // The chain answering again is seen by the proxy first; the status row should not say "away" for up to a
  // check interval while rows already flow (the outage drill saw the tables converge before the next check).
  reachabilityChanged = () => void tick();
  const guardTimer = setInterval(() => void tick(), GUARD_INTERVAL_MS);
  startNode();

  return {
    get process() {
      return child;
    },
    dbSchema,
    adminPort,
    exited,
    stop: async () => {
      if (stopping) return exited.then(() => {});
      stopping = true;
      clearInterval(guardTimer);
      await stopChild(child);
      state = "stopped";
      reason = "the indexer was stopped";
      await report();
      await finish(child.exitCode ?? child.signalCode);
    },
    status: () => ({ state, reason, chainHead, lastProcessedHeight, outage: !chainReachable || !databaseReachable }),
    running: () => !finished,
  };
}

function seconds(since: number | undefined): number {
  return since === undefined ? 0 : Math.round((Date.now() - since) / 1000);
}

/** SubQuery's historical state (needed to roll back reorged blocks) requires btree_gist in the database. */
async function ensureBtreeGist(database: IndexerDatabase): Promise<void> {
  const sql = openSql(database, { max: 1 });
  // Connecting first keeps an unreachable database's own error apart from a missing extension.
  await sql`select 1`.catch(async (error: unknown) => {
    await sql.end();
    throw error;
  });
  try {
    await sql`create extension if not exists btree_gist`;
  } catch (error) {
    throw new Error(
      `Could not enable the btree_gist extension in ${database.database} (${(error as Error).message}): ` +
        `ask the database owner to run "create extension btree_gist", or let the indexer use the embedded Postgres (unset DATABASE_URL).`,
      { cause: error },
    );
  } finally {
    await sql.end();
  }
}
