// The question mix of the API bench: what each kind asks, through GraphQL (the API) and as the SQL the API's
// data layer issues for it (the `pg` baseline), with the same parameters.
import postgres from "postgres";

type Sql = postgres.Sql<Record<string, never>>;

export type Persona = "auditor" | "researcher";
export type Question = { kind: string; group: "timeline" | "aggregate"; persona: Persona; query: string; variables: Record<string, unknown> };

const TIMELINE = `query($filter: AuditFilter, $first: Int, $after: String) { auditTimeline(filter: $filter, first: $first, after: $after) {
  totalCount edges { node { id kind outcome patient actor purpose position { blockNumber blockTimestamp } } } pageInfo { hasNextPage endCursor } } }`;
const PROVENANCE = `query($id: ID!) { record(id: $id) { id patient category versionCount latest { id version }
  versions { id author authorisingConsent { version purpose } } accesses(first: 50) { kind outcome actor } } }`;
const ANALYTICS = `query($filter: AnalyticsFilter) { analytics(filter: $filter) { k accesses { kind actorRole count patients suppressed }
  denialRate { value suppressed } emergencyRate { value suppressed } consents { action count suppressed } } }`;

/** Ids and positions the questions name, read from the loaded schema. */
export type Targets = { patients: string[]; deepCursors: string[]; records: string[]; actors: string[]; now: Date };

const cursorOf = (block: string, logIndex: number) => Buffer.from(`${block}:${logIndex}`).toString("base64url");

export async function readTargets(sql: Sql, schema: string, count = 20): Promise<Targets> {
  const patients = (await sql.unsafe(`select id from ${schema}.patients where id like '0xbebe%' order by id limit ${count}`)).map((row) => row.id as string);
  const deep = await Promise.all(
    patients.map(async (patient) => {
      const rows = await sql.unsafe(
        `select block_number::text as b, log_index from ${schema}.access_events where patient_id = $1 ` +
          "order by block_number desc, log_index desc offset 500 limit 1",
        [patient],
      );
      return rows[0] ? cursorOf(rows[0].b as string, rows[0].log_index as number) : undefined;
    }),
  );
  const records = (await sql.unsafe(`select id from ${schema}.records where patient_id like '0xbebe%' order by id limit ${count}`)).map(
    (row) => row.id as string,
  );
  const actors = (await sql.unsafe(`select id from ${schema}.accounts where id like '0xacac%' and role::text = 'Provider' order by id limit ${count}`)).map(
    (row) => row.id as string,
  );
  const [{ now }] = (await sql.unsafe(`select max(block_timestamp) as now from ${schema}.access_events`)) as unknown as [{ now: Date }];
  return { patients, deepCursors: deep.filter((cursor): cursor is string => cursor !== undefined), records, actors, now };
}

const daysBefore = (now: Date, days: number) => new Date(now.getTime() - days * 86_400_000).toISOString();

/** The mix, one list per round: each client walks it from its own offset. */
export function questions(targets: Targets, round: number): Question[] {
  const pick = <T>(list: T[]) => list[round % list.length]!;
  const timeline = (kind: string, filter: Record<string, unknown>, extra: Record<string, unknown> = {}): Question => ({
    kind,
    group: "timeline",
    persona: "auditor",
    query: TIMELINE,
    variables: { filter, first: 50, ...extra },
  });
  const analytics = (days: number): Question => ({
    kind: `analytics ${days} days`,
    group: "aggregate",
    persona: "researcher",
    query: ANALYTICS,
    variables: { filter: { from: daysBefore(targets.now, days) } },
  });
  return [
    timeline("patient timeline, first page", { patient: pick(targets.patients) }),
    timeline("patient timeline, deep page", { patient: pick(targets.patients) }, targets.deepCursors.length ? { after: pick(targets.deepCursors) } : {}),
    { kind: "record provenance", group: "timeline", persona: "auditor", query: PROVENANCE, variables: { id: pick(targets.records) } },
    timeline("patient timeline, first page", { patient: pick(targets.patients.slice().reverse()) }),
    { kind: "record provenance", group: "timeline", persona: "auditor", query: PROVENANCE, variables: { id: pick(targets.records.slice().reverse()) } },
    timeline("auditor: one actor, 30 days", { actor: pick(targets.actors), from: daysBefore(targets.now, 30) }),
    timeline("auditor: outcome Denied, 30 days", { outcomes: ["DENIED"], from: daysBefore(targets.now, 30) }),
    timeline("auditor: purpose Emergency", { purposes: ["EMERGENCY"] }),
    timeline("auditor: one day window", { from: daysBefore(targets.now, 8), to: daysBefore(targets.now, 7) }),
    ...(round % 4 === 0 ? [analytics(7), analytics(30), analytics(90)] : []),
  ];
}
