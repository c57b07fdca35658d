import pg from "pg";
import type { IndexedBlock } from "./chainWatchProxy.ts";

/**
 * What the runner keeps beside SubQuery's tables, in the schema `<dbSchema>_indexer` (SubQuery drops and
 * recreates its own schema when it re-indexes from the start; this one survives that):
 * - `indexed_blocks`: the hash each height was indexed from, written before SubQuery gets the block's logs,
 *   so it always covers what the tables hold; the reorg guard compares it with the chain.
 * - `status`: one row the API reads for `contract { indexer }`.
 */
export type IndexerState =
  "starting" | "catching-up" | "following" | "reorg" | "reindexing" | "chain-unreachable" | "database-unreachable" | "stopped" | "failed";

export type IndexerStatus = {
  state: IndexerState;
  /** Why the indexer is not simply following the chain, in words for an operator. */
  reason: string | null;
  chainHead: number | null;
  lastProcessedHeight: number | null;
};

export function stateSchema(dbSchema: string): string {
  return `${dbSchema}_indexer`;
}

export async function createStateTables(sql: pg.Pool, dbSchema: string): Promise<void> {
  const schema = pg.escapeIdentifier(stateSchema(dbSchema));
  await sql.query(`create schema if not exists ${schema}`);
  await sql.query(`create table if not exists ${schema}.indexed_blocks (height integer primary key, hash text not null, parent_hash text not null)`);
  await sql.query(`create table if not exists ${schema}.status (
    id integer primary key default 1 check (id = 1), state text not null, reason text, chain_head integer,
    last_processed_height integer, updated_at timestamptz not null default now())`);
}

export async function readIndexedBlocks(sql: pg.Pool, dbSchema: string): Promise<Map<number, IndexedBlock>> {
  const { rows } = await sql.query<{ height: number; hash: string; parent_hash: string }>(
    `select height, hash, parent_hash from ${pg.escapeIdentifier(stateSchema(dbSchema))}.indexed_blocks`,
  );
  return new Map(rows.map((row) => [row.height, { height: row.height, hash: row.hash, parentHash: row.parent_hash }]));
}

export async function writeIndexedBlock(sql: pg.Pool, dbSchema: string, block: IndexedBlock): Promise<void> {
  await sql.query(
    `insert into ${pg.escapeIdentifier(stateSchema(dbSchema))}.indexed_blocks (height, hash, parent_hash) values ($1, $2, $3)
     on conflict (height) do update set hash = excluded.hash, parent_hash = excluded.parent_hash`,
    [block.height, block.hash, block.parentHash],
  );
}

export async function writeStatus(sql: pg.Pool, dbSchema: string, status: IndexerStatus): Promise<void> {
  await sql.query(
    `insert into ${pg.escapeIdentifier(stateSchema(dbSchema))}.status (id, state, reason, chain_head, last_processed_height, updated_at)
     values (1, $1, $2, $3, $4, now())
     on conflict (id) do update set state = excluded.state, reason = excluded.reason, chain_head = excluded.chain_head,
       last_processed_height = excluded.last_processed_height, updated_at = excluded.updated_at`,
    [status.state, status.reason, status.chainHead, status.lastProcessedHeight],
  );
}
