// Read models the API's questions need, built in Postgres beside SubQuery's tables (the indexer's mappings are not
// touched). SubQuery's historical mode gives each table GiST indexes on (column, _block_range): they cannot return rows
// in order, so every page was a bitmap scan and a sort, and every aggregate a full scan. Applied once per schema by
// the API when it connects, under an advisory lock (replicas starting together), and beside a writing indexer without
// deadlocks (see takeTableLocks); a schema already at READ_MODELS_VERSION is used as it is, without any lock:
// - btree indexes over current rows in each timeline's order (event rows are never updated, so they stay current);
// - access_cells: per (day | week, kind, actor role) the event count and the exact set of distinct patients (as
//   numbers from patient_numbers), kept by triggers on access_events, so the k-anonymity grid reads a few hundred
//   rows instead of scanning the events. A deleted or re-ranged event (a SubQuery rewind) recomputes its cells.
import type postgres from "postgres";
import type { Sql } from "../db.js";
import { CareTrailError } from "@caretrail/sdk/errors";

type Queryable = Sql | postgres.TransactionSql<Record<string, never>>;

export const READ_MODELS_VERSION = 1;

function statements(schema: string, historical: boolean): string {
  const s = `"${schema}"`;
  const current = historical ? "where upper_inf(_block_range)" : "";
  const isCurrent = (row: string) => (historical ? `upper_inf(${row}._block_range)` : "true");
  const eventIndexes: [string, string][] = [
    ["patient_position", "patient_id, block_number desc, log_index desc"],
    ["actor_position", "actor, block_number desc, log_index desc"],
    ["position", "block_number desc, log_index desc"],
    ["outcome_position", "outcome, block_number desc, log_index desc"],
    ["purpose_position", "purpose, block_number desc, log_index desc"],
    ["kind_position", "kind, block_number desc, log_index desc"],
    ["record_position", "record_id, block_number desc, log_index desc"],
    ["time", "block_timestamp"],
  ];
  return `
    ${eventIndexes.map(([name, columns]) => `create index if not exists ct_access_events_${name} on ${s}.access_events (${columns}) ${current};`).join("\n")}
    create index if not exists ct_record_versions_record on ${s}.record_versions (record_id, version) ${current};
    create index if not exists ct_consent_versions_time on ${s}.consent_versions (block_timestamp) ${current};

    create table if not exists ${s}.patient_numbers (patient_id text primary key, n integer generated always as identity unique);
    create table if not exists ${s}.access_cells (
      unit text not null, bucket timestamp not null, kind text not null, actor_role text not null,
      count integer not null, patients integer[] not null, primary key (unit, bucket, kind, actor_role));

    create or replace function ${s}.ct_patient_number(patient text) returns integer language plpgsql as $$
    declare found integer;
    begin
      select n into found from ${s}.patient_numbers where patient_id = patient;
      if found is null then
        insert into ${s}.patient_numbers (patient_id) values (patient) on conflict (patient_id) do nothing;
        select n into found from ${s}.patient_numbers where patient_id = patient;
      end if;
      return found;
    end $$;

    create or replace function ${s}.ct_recount_cells(event_time timestamp, event_kind text, event_role text) returns void language plpgsql as $$
    declare unit_name text;
    begin
      foreach unit_name in array array['day', 'week'] loop
        delete from ${s}.access_cells where unit = unit_name and bucket = date_trunc(unit_name, event_time) and kind = event_kind and actor_role = event_role;
        insert into ${s}.access_cells
        select unit_name, date_trunc(unit_name, event_time), event_kind, event_role, count(*), array_agg(distinct ${s}.ct_patient_number(e.patient_id))
        from ${s}.access_events e
        where e.block_timestamp >= date_trunc(unit_name, event_time) and e.block_timestamp < date_trunc(unit_name, event_time) + ('1 ' || unit_name)::interval
          and e.kind::text = event_kind and e.actor_role::text = event_role and ${isCurrent("e")}
        having count(*) > 0;
      end loop;
    end $$;

    create or replace function ${s}.ct_count_access_event() returns trigger language plpgsql as $$
    declare patient integer; unit_name text;
    begin
      if tg_op in ('DELETE', 'UPDATE') then
        perform ${s}.ct_recount_cells(old.block_timestamp, old.kind::text, old.actor_role::text);
      end if;
      if tg_op = 'UPDATE' then
        perform ${s}.ct_recount_cells(new.block_timestamp, new.kind::text, new.actor_role::text);
      elsif tg_op = 'INSERT' and ${isCurrent("new")} then
        patient := ${s}.ct_patient_number(new.patient_id);
        foreach unit_name in array array['day', 'week'] loop
          insert into ${s}.access_cells as c
            values (unit_name, date_trunc(unit_name, new.block_timestamp), new.kind::text, new.actor_role::text, 1, array[patient])
          on conflict (unit, bucket, kind, actor_role) do update
            set count = c.count + 1, patients = case when patient = any(c.patients) then c.patients else c.patients || patient end;
        end loop;
      end if;
      return null;
    end $$;

    do $$ begin
      if not exists (select 1 from pg_trigger where tgname = 'ct_count_access_event' and tgrelid = '${s}.access_events'::regclass) then
        -- Backfill and start counting in one transaction, with writers held off, so no event is missed or counted twice.
        lock table ${s}.access_events in share row exclusive mode;
        insert into ${s}.patient_numbers (patient_id) select distinct patient_id from ${s}.access_events on conflict do nothing;
        delete from ${s}.access_cells;
        insert into ${s}.access_cells
        select u.unit, date_trunc(u.unit, e.block_timestamp), e.kind::text, e.actor_role::text, count(*), array_agg(distinct p.n)
        from ${s}.access_events e join ${s}.patient_numbers p using (patient_id) cross join (values ('day'), ('week')) u(unit)
        where ${isCurrent("e")}
        group by 1, 2, 3, 4;
        create trigger ct_count_access_event after insert or delete or update of _block_range, block_timestamp, kind, actor_role, patient_id
          on ${s}.access_events for each row execute function ${s}.ct_count_access_event();
      end if;
    end $$;`;
}

