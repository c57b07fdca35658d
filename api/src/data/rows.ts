import type { ChainPosition } from "../generated/resolvers.js";

import type { IndexedRows } from "../generated/rows.js";

/** The columns every indexed event row carries. BigInt columns arrive as strings (numeric). */
export type ChainRow = Pick<IndexedRows["AccessEvent"], "block_number" | "block_timestamp" | "tx_hash" | "log_index">;

export function chainPosition(row: ChainRow): ChainPosition {
  return { blockNumber: Number(row.block_number), blockTimestamp: row.block_timestamp, txHash: row.tx_hash, logIndex: row.log_index };
}

/** Contract expiries are unix seconds. */
export function epochToDate(seconds: string | number | bigint): Date {
  return new Date(Number(seconds) * 1000);
}
