// When the dashboard should warn that what it shows may lag the chain, from the API's `contract { indexer }`.
import type { IndexerStatus } from "./apiShapes";

export type { IndexerStatus };

/** Blocks behind the chain head before the banner shows, even if the API still calls the indexer healthy. */
export const BEHIND_THRESHOLD_BLOCKS = 10;

const STATES: Record<string, string> = {
  REORG: "the chain replaced recent blocks and the indexer is rolling them back",
  REINDEXING: "the chain replaced many blocks and the indexer is re-indexing",
  CHAIN_UNREACHABLE: "the indexer cannot reach the chain",
  DATABASE_UNREACHABLE: "the indexer cannot reach its database",
  SILENT: "the indexer has stopped reporting",
  STOPPED: "the indexer is stopped",
  FAILED: "the indexer has failed",
  STARTING: "the indexer is starting",
  UNKNOWN: "no indexer has reported yet",
};

/** The banner's text, or null when the data is current. */
export function freshnessWarning(status: IndexerStatus): string | null {
  const behind = status.lagBlocks !== null && status.lagBlocks > BEHIND_THRESHOLD_BLOCKS;
  if (status.healthy && !behind) return null;
  const parts = [
    STATES[status.state] ?? null,
    status.lagBlocks ? `${status.lagBlocks} block${status.lagBlocks === 1 ? "" : "s"} behind the chain` : null,
  ].filter((part): part is string => part !== null);
  return `Data may be behind: ${parts.length ? parts.join("; ") : (status.reason ?? "the indexer is not up to date")}. Recent events may be missing.`;
}
