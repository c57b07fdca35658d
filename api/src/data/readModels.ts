// Read models the API's questions need, built in Postgres beside SubQuery's tables (the indexer's mappings are not
// touched). SubQuery's historical mode gives each table GiST indexes on (column, _block_range): they cannot return rows
// in order, so every page was a bitmap scan and a sort, and every aggregate a full scan. Applied once per schema,
// idempotently, by the API when it connects (under an advisory lock, so replicas starting together do not race):
// - btree indexes over current rows in each timeline's order (event rows are never updated, so they stay current);
// - access_cells: per (day | week, kind, actor role) the event count and the exact set of distinct patients (as
//   numbers from patient_numbers), kept by triggers on access_events, so the k-anonymity grid reads a few hundred
//   rows instead of scanning the events. A deleted or re-ranged event (a SubQuery rewind) recomputes its cells.
import type { Sql } from "../db.js";

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
          insert into ${s}.access_cells as c values (unit_name, date_trunc(unit_name, new.block_timestamp), new.kind::text, new.actor_role::text, 1, array[patient])
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
const REQUIRED = ["access_events.patient_id", "access_events.actor_role", "access_events.block_timestamp", "record_versions.record_id", "consent_versions.block_timestamp"];

/** Creates the read models if this schema lacks them (a no-op afterwards; skipped for a schema that is not a full projection). */
export async function ensureReadModels(sql: Sql, schema: string, historical: boolean): Promise<void> {
  const [found] = await sql<{ present: number }[]>`
    select count(*)::int as present from information_schema.columns
    where table_schema = ${schema} and table_name || '.' || column_name = any(${REQUIRED})`;
  if ((found?.present ?? 0) < REQUIRED.length) return;
  await sql.begin(async (transaction) => {
    await transaction`select pg_advisory_xact_lock(hashtext(${`caretrail-read-models:${schema}`}))`;
    // A migration, not a request: building indexes over a million rows takes longer than a query may.
    await transaction`set local statement_timeout = 0`;
    await transaction.unsafe(statements(schema, historical).replace(/update of _block_range, /, historical ? "update of _block_range, " : "update of "));
  });
}
