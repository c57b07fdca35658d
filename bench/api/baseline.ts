// Baseline (a): the statements the API's data layer sends for each question (api/src/data/*.ts), sent straight
// through `pg` with one connection per client, so the API's own cost shows as the ratio to this.
import pg from "pg";
import type { Question } from "./mix.ts";
import { Latencies } from "./latencies.ts";

type Statement = { text: string; values: unknown[] };

const currentRows = (alias = "") => `upper_inf(${alias}_block_range)`;

/** access_events' enum type per column ("schema"."hash"), which SubQuery names by hash. */
export type EnumTypes = Record<"outcome" | "purpose", string>;

export async function readEnumTypes(query: (text: string) => Promise<{ rows: { column_name: string; t: string }[] }>, schema: string): Promise<EnumTypes> {
  const { rows } = await query(`select column_name, format('%I.%I', udt_schema, udt_name) as t from information_schema.columns
    where table_schema = '${schema}' and table_name = 'access_events' and column_name in ('outcome', 'purpose')`);
  return Object.fromEntries(rows.map((row) => [row.column_name, row.t])) as EnumTypes;
}

const utc = (iso: unknown) => new Date(iso as string).toISOString().slice(0, 23);

function timelineStatements(schema: string, variables: Record<string, unknown>, enums: EnumTypes): Statement[] {
  const filter = (variables.filter ?? {}) as Record<string, unknown>;
  const values: unknown[] = [];
  const where: string[] = ["true"];
  const add = (clause: (n: number) => string, value: unknown) => {
    values.push(value);
    where.push(clause(values.length));
  };
  if (filter.patient) add((n) => `patient_id = $${n}`, filter.patient);
  if (filter.actor) add((n) => `actor = $${n}`, filter.actor);
  const enumList = (list: unknown) => (list as string[]).map((value) => value[0] + value.slice(1).toLowerCase());
  // As api/src/data/accessEvents.ts sends them: enums typed like their columns, times as UTC timestamp.
  if (filter.outcomes) add((n) => `outcome = any($${n}::text[]::${enums.outcome}[])`, enumList(filter.outcomes));
  if (filter.purposes) add((n) => `purpose = any($${n}::text[]::${enums.purpose}[])`, enumList(filter.purposes));
  // With the block range the API derives from a time window (auditWhere in api/src/data/accessEvents.ts).
  const edgeBlock = (n: number, comparison: string, direction: string) =>
    `(select b.block_number from ${schema}.access_events b where b.block_timestamp ${comparison} $${n}::timestamp and ${currentRows("b.")} ` +
    `order by b.block_timestamp ${direction} limit 1)`;
  if (filter.from) add((n) => `block_timestamp >= $${n}::timestamp and block_number >= ${edgeBlock(n, ">=", "asc")}`, utc(filter.from));
  if (filter.to) add((n) => `block_timestamp < $${n}::timestamp and block_number <= ${edgeBlock(n, "<", "desc")}`, utc(filter.to));
  const whereText = `${where.join(" and ")} and ${currentRows()}`;
  const rowsValues = [...values];
  let keyset = "";
  if (variables.after) {
    const [block, logIndex] = Buffer.from(variables.after as string, "base64url")
      .toString()
      .split(":");
    rowsValues.push(block, Number(logIndex));
    keyset = ` and (block_number, log_index) < ($${rowsValues.length - 1}::numeric, $${rowsValues.length}::int)`;
  }
  // One statement, as the API sends it: the capped count, and the page joined to it laterally.
  return [
    {
      text: `select matching.total, page.* from (
          select count(*)::int as total from (select 1 from ${schema}.access_events where ${whereText} limit 1001) capped) matching
        left join lateral (
          select * from ${schema}.access_events where ${whereText}${keyset} order by block_number desc, log_index desc limit 51) page on true
        order by page.block_number desc, page.log_index desc`,
      values: rowsValues,
    },
  ];
}

function provenanceStatements(schema: string, id: string): Statement[] {
  return [
    { text: `select * from ${schema}.records where id = $1 and ${currentRows()}`, values: [id] },
    { text: `select * from ${schema}.record_versions where record_id = any($1) and ${currentRows()} order by record_id, version`, values: [[id]] },
    {
      text: `select * from (select e.*, row_number() over (partition by e.record_id order by e.block_number desc, e.log_index desc) as nth
             from ${schema}.access_events e where e.record_id = any($1) and ${currentRows("e.")}) ranked where nth <= 50`,
      values: [[id]],
    },
  ];
}

function analyticsStatements(schema: string, from: string): Statement[] {
  return [
    {
      text: `select (extract(epoch from bucket) * 1000)::bigint::text as bucket_ms, kind, actor_role, count, cardinality(patients) as patients
             from ${schema}.access_cells where unit = 'week' and bucket >= $1::timestamp and kind = any($2::text[])`,
      values: [utc(from), ["Grant", "Denial", "Emergency", "Read"]],
    },
    {
      text: `select (extract(epoch from date_trunc('week', block_timestamp)) * 1000)::bigint::text as bucket_ms, action::text,
             count(*)::int as count, count(distinct patient)::int as patients from ${schema}.consent_versions
             where block_timestamp >= $1::timestamp and ${currentRows()} group by 1, 2`,
      values: [utc(from)],
    },
  ];
}

export function statementsOf(schema: string, question: Question, enums: EnumTypes): Statement[] {
  if (question.kind === "record provenance") return provenanceStatements(schema, question.variables.id as string);
  if (question.kind.startsWith("analytics")) return analyticsStatements(schema, (question.variables.filter as { from: string }).from);
  return timelineStatements(schema, question.variables, enums);
}

/** `clients` connections for `seconds`, each sending its questions' statements (in parallel, as the API does). */
export async function runPgBaseline(
  databaseUrl: string,
  schema: string,
  clients: number,
  seconds: number,
  mix: (round: number) => Question[],
): Promise<Latencies> {
  const latencies = new Latencies();
  const deadline = performance.now() + seconds * 1000;
  const client = async (index: number) => {
    const connection = new pg.Client({ connectionString: databaseUrl, statement_timeout: 5_000 });
    await connection.connect();
    const enums = await readEnumTypes((text) => connection.query(text), schema);
    try {
      for (let round = index; performance.now() < deadline; round++) {
        for (const question of mix(round)) {
          if (performance.now() >= deadline) break;
          const started = performance.now();
          try {
            // One connection runs one statement at a time, as one pooled connection would.
            for (const statement of statementsOf(schema, question, enums)) await connection.query(statement.text, statement.values);
            latencies.add(question.kind, performance.now() - started);
          } catch (error) {
            latencies.fail(question.kind, (error as Error).message);
          }
        }
      }
    } finally {
      await connection.end();
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: clients }, (_, index) => client(index)));
  latencies.seconds = (performance.now() - started) / 1000;
  return latencies;
}
