// Bulk-writes synthetic access events into a schema the real indexer created, in the rows its mappings write
// (indexer/subql/src/mappings/access.ts): access_events and access_tickets, with SubQuery's historical columns
// (_id uuid, _block_range), plus the patients, accounts, records and consents they refer to.
//
// Two stages, so the second can be checked against the indexer: `stageSyntheticEvents` writes one row per log
// (what the chain says) into <schema>_stage.events; `materialiseEvents` derives the indexer's rows from them in SQL.
import { createHash } from "node:crypto";
import type postgres from "postgres";

type Sql = postgres.Sql<Record<string, never>>;

export type SyntheticShape = { events: number; patients: number; actors: number; days: number; firstBlock: number; end: Date };

export const DEFAULT_SHAPE = { patients: 1_000, actors: 200, days: 90 } as const;

const stage = (schema: string) => `${schema}_stage`;

/** The log-level facts of each access event, as a mapping sees them (plus the reader's ticket terms). */
export async function createStage(sql: Sql, schema: string): Promise<void> {
  await sql.unsafe(`
    drop schema if exists ${stage(schema)} cascade;
    create schema ${stage(schema)};
    create table ${stage(schema)}.events (
      kind text not null, patient text not null, actor text not null, actor_role text not null, purpose text not null,
      category int, record_id text, ticket_id text, denial_reason text, emergency_reason_code int, expires_at numeric,
      nonce numeric, consent_version int,
      block_number numeric not null, block_timestamp timestamp not null, tx_hash text not null, log_index int not null);`);
}

const hex = (expression: string, bytes: number) =>
  // md5 gives 16 bytes of hex; repeat it with a salt for longer values (ids, not secrets).
  `'0x' || left(${Array.from({ length: Math.ceil(bytes / 16) }, (_, i) => `md5((${expression})::text || '${i}')`).join(" || ")}, ${bytes * 2})`;

export const syntheticPatient = (n: number) => `0x${"be".repeat(2)}${n.toString(16).padStart(36, "0")}`;
const patientSql = (n: string) => `'0xbebe' || lpad(to_hex(${n}), 36, '0')`;
const actorSql = (n: string) => `'0xacac' || lpad(to_hex(${n}), 36, '0')`;
/** Actor n's role: most are providers; some insurers and researchers (read under their purpose). */
const actorRoleSql = (n: string) => `(case when ${n} % 10 < 7 then 'Provider' when ${n} % 10 < 9 then 'Insurer' else 'Researcher' end)`;
const purposeOfRoleSql = (role: string) => `(case ${role} when 'Provider' then 'Treatment' when 'Insurer' then 'Payment' else 'Research' end)`;
export const RECORDS_PER_PATIENT = 5;
export const syntheticRecord = (patient: number, k: number) => `0x${md5Hex(`record${patient * RECORDS_PER_PATIENT + k}`)}`;
const recordSql = (patient: string, k: string) => hex(`'record' || (${patient} * ${RECORDS_PER_PATIENT} + ${k})`, 32);
function md5Hex(seed: string): string {
  return [0, 1].map((i) => createHash("md5").update(`${seed}${i}`).digest("hex")).join("");
}

/**
 * One transaction per block, spread evenly over `days` ending at `end`. Transactions are, by t mod 20: a read
 * (8 of 20), a request and its grant (8), a request and its denial (3), or an emergency request and access (1).
 */
export async function stageSyntheticEvents(sql: Sql, schema: string, shape: SyntheticShape): Promise<void> {
  const transactions = Math.ceil(shape.events / 1.6) + 1;
  const spanSeconds = shape.days * 86_400;
  const startEpoch = Math.floor(shape.end.getTime() / 1000) - spanSeconds;
  await sql.unsafe(`
    insert into ${stage(schema)}.events
    with tx as (
      select t, t % 20 as shape, (t * 7919) % ${shape.patients} as p, (t * 104729) % ${shape.actors} as a,
             ${shape.firstBlock} + t as block_number,
             to_timestamp(${startEpoch} + (t::float8 * ${spanSeconds} / ${transactions}))::timestamptz at time zone 'UTC' as block_timestamp,
             ${hex("'tx' || t", 32)} as tx_hash
      from generate_series(0::bigint, ${transactions - 1}) t
    ), logs as (
      select tx.*, l.log_index, l.kind from tx
      cross join lateral (values (0, case when shape < 8 then 'Read' else 'Request' end),
                                 (1, case when shape < 8 then null when shape < 16 then 'Grant' when shape < 19 then 'Denial'
                                          else 'Emergency' end)) l(log_index, kind)
      where l.kind is not null
    )
    select kind, ${patientSql("p")}, ${actorSql("a")}, ${actorRoleSql("a")},
           case when shape = 19 then 'Emergency' else ${purposeOfRoleSql(actorRoleSql("a"))} end,
           case when shape = 19 then 255 else (t % 6)::int end,
           case when shape < 8 or shape % 2 = 0 then ${recordSql("p", "t % " + RECORDS_PER_PATIENT)} end,
           case when kind in ('Read', 'Grant', 'Emergency') then ${hex("'ticket' || (case when kind = 'Read' then t - 1 else t end)", 32)} end,
           case when kind = 'Denial' then (array['NoConsent', 'ConsentExpired', 'PurposeNotGranted', 'CategoryNotInScope'])[1 + t % 4] end,
           case when kind = 'Emergency' then (t % 5)::int + 1 end,
           case when kind in ('Grant', 'Emergency') then extract(epoch from block_timestamp)::bigint + 86400 end,
           case when kind in ('Grant', 'Emergency') then t end,
           case when kind = 'Grant' then 1 when kind = 'Emergency' then 0 end,
           block_number, block_timestamp, tx_hash, log_index
    from logs order by block_number, log_index limit ${shape.events}`);
}

