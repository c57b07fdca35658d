import type { Sql } from "postgres";
import { contentCidOf } from "../crypto/contentAddress.js";
import { BlobNotFoundError, checkBlob, normaliseCid, type BlobStore } from "./blobStore.js";

export type CreatePostgresBlobStoreParameters = {
  /** A postgres.js client; the caller owns it (and ends it). */
  sql: Sql;
  /** Table name, optionally schema-qualified ("vault.blobs"). */
  table?: string;
};

export type PostgresBlobStore = BlobStore & { ensureTable: () => Promise<void> };

/** Blobs as bytea rows keyed by CID. Call ensureTable() once before use. */
export function createPostgresBlobStore({ sql, table = "caretrail_blobs" }: CreatePostgresBlobStoreParameters): PostgresBlobStore {
  const name = sql(table);
  const where = `Postgres table ${table}`;
  return {
    async ensureTable() {
      await sql`create table if not exists ${name} (
        cid text primary key,
        bytes bytea not null,
        stored_at timestamptz not null default now()
      )`;
    },
    async put(bytes) {
      const cid = contentCidOf(bytes).toString();
      await sql`insert into ${name} (cid, bytes) values (${cid}, ${Buffer.from(bytes)}) on conflict (cid) do nothing`;
      return cid;
    },
    async get(cid) {
      const key = normaliseCid(cid);
      const [row] = await sql<{ bytes: Buffer }[]>`select bytes from ${name} where cid = ${key}`;
      if (!row) throw new BlobNotFoundError(key, where);
      return checkBlob(key, new Uint8Array(row.bytes), where);
    },
    async has(cid) {
      const [row] = await sql`select 1 from ${name} where cid = ${normaliseCid(cid)}`;
      return row !== undefined;
    },
  };
}
