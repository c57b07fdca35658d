import type { Sql } from "./sql.ts";
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

export async function createStateTables(sql: Sql, dbSchema: string): Promise<void> {
  const schema = sql(stateSchema(dbSchema));
  await sql`create schema if not exists ${schema}`;
  await sql`create table if not exists ${schema}.indexed_blocks (height integer primary key, hash text not null, parent_hash text not null)`;
  await sql`create table if not exists ${schema}.status (
    id integer primary key default 1 check (id = 1), state text not null, reason text, chain_head integer,
    last_processed_height integer, updated_at timestamptz not null default now())`;
}

export async function readIndexedBlocks(sql: Sql, dbSchema: string): Promise<Map<number, IndexedBlock>> {
  const rows = await sql<{ height: number; hash: string; parent_hash: string }[]>`
    select height, hash, parent_hash from ${sql(stateSchema(dbSchema))}.indexed_blocks`;
  return new Map(rows.map((row) => [row.height, { height: row.height, hash: row.hash, parentHash: row.parent_hash }]));
}

export async function writeIndexedBlock(sql: Sql, dbSchema: string, block: IndexedBlock): Promise<void> {
  await sql`
    insert into ${sql(stateSchema(dbSchema))}.indexed_blocks (height, hash, parent_hash) values (${block.height}, ${block.hash}, ${block.parentHash})
    on conflict (height) do update set hash = excluded.hash, parent_hash = excluded.parent_hash`;
}

export async function writeStatus(sql: Sql, dbSchema: string, status: IndexerStatus): Promise<void> {
  await sql`
    insert into ${sql(stateSchema(dbSchema))}.status (id, state, reason, chain_head, last_processed_height, updated_at)
    values (1, ${status.state}, ${status.reason}, ${status.chainHead}, ${status.lastProcessedHeight}, now())
    on conflict (id) do update set state = excluded.state, reason = excluded.reason, chain_head = excluded.chain_head,
      last_processed_height = excluded.last_processed_height, updated_at = excluded.updated_at`;
}
