import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import postgres, { type Sql } from "postgres";
import { contentCidOf } from "../crypto/contentAddress.js";
import { BlobCorruptedError, BlobIdInvalidError, BlobNotFoundError, type BlobStore } from "./blobStore.js";
import { createFileBlobStore } from "./fileBlobStore.js";
import { createPostgresBlobStore } from "./postgresBlobStore.js";

/** The behaviour every BlobStore shares; `corrupt` alters the stored copy of a blob behind the store's back. */
function blobStoreContract(store: () => BlobStore, corrupt: (cid: string) => Promise<void>) {
  it("stores bytes under their CIDv1 and returns them", async () => {
    const bytes = new Uint8Array(randomBytes(1_000));
    const cid = await store().put(bytes);
    assert.equal(cid, contentCidOf(bytes).toString());
    assert.equal(await store().put(bytes), cid);
    assert.deepEqual(await store().get(cid), bytes);
    assert.equal(await store().has(cid), true);
  });

  it("says when a blob is missing or a CID is malformed", async () => {
    const absent = contentCidOf(new Uint8Array(randomBytes(8))).toString();
    assert.equal(await store().has(absent), false);
    await assert.rejects(store().get(absent), BlobNotFoundError);
    await assert.rejects(store().get("../etc/passwd"), BlobIdInvalidError);
  });

  it("refuses to hand out a stored copy that was altered", async () => {
    const cid = await store().put(new Uint8Array(randomBytes(64)));
    await corrupt(cid);
    await assert.rejects(store().get(cid), BlobCorruptedError);
  });
}

describe("file blob store", () => {
  let directory: string;
  before(async () => {
    directory = await mkdtemp(path.join(tmpdir(), "caretrail-blobs-"));
  });
  after(async () => rm(directory, { recursive: true, force: true }));
  blobStoreContract(
    () => createFileBlobStore({ directory }),
    (cid) => writeFile(path.join(directory, cid), "tampered"),
  );
  it("leaves no temporary files behind", async () => {
    assert.ok((await readdir(directory)).every((name) => !name.endsWith(".tmp")));
  });
});

// A real Postgres: DATABASE_URL, or the machine's local server. Each run gets its own schema.
const databaseUrl = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const probe = postgres(databaseUrl, { max: 1, connect_timeout: 3, onnotice: () => {} });
const reachable = await probe`select 1`.then(
  () => true,
  () => false,
);
await probe.end();

describe("postgres blob store", { skip: !reachable && !process.env.DATABASE_URL && `no Postgres at ${databaseUrl}; set DATABASE_URL to run it` }, () => {
  const schema = `sdk_blobs_${process.pid}_${Date.now()}`;
  const table = `${schema}.blobs`;
  let sql: Sql;
  before(async () => {
    sql = postgres(databaseUrl, { max: 2, onnotice: () => {} });
    await sql`create schema ${sql(schema)}`;
    await createPostgresBlobStore({ sql, table }).ensureTable();
  });
  after(async () => {
    await sql`drop schema if exists ${sql(schema)} cascade`;
    await sql.end();
  });
  blobStoreContract(
    () => createPostgresBlobStore({ sql, table }),
    async (cid) => {
      await sql`update ${sql(table)} set bytes = ${Buffer.from("tampered")} where cid = ${cid}`;
    },
  );
});
