// The read-model migration beside a writing indexer: a SubQuery flush holds row locks on one table and then writes
// another; the migration must never make either side fail with "deadlock detected" (seen in a clean-clone demo).
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import postgres from "postgres";
import { startDatabase, type Database } from "@caretrail/devstack";
import type { Sql } from "../db.ts";
import { ensureReadModels, ReadModelsMissingError } from "./readModels.ts";

let database: Database;
let admin: Sql;
/** Every test's own connections, closed after the last test (before the database stops). */
const opened: Sql[] = [];
const connect = (name: string, options: Record<string, string> = {}) => {
  const sql = postgres(database.url, { max: 1, onnotice: () => {}, connection: { application_name: name, ...options } }) as Sql;
  opened.push(sql);
  return sql;
};

/** The columns of SubQuery's historical tables the read models are built on (the rest do not matter here); returns the schema. */
async function createIndexerTables(schema: string): Promise<string> {
  await admin.unsafe(`
    create schema "${schema}";
    create table "${schema}".access_events (id text, patient_id text, actor text, actor_role text, kind text, outcome text, purpose text,
      record_id text, block_number bigint, log_index int, block_timestamp timestamp, _block_range int8range);
    create table "${schema}".record_versions (id text, record_id text, version int, _block_range int8range);
    create table "${schema}".consent_versions (id text, block_timestamp timestamp, _block_range int8range);`);
  return schema;
}

const event = (schema: string, sql: Sql, n: number) =>
  sql.unsafe(`insert into "${schema}".access_events values ('e${n}', 'p${n % 3}', 'a', 'PROVIDER', 'READ', 'GRANTED', 'TREATMENT', 'r', ${n}, 0,
    '2026-01-0${1 + (n % 5)}', int8range(${n}, null))`);

/** Waits until some backend other than `except` holds a lock on `schema`.`table`. */
async function lockHeldOn(schema: string, table: string, except: string): Promise<void> {
  for (let tries = 0; tries < 400; tries++) {
    const [row] = await admin<{ held: boolean }[]>`
      select exists (select 1 from pg_locks l join pg_stat_activity a using (pid)
        where l.relation = ${`"${schema}".${table}`}::regclass and l.granted and a.application_name <> ${except}) as held`;
    if (row?.held) return;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error(`nothing locked ${table}`);
}

before(async () => {
  database = await startDatabase();
  admin = postgres(database.url, { onnotice: () => {} }) as Sql;
});

after(async () => {
  await Promise.all(opened.map((sql) => sql.end()));
  await admin?.end();
  await database?.stop();
});

test("an indexer flush that holds one table and then writes another commits while the read models are built", async () => {
  const schema = await createIndexerTables("race_flush");
  for (let n = 0; n < 20; n++) await event(schema, admin, n);
  const indexer = connect("flush");
  const migrator = connect("migration");
  // The flush: a version row first (row exclusive on record_versions), the access event after.
  const flush = indexer.begin(async (transaction) => {
    await transaction.unsafe(`insert into "${schema}".record_versions values ('r1', 'r', 1, int8range(100, null))`);
    await lockHeldOn(schema, "access_events", "flush");
    await event(schema, transaction as unknown as Sql, 100);
  });
  await new Promise((resolve) => setTimeout(resolve, 50));
  const migration = ensureReadModels(migrator, schema, true);
  const [flushed, migrated] = await Promise.allSettled([flush, migration]);
  assert.deepEqual(
    [flushed.status === "rejected" ? String(flushed.reason) : "committed", migrated.status === "rejected" ? String(migrated.reason) : "built"],
    ["committed", "built"],
  );
  // Both the backfill and the trigger saw every event once: 21 events, each in one day cell and one week cell.
  const [cells] = await admin.unsafe(`select sum(count)::int as counted from "${schema}".access_cells where unit = 'day'`);
  assert.equal(cells!.counted, 21);
});

test("a schema someone else migrated is used without taking a lock on the indexer's tables", async () => {
  const schema = await createIndexerTables("migrated_elsewhere");
  await ensureReadModels(admin, schema, true);
  const holder = connect("holder");
  const api = connect("api");
  await holder.begin(async (transaction) => {
    // An exclusive lock blocks even `create index if not exists`: a second migration would wait here.
    await transaction.unsafe(`lock table "${schema}".access_events, "${schema}".record_versions in access exclusive mode`);
    const started = performance.now();
    await ensureReadModels(api, schema, true);
    assert.ok(performance.now() - started < 2_000, "ensureReadModels waited for the indexer's tables");
  });
});

test("a read-only database without the read models is refused with a clear error", async () => {
  const schema = await createIndexerTables("read_only_unmigrated");
  const readOnly = connect("read-only", { default_transaction_read_only: "on" });
  await assert.rejects(ensureReadModels(readOnly, schema, true), (error: Error) => {
    assert.ok(error instanceof ReadModelsMissingError, String(error));
    assert.match(error.message, /read-only/);
    return true;
  });
});
