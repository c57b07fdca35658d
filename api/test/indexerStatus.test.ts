import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import postgres from "postgres";
import { startDatabase, type Database } from "@caretrail/devstack";
import { startApi, type StartedApi } from "../src/index.ts";

// `contract { indexer }` over the tables the indexer's runner writes (`<schema>_indexer.status`, SubQuery's
// _metadata), each state written as the runner writes it. The runner itself is tested in indexer/test/outage.test.ts.
const DB_SCHEMA = "status_test";
let database: Database;
let sql: postgres.Sql;
let api: StartedApi;

before(async () => {
  database = await startDatabase();
  sql = postgres(database.url, { onnotice: () => {} });
  await sql.unsafe(`create schema ${DB_SCHEMA}; create table ${DB_SCHEMA}.access_events (id text primary key);
    create table ${DB_SCHEMA}._metadata (key text primary key, value jsonb);
    insert into ${DB_SCHEMA}._metadata values ('lastProcessedHeight', '100'), ('chain', '"31337"')`);
  api = await startApi({ databaseUrl: database.url, dbSchema: DB_SCHEMA, port: 0, host: "127.0.0.1", log: () => {} });
});

after(async () => {
  await api?.stop();
  await sql?.end();
  await database?.stop();
});

async function indexerStatus(): Promise<Record<string, unknown>> {
  const response = await fetch(`${api.url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ query: "{ contract { indexer { healthy state reason lastProcessedHeight chainHead lagBlocks reportedAt } } }" }),
  });
  const body = (await response.json()) as { data?: { contract: { indexer: Record<string, unknown> } }; errors?: unknown };
  assert.ok(body.data, JSON.stringify(body.errors));
  return body.data.contract.indexer;
}

async function report(state: string, reason: string | null, chainHead: number | null, secondsAgo = 0): Promise<void> {
  await sql.unsafe(`create schema if not exists ${DB_SCHEMA}_indexer;
    create table if not exists ${DB_SCHEMA}_indexer.status (id integer primary key, state text not null, reason text, chain_head integer,
      last_processed_height integer, updated_at timestamptz not null)`);
  await sql.unsafe(
    `insert into ${DB_SCHEMA}_indexer.status values (1, $1, $2, $3, 100, now() - make_interval(secs => $4))
    on conflict (id) do update set state = excluded.state, reason = excluded.reason, chain_head = excluded.chain_head, updated_at = excluded.updated_at`,
    [state, reason, chainHead, secondsAgo],
  );
}

test("no runner has reported: UNKNOWN, not healthy", async () => {
  const status = await indexerStatus();
  assert.equal(status.state, "UNKNOWN");
  assert.equal(status.healthy, false);
  assert.equal(status.lastProcessedHeight, 100);
});

test("following within a few blocks of the head: healthy, lag from the chain head", async () => {
  await report("following", null, 101);
  assert.deepEqual(
    { ...(await indexerStatus()), reportedAt: undefined },
    { healthy: true, state: "FOLLOWING", reason: null, lastProcessedHeight: 100, chainHead: 101, lagBlocks: 1, reportedAt: undefined },
  );
});

test("far behind the head: not healthy, the reason gives the lag", async () => {
  await report("catching-up", null, 400);
  const status = await indexerStatus();
  assert.equal(status.healthy, false);
  assert.equal(status.lagBlocks, 300);
  assert.match(String(status.reason), /300 blocks behind/);
});

test("the chain away: CHAIN_UNREACHABLE with the runner's reason", async () => {
  await report("chain-unreachable", "the chain at http://127.0.0.1:1 has not answered for 12 s; the indexer resumes when it is back", 101);
  const status = await indexerStatus();
  assert.equal(status.state, "CHAIN_UNREACHABLE");
  assert.equal(status.healthy, false);
  assert.match(String(status.reason), /has not answered/);
});

test("a reorg being rolled back and a deep one being re-indexed are reported as such", async () => {
  await report("reorg", "reorg: the chain replaced 3 indexed blocks; rolling back to block 97", 100);
  assert.equal((await indexerStatus()).state, "REORG");
  await report("reindexing", "deep reorg: the chain replaced 12 indexed blocks", 100);
  const status = await indexerStatus();
  assert.equal(status.state, "REINDEXING");
  assert.equal(status.healthy, false);
});

test("a runner that stopped reporting (killed, stuck) reads SILENT, whatever it said last", async () => {
  await report("following", null, 101, 60);
  const status = await indexerStatus();
  assert.equal(status.state, "SILENT");
  assert.equal(status.healthy, false);
  assert.match(String(status.reason), /not reported for 6\d s/);
});