/**
 * The indexer's rows for the staged events, as its mappings write them in historical mode: an event row per log and
 * a ticket per grant or emergency access.
 */
export async function materialiseEvents(sql: Sql, schema: string): Promise<void> {
  const events = `${stage(schema)}.events`;
  await sql.unsafe(`
    insert into ${schema}.access_events (id, kind, outcome, patient_id, actor, actor_role, purpose, category, record_id, ticket_id,
      denial_reason, emergency_reason_code, expires_at, request_id, day, block_number, block_timestamp, tx_hash, log_index, _id, _block_range)
    select e.tx_hash || '-' || e.log_index, e.kind::${await enumType(sql, schema, "access_events", "kind")},
      (case e.kind when 'Request' then 'Requested' when 'Denial' then 'Denied' else 'Granted' end)::${await enumType(sql, schema, "access_events", "outcome")},
      e.patient, e.actor, e.actor_role::${await enumType(sql, schema, "access_events", "actor_role")},
      e.purpose::${await enumType(sql, schema, "access_events", "purpose")}, e.category, e.record_id, e.ticket_id,
      e.denial_reason::${await enumType(sql, schema, "access_events", "denial_reason")}, e.emergency_reason_code,
      case when e.kind in ('Grant', 'Emergency') then e.expires_at end,
      case when e.kind in ('Grant', 'Denial', 'Emergency') and r.kind = 'Request' then r.tx_hash || '-' || r.log_index end,
      date_trunc('day', e.block_timestamp), e.block_number, e.block_timestamp, e.tx_hash, e.log_index,
      gen_random_uuid(), int8range(e.block_number::bigint, null)
    from ${events} e left join ${events} r on r.tx_hash = e.tx_hash and r.log_index = e.log_index - 1;

    insert into ${schema}.access_tickets (id, patient, grantee, record_id, category, purpose, emergency, expires_at, nonce, consent_version,
      voided, issued_by_id, _id, _block_range)
    select e.ticket_id, e.patient, e.actor, e.record_id, e.category, e.purpose::${await enumType(sql, schema, "access_events", "purpose")},
      e.kind = 'Emergency', e.expires_at, e.nonce, e.consent_version, false, e.tx_hash || '-' || e.log_index,
      gen_random_uuid(), int8range(e.block_number::bigint, null)
    from ${events} e where e.kind in ('Grant', 'Emergency');`);
}

/** SubQuery names its enum types by hash: read the one a column uses. */
async function enumType(sql: Sql, schema: string, table: string, column: string): Promise<string> {
  const [row] = await sql<
    { udt_schema: string; udt_name: string }[]
  >`select udt_schema, udt_name from information_schema.columns where table_schema = ${schema} and table_name = ${table} and column_name = ${column}`;
  if (!row) throw new Error(`${schema}.${table}.${column} does not exist: run the indexer once on this schema first.`);
  return `"${row.udt_schema}"."${row.udt_name}"`;
}

