import type { ChainPosition } from "../generated/resolvers.js";

/** The columns every indexed event row carries. BigInt columns arrive as strings (numeric). */
export type ChainRow = { block_number: string; block_timestamp: Date; tx_hash: string; log_index: number };

export function chainPosition(row: ChainRow): ChainPosition {
  return { blockNumber: Number(row.block_number), blockTimestamp: row.block_timestamp, txHash: row.tx_hash, logIndex: row.log_index };
}

/** Contract expiries are unix seconds. */
export function epochToDate(seconds: string | number | bigint): Date {
  return new Date(Number(seconds) * 1000);
}
