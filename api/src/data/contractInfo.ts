import type { ContractInfo, IndexerState, IndexerStatus } from "../generated/resolvers.js";
import type { DeploymentRef } from "../context.js";
import type { Projection } from "../db.js";

/** Blocks behind the head that still count as current (the head is polled every few seconds). */
export const HEALTHY_LAG_BLOCKS = 10;
/** The runner reports every second; a report older than this means it is not running (or stuck). */
const SILENT_AFTER_MS = 15_000;

type StatusRow = { state: string; reason: string | null; chain_head: number | null; last_processed_height: number | null; updated_at: Date };

/** Public metadata: the deployment served, SubQuery's _metadata, and the runner's status row (`<schema>_indexer.status`). */
export async function readContractInfo(projection: Projection, deployment: DeploymentRef | undefined): Promise<ContractInfo> {
  const { sql, table } = projection;
  const rows = await sql<{ key: string; value: unknown }[]>`
    select key, value from ${table("_metadata")} where key in ('lastProcessedHeight', 'indexerHealthy', 'chain')`;
  const value = (key: string) => rows.find((row) => row.key === key)?.value;
  const height = value("lastProcessedHeight");
  const chain = value("chain");
  const indexedHeight = height === undefined ? null : Number(height);
  return {
    chainId: deployment?.chainId ?? (chain === undefined ? null : Number(chain)),
    address: deployment?.address ?? null,
    indexedHeight,
    indexerHealthy: value("indexerHealthy") === true,
    indexer: await readIndexerStatus(projection, indexedHeight),
  };
}

async function readIndexerStatus({ sql, dbSchema }: Projection, indexedHeight: number | null): Promise<IndexerStatus> {
  const [found] = await sql<{ present: boolean }[]>`
    select exists (select 1 from information_schema.tables where table_schema = ${`${dbSchema}_indexer`} and table_name = 'status') as present`;
  const [row] = found?.present
    ? await sql<StatusRow[]>`select state, reason, chain_head, last_processed_height, updated_at from ${sql(`${dbSchema}_indexer.status`)} where id = 1`
    : [];
  if (!row) {
    return {
      healthy: false,
      state: "UNKNOWN",
      reason: "no indexer runner has reported for this schema",
      lastProcessedHeight: indexedHeight,
      chainHead: null,
      lagBlocks: null,
      reportedAt: null,
    };
  }
  // The tables are the truth for what is indexed; the runner's row for the chain and its own state.
  const lastProcessedHeight = indexedHeight ?? row.last_processed_height;
  const chainHead = row.chain_head;
  const lagBlocks = chainHead !== null && lastProcessedHeight !== null ? Math.max(chainHead - lastProcessedHeight, 0) : null;
  const silentForMs = Date.now() - row.updated_at.getTime();
  let state = row.state.toUpperCase().replaceAll("-", "_") as IndexerState;
  let reason = row.reason;
  if (silentForMs > SILENT_AFTER_MS && state !== "STOPPED" && state !== "FAILED") {
    state = "SILENT";
    const last = `${row.state}${row.reason ? `, ${row.reason}` : ""}`;
    reason = `the indexer has not reported for ${Math.round(silentForMs / 1000)} s (last: ${last}); is npm run indexer running?`;
  }
  const followsChain = state === "FOLLOWING" || state === "CATCHING_UP";
  const healthy = followsChain && lagBlocks !== null && lagBlocks <= HEALTHY_LAG_BLOCKS;
  if (!healthy && reason === null) reason = lagBlocks === null ? "the chain head is unknown" : `${lagBlocks} blocks behind the chain head`;
  return { healthy, state, reason: healthy ? null : reason, lastProcessedHeight, chainHead, lagBlocks, reportedAt: row.updated_at };
}
