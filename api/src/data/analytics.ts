import type { AccessCount, Accessor, AnalyticsFilter, Bucket, ConsentCount, Rate } from "../generated/resolvers.js";
import type { Fragment, Projection } from "../db.js";
import { badInput } from "../errors.js";
import { dbEnum, roleFromDb, upperEnum } from "../roles.js";

/** Groups covering fewer distinct patients than this are suppressed (k-anonymity). */
export const K_ANONYMITY = 5;
export const MAX_BUSIEST_ACCESSORS = 50;

/** What `analytics(filter)` hands to its fields. */
export type AnalyticsParent = { k: number; filter: AnalyticsFilter };

/**
 * Aggregates come from the event table rather than the indexer's DailyAccessRollup: suppression needs the number of
 * distinct patients in each group, which the rollup does not keep.
 */
function where({ sql }: Projection, filter: AnalyticsFilter): Fragment {
  const kinds = filter.kinds?.length ? filter.kinds.map(dbEnum) : null;
  const purposes = filter.purposes?.length ? filter.purposes.map(dbEnum) : null;
  return sql`true
    ${filter.from ? sql`and block_timestamp >= ${filter.from}` : sql``}
    ${filter.to ? sql`and block_timestamp < ${filter.to}` : sql``}
    ${kinds ? sql`and kind::text = any(${kinds})` : sql``}
    ${purposes ? sql`and purpose::text = any(${purposes})` : sql``}`;
}

const unit = (bucket: Bucket) => (bucket === "WEEK" ? "week" : "day");

export async function accessCounts(projection: Projection, { k, filter }: AnalyticsParent, bucket: Bucket): Promise<AccessCount[]> {
  const { sql, table, current } = projection;
  const rows = await sql<{ bucket_start: Date; outcome: string; actor_role: string; count: number; patients: number }[]>`
    select date_trunc(${unit(bucket)}, block_timestamp) as bucket_start, outcome::text, actor_role::text,
           count(*)::int as count, count(distinct patient_id)::int as patients
    from ${table("access_events")}
    where ${where(projection, filter)} and ${current()}
    group by 1, 2, 3 order by 1, 2, 3`;
  return rows.map((row) => {
    const suppressed = row.patients < k;
    return {
      bucketStart: row.bucket_start,
      outcome: upperEnum(row.outcome) as AccessCount["outcome"],
      actorRole: roleFromDb[row.actor_role] ?? null,
      count: suppressed ? null : row.count,
      patients: suppressed ? null : row.patients,
      suppressed,
    };
  });
}

/** Share of access decisions (grant, denial, emergency) that were of `kind`. */
export async function decisionRate(projection: Projection, { k, filter }: AnalyticsParent, kind: "Denial" | "Emergency"): Promise<Rate> {
  const { sql, table, current } = projection;
  const [row] = await sql<{ numerator: number; denominator: number; patients: number }[]>`
    select count(*) filter (where kind::text = ${kind})::int as numerator, count(*)::int as denominator,
           count(distinct patient_id)::int as patients
    from ${table("access_events")}
    where ${where(projection, filter)} and ${current()} and kind::text in ('Grant', 'Denial', 'Emergency')`;
  if (!row || row.patients < k) return { value: null, numerator: null, denominator: null, suppressed: true };
  return { value: row.denominator === 0 ? null : row.numerator / row.denominator, numerator: row.numerator, denominator: row.denominator, suppressed: false };
}

export async function consentCounts(projection: Projection, { k, filter }: AnalyticsParent, bucket: Bucket): Promise<ConsentCount[]> {
  const { sql, table, current } = projection;
  const purposes = filter.purposes?.length ? filter.purposes.map(dbEnum) : null;
  const rows = await sql<{ bucket_start: Date; action: string; count: number; patients: number }[]>`
    select date_trunc(${unit(bucket)}, block_timestamp) as bucket_start, action::text,
           count(*)::int as count, count(distinct patient)::int as patients
    from ${table("consent_versions")}
    where ${current()}
      ${filter.from ? sql`and block_timestamp >= ${filter.from}` : sql``}
      ${filter.to ? sql`and block_timestamp < ${filter.to}` : sql``}
      ${purposes ? sql`and purpose::text = any(${purposes})` : sql``}
    group by 1, 2 order by 1, 2`;
  return rows.map((row) => ({
    bucketStart: row.bucket_start,
    action: upperEnum(row.action) as ConsentCount["action"],
    count: row.patients < k ? null : row.count,
    suppressed: row.patients < k,
  }));
}

/** Actors by number of access events; actors who touched fewer than k patients are left out. */
export async function busiestAccessors(projection: Projection, { k, filter }: AnalyticsParent, first: number): Promise<Accessor[]> {
  if (!Number.isInteger(first) || first < 1 || first > MAX_BUSIEST_ACCESSORS) throw badInput(`first must be between 1 and ${MAX_BUSIEST_ACCESSORS}.`);
  const { sql, table, current } = projection;
  const rows = await sql<{ actor: string; actor_role: string; accesses: number; patients: number }[]>`
    select actor, max(actor_role::text) as actor_role, count(*)::int as accesses, count(distinct patient_id)::int as patients
    from ${table("access_events")}
    where ${where(projection, filter)} and ${current()}
    group by actor having count(distinct patient_id) >= ${k}
    order by accesses desc, actor limit ${first}`;
  return rows.map((row) => ({ actor: row.actor, actorRole: roleFromDb[row.actor_role] ?? null, accesses: row.accesses, patients: row.patients }));
}