/** The indexer's tables and columns the read models are built on. */
const REQUIRED = [
  "access_events.patient_id",
  "access_events.actor_role",
  "access_events.block_timestamp",
  "record_versions.record_id",
  "consent_versions.block_timestamp",
];
/** The indexer's tables the migration writes indexes or triggers on, all locked before any of them is touched. */
const LOCKED_TABLES = ["access_events", "record_versions", "consent_versions"];

export class ReadModelsMissingError extends CareTrailError {
  override name = "ReadModelsMissingError";
  constructor(schema: string) {
    super(
      `The schema "${schema}" lacks the API's read models and this database is read-only (a standby?): ` +
        "start the API once against the primary, which builds them, then point readers here.",
    );
  }
}

export type EnsureReadModelsOptions = {
  /** How long to keep trying to lock the indexer's tables before giving up (a busy indexer yields between flushes). */
  maxWaitMs?: number;
};

async function isCurrent(sql: Queryable, schema: string): Promise<boolean> {
  // Catalog lookups only: no lock on the indexer's tables, so a migrated schema never waits for a flush.
  const [row] = await sql<{ current: boolean }[]>`
    select coalesce(obj_description(to_regclass(${`"${schema}".access_cells`}), 'pg_class') = ${marker()}, false)
      and exists (select 1 from pg_trigger where tgname = 'ct_count_access_event' and tgrelid = to_regclass(${`"${schema}".access_events`})) as current`;
  return row?.current ?? false;
}

const marker = () => `caretrail read models v${READ_MODELS_VERSION}`;
const LOCK_NOT_AVAILABLE = "55P03";

/**
 * A SubQuery flush takes row locks table by table in its own order; building an index or a trigger takes a share
 * lock per table. Taken one by one, each side can hold what the other waits for ("deadlock detected" in the
 * indexer's catch-up). So every table is locked first: the first with a long wait (holding nothing the indexer
 * needs, the wait is safe), the rest with a lock timeout below deadlock_timeout, so when a flush holds one of them
 * the migration gives up, releases everything and retries before Postgres would pick a victim.
 */
async function takeTableLocks(transaction: Queryable, schema: string, shortWaitMs: number): Promise<void> {
  const [first, ...rest] = LOCKED_TABLES.map((table) => `"${schema}".${table}`);
  await transaction.unsafe(`set local lock_timeout = 10000`);
  await transaction.unsafe(`lock table ${first} in share row exclusive mode`);
  await transaction.unsafe(`set local lock_timeout = ${shortWaitMs}`);
  await transaction.unsafe(`lock table ${rest.join(", ")} in share row exclusive mode`);
  await transaction.unsafe(`set local lock_timeout = 0`);
}

/** Creates the read models if this schema lacks them (a no-op afterwards; skipped for a schema that is not a full projection). */
export async function ensureReadModels(sql: Sql, schema: string, historical: boolean, { maxWaitMs = 120_000 }: EnsureReadModelsOptions = {}): Promise<void> {
  const [found] = await sql<{ present: number; readOnly: string; deadlockMs: number }[]>`
    select (select count(*)::int from information_schema.columns
      where table_schema = ${schema} and table_name || '.' || column_name = any(${REQUIRED})) as present,
      current_setting('transaction_read_only') as "readOnly",
      (select setting::int from pg_settings where name = 'deadlock_timeout') as "deadlockMs"`;
  if ((found?.present ?? 0) < REQUIRED.length) return;
  if (await isCurrent(sql, schema)) return;
  if (found!.readOnly === "on") throw new ReadModelsMissingError(schema);
  const shortWaitMs = Math.max(10, Math.min(200, Math.floor(found!.deadlockMs / 4)));
  const giveUpAt = Date.now() + maxWaitMs;
  for (let attempt = 0; ; attempt++) {
    try {
      await sql.begin(async (transaction) => {
        await transaction`select pg_advisory_xact_lock(hashtext(${`caretrail-read-models:${schema}`}))`;
        if (await isCurrent(transaction, schema)) return;
        // A migration, not a request: building indexes over a million rows takes longer than a query may.
        await transaction`set local statement_timeout = 0`;
        await takeTableLocks(transaction, schema, shortWaitMs);
        await transaction.unsafe(statements(schema, historical).replace(/update of _block_range, /, historical ? "update of _block_range, " : "update of "));
        await transaction.unsafe(`comment on table "${schema}".access_cells is '${marker()}'`);
      });
      return;
    } catch (error) {
      if ((error as { code?: string }).code !== LOCK_NOT_AVAILABLE || Date.now() > giveUpAt) throw error;
      // Jittered, growing pauses: let the indexer finish the flush that holds the lock.
      await new Promise((resolve) => setTimeout(resolve, Math.min(1_000, 20 * 2 ** Math.min(attempt, 6)) * (0.5 + Math.random())));
    }
  }
}