/** The patients, actors (accounts), records (one version each, by a provider) and consents the synthetic events name. */
export async function writeSyntheticParties(sql: Sql, schema: string, shape: SyntheticShape): Promise<void> {
  const role = await enumType(sql, schema, "accounts", "role");
  const purpose = await enumType(sql, schema, "consents", "purpose");
  const action = await enumType(sql, schema, "consent_versions", "action");
  const block = shape.firstBlock - 1;
  const at = `'${shape.end.toISOString().slice(0, 19)}'::timestamp - interval '${shape.days + 1} days'`;
  const range = `int8range(${block}, null)`;
  await sql.unsafe(`
    insert into ${schema}.patients (id, encryption_key, enrolled_at_block, enrolled_at, _id, _block_range)
    select ${patientSql("p")}, ${hex("'key' || p", 32)}, ${block}, ${at}, gen_random_uuid(), ${range} from generate_series(0, ${shape.patients - 1}) p;
    insert into ${schema}.accounts (id, role, encryption_key, updated_at_block, _id, _block_range)
    select ${patientSql("p")}, 'Patient'::${role}, ${hex("'key' || p", 32)}, ${block}, gen_random_uuid(), ${range}
      from generate_series(0, ${shape.patients - 1}) p
    union all
    select ${actorSql("a")}, ${actorRoleSql("a")}::${role}, null, ${block}, gen_random_uuid(), ${range} from generate_series(0, ${shape.actors - 1}) a;
    insert into ${schema}.record_versions (id, record_id, patient, author, category, content_hash, content_id, fields_root, signature, version,
      block_number, block_timestamp, tx_hash, log_index, _id, _block_range)
    select ${recordSql("p", "k")}, ${recordSql("p", "k")}, ${patientSql("p")}, ${actorSql("(p * 10) % " + shape.actors)}, k % 6,
      ${hex("'content' || p || '-' || k", 32)}, 'bafk' || md5(p || '-' || k), ${hex("'fields' || p || '-' || k", 32)}, ${hex("'sig' || p || '-' || k", 65)}, 1,
      ${block}, ${at}, ${hex("'recordtx' || p || '-' || k", 32)}, 0, gen_random_uuid(), ${range}
    from generate_series(0, ${shape.patients - 1}) p, generate_series(0, ${RECORDS_PER_PATIENT - 1}) k;
    insert into ${schema}.records (id, patient_id, category, latest_id, version_count, created_at_block, updated_at_block, _id, _block_range)
    select id, patient, category, id, 1, block_number, block_number, gen_random_uuid(), ${range} from ${schema}.record_versions where patient like '0xbebe%';
    insert into ${schema}.consent_versions (id, consent_id, patient, grantee, version, action, scope, purpose, expires_at, active, via_signature,
      block_number, block_timestamp, tx_hash, log_index, _id, _block_range)
    select c || '-1', c, patient, grantee, 1, 'Granted'::${action}, 63, ${purposeOfRoleSql(actorRoleSql("a"))}::${purpose},
      extract(epoch from ${at})::bigint + ${(shape.days + 30) * 86_400}, true, false,
      ${block}, ${at}, ${hex("'consenttx' || c", 32)}, 0, gen_random_uuid(), ${range}
    from (select ${patientSql("p")} as patient, ${actorSql("a")} as grantee, ${patientSql("p")} || '-' || ${actorSql("a")} as c, a
          from generate_series(0, ${shape.patients - 1}) p
          cross join lateral (select (p * 13 + j * 17) % ${shape.actors} as a from generate_series(0, 9) j) g) s;
    insert into ${schema}.consents (id, patient_id, grantee, scope, purpose, expires_at, version, active, updated_at_block, updated_at, _id, _block_range)
    select consent_id, patient, grantee, scope, purpose, expires_at, version, active, block_number, block_timestamp, gen_random_uuid(), ${range}
    from ${schema}.consent_versions where patient like '0xbebe%';`);
}

export type LoadReturnType = {
  events: number;
  seconds: { stage: number; materialise: number; parties: number; reindex: number; analyse: number; total: number; readModels?: number };
};

const FILLED_TABLES = ["access_events", "access_tickets", "patients", "accounts", "records", "record_versions", "consents", "consent_versions"];

/**
 * Bulk inserts maintain SubQuery's ten GiST indexes row by row; dropping them first and building the same
 * definitions afterwards (pg_indexes.indexdef, verbatim) ends with the indexes the indexer made, far sooner.
 */
async function dropIndexes(sql: Sql, schema: string, tables: string[]): Promise<string[]> {
  const rows = await sql<{ indexname: string; indexdef: string }[]>`
    select i.indexname, i.indexdef from pg_indexes i
    where i.schemaname = ${schema} and i.tablename = any(${tables})
      and not exists (select 1 from pg_constraint c where c.conname = i.indexname and c.connamespace = ${schema}::regnamespace)`;
  for (const row of rows) await sql.unsafe(`drop index ${schema}."${row.indexname}"`);
  return rows.map((row) => row.indexdef);
}

/** Stages, materialises and analyses N synthetic events into `schema` (whose tables the indexer created). */
export async function loadSyntheticEvents(sql: Sql, schema: string, shape: SyntheticShape): Promise<LoadReturnType> {
  const time = async (work: () => Promise<unknown>) => {
    const started = performance.now();
    await work();
    return Math.round(performance.now() - started) / 1000;
  };
  const started = performance.now();
  const indexes = await dropIndexes(sql, schema, FILLED_TABLES);
  // The API's access_cells trigger (api/src/data/readModels.ts) would count a million rows one by one; without it,
  // the next API start backfills the cells in one GROUP BY and installs the trigger again.
  await sql.unsafe(`drop trigger if exists ct_count_access_event on ${schema}.access_events`);
  const stageSeconds = await time(async () => {
    await createStage(sql, schema);
    await stageSyntheticEvents(sql, schema, shape);
  });
  const parties = await time(() => writeSyntheticParties(sql, schema, shape));
  const materialise = await time(() => materialiseEvents(sql, schema));
  await sql.unsafe(`drop schema ${stage(schema)} cascade`);
  const reindex = await time(() => sql.unsafe(indexes.join(";\n")));
  const analyse = await time(() =>
    sql.unsafe(`analyze ${schema}.access_events; analyze ${schema}.access_tickets;
    analyze ${schema}.records; analyze ${schema}.record_versions; analyze ${schema}.consents; analyze ${schema}.consent_versions`),
  );
  return {
    events: shape.events,
    seconds: { stage: stageSeconds, materialise, parties, reindex, analyse, total: Math.round(performance.now() - started) / 1000 },
  };
}
