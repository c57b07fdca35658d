// Raw counts from the projection, handed straight to the disclosure policy (src/privacy/disclosurePolicy.ts): nothing
// here is returned to a caller except through it.
import type { AccessCount, AccessKind, Accessor, AnalyticsFilter, ConsentCount, QueryResolvers, Rate, Resolvers } from "../generated/resolvers.js";
import type { Projection } from "../db.js";
import { badInput } from "../errors.js";
import { orDefault } from "../resolvers/orDefault.js";
import { utcTimestamp } from "./accessEvents.js";
import { type DataExtent, type DisclosurePolicy, type PublishedCell, type SnappedWindow } from "../privacy/disclosurePolicy.js";
import { dbEnum, roleFromDb, upperEnum, type Role } from "../roles.js";

export const MAX_BUSIEST_ACCESSORS = 50;
/** The kinds of the public grid (REQUEST is left out: requests = decisions, so it would expose suppressed cells). */
export const GRID_KINDS: readonly AccessKind[] = ["GRANT", "DENIAL", "EMERGENCY", "READ"];
/** The actor roles of the grid; null is an unregistered actor. */
export const GRID_ROLES: readonly (Role | null)[] = ["PATIENT", "PROVIDER", "INSURER", "AUDITOR", "RESEARCHER", null];
const CONSENT_ACTIONS = ["GRANTED", "REVOKED"] as const;
const DECISIONS: readonly AccessKind[] = ["GRANT", "DENIAL", "EMERGENCY"];

/** What `analytics(filter)` hands to its fields: one window and one grid per request, computed once. */
export type AnalyticsParent = { filter: AnalyticsFilter; caller: string; policy: DisclosurePolicy; memo: Map<string, Promise<unknown>> };

const memoised = <T>(parent: AnalyticsParent, key: string, work: () => Promise<T>): Promise<T> => {
  if (!parent.memo.has(key)) parent.memo.set(key, work());
  return parent.memo.get(key) as Promise<T>;
};

function selectedKinds(filter: AnalyticsFilter): AccessKind[] {
  const kinds = filter.kinds?.length ? [...new Set(filter.kinds)] : [...GRID_KINDS];
  if (kinds.includes("REQUEST")) {
    throw badInput("kinds: REQUEST is not published (each request has exactly one decision); ask for GRANT, DENIAL and EMERGENCY instead.");
  }
  return GRID_KINDS.filter((kind) => kinds.includes(kind));
}

/** How far the indexed data reaches: SubQuery's last processed block, and the first event. */
async function readExtent({ sql, table, current }: Projection): Promise<DataExtent> {
  const [row] = await sql<
    { frontier_ms: string | null; height: string | null; first_access: Date | null; first_consent: Date | null; last_access: Date | null }[]
  >`
    select
      (select value::text from ${table("_metadata")} where key = 'lastProcessedBlockTimestamp') as frontier_ms,
      (select value::text from ${table("_metadata")} where key = 'lastProcessedHeight') as height,
      (select min(block_timestamp) from ${table("access_events")} where ${current()}) as first_access,
      (select min(block_timestamp) from ${table("consent_versions")} where ${current()}) as first_consent,
      (select max(block_timestamp) from ${table("access_events")} where ${current()}) as last_access`;
  const firsts = [row?.first_access, row?.first_consent].filter((value): value is Date => value instanceof Date);
  const frontierMs = row?.frontier_ms ? Number(row.frontier_ms) : NaN;
  return {
    earliest: firsts.length ? new Date(Math.min(...firsts.map((date) => date.getTime()))) : null,
    frontier: Number.isFinite(frontierMs) ? new Date(frontierMs) : (row?.last_access ?? null),
    frontierHeight: row?.height ? Number(row.height) : null,
  };
}

const windowOf = (projection: Projection, parent: AnalyticsParent): Promise<SnappedWindow> =>
  memoised(parent, "window", async () => parent.policy.snapWindow({ from: parent.filter.from, to: parent.filter.to }, await readExtent(projection)));

const unit = (window: SnappedWindow) => (window.bucket === "WEEK" ? "week" : "day");
const cellKey = (bucketStart: number, ...parts: (string | null)[]) => [bucketStart, ...parts.map((part) => part ?? "-")].join("|");

/** The access grid (bucket x kind x role), every cell published or suppressed by the policy. */
function accessGrid(projection: Projection, parent: AnalyticsParent): Promise<AccessCount[]> {
  return memoised(parent, "accessGrid", async () => {
    const { sql, table } = projection;
    const window = await windowOf(projection, parent);
    const kinds = selectedKinds(parent.filter);
    await parent.policy.charge(
      parent.caller,
      ["accesses", window.from.toISOString(), window.to.toISOString(), kinds.join(","), window.releaseTag].join("|"),
      parent.policy.costs.grid,
    );
    // From the access_cells read model (src/data/readModels.ts): exact counts and distinct patients per bucket, kind
    // and role, a few hundred rows for any window, where GROUP BY over the events scanned every event in it.
    const rows =
      window.buckets.length === 0
        ? []
        : await sql<{ bucket_ms: string; kind: string; actor_role: string; count: number; patients: number }[]>`
      select (extract(epoch from bucket) * 1000)::bigint::text as bucket_ms, kind, actor_role, count, cardinality(patients) as patients
      from ${table("access_cells")}
      where unit = ${unit(window)} and bucket >= ${utcTimestamp(window.from)}::timestamp and bucket < ${utcTimestamp(window.to)}::timestamp
        and kind = any(${kinds.map(dbEnum)}::text[])`;
    const raw = new Map(rows.map((row) => [cellKey(Number(row.bucket_ms), upperEnum(row.kind), roleFromDb[row.actor_role] ?? null), row]));
    const cells: AccessCount[] = [];
    for (const bucket of window.buckets) {
      for (const kind of kinds) {
        for (const role of GRID_ROLES) {
          const key = cellKey(bucket.getTime(), kind, role);
          const noiseKey = [parent.caller, "access", key, noiseTag(window, bucket)];
          cells.push({
            bucketStart: bucket,
            kind,
            outcome: kind === "DENIAL" ? "DENIED" : "GRANTED",
            actorRole: role,
            ...parent.policy.publishCell(raw.get(key), noiseKey),
          });
        }
      }
    }
    return cells;
  });
}

/** Closed buckets keep their noise forever; the open one is re-noised per indexed height (new blocks may change it). */
const noiseTag = (window: SnappedWindow, bucket: Date) => (window.open && bucket.getTime() === window.buckets.at(-1)?.getTime() ? window.releaseTag : "closed");

export const accessCounts = (projection: Projection, parent: AnalyticsParent): Promise<AccessCount[]> => accessGrid(projection, parent);

/** Share of decisions (grants, denials, emergencies) that were of `kind`, from the published grid cells. */
export async function decisionRate(projection: Projection, parent: AnalyticsParent, kind: "DENIAL" | "EMERGENCY"): Promise<Rate> {
  const cells = await accessGrid(projection, parent);
  const published = (kinds: readonly AccessKind[]): PublishedCell[] => cells.filter((cell) => kinds.includes(cell.kind));
  return parent.policy.publishRate(published([kind]), published(DECISIONS));
}

export function consentCounts(projection: Projection, parent: AnalyticsParent): Promise<ConsentCount[]> {
  return memoised(parent, "consentGrid", async () => {
    const { sql, table, current } = projection;
    const window = await windowOf(projection, parent);
    await parent.policy.charge(
      parent.caller,
      ["consents", window.from.toISOString(), window.to.toISOString(), window.releaseTag].join("|"),
      parent.policy.costs.grid,
    );
    const rows =
      window.buckets.length === 0
        ? []
        : await sql<{ bucket_ms: string; action: string; count: number; patients: number }[]>`
      select (extract(epoch from date_trunc(${unit(window)}, block_timestamp)) * 1000)::bigint::text as bucket_ms, action::text,
             count(*)::int as count, count(distinct patient)::int as patients
      from ${table("consent_versions")}
      where block_timestamp >= ${utcTimestamp(window.from)}::timestamp and block_timestamp < ${utcTimestamp(window.to)}::timestamp and ${current()}
      group by 1, 2`;
    const raw = new Map(rows.map((row) => [cellKey(Number(row.bucket_ms), upperEnum(row.action)), row]));
    return window.buckets.flatMap((bucket) =>
      CONSENT_ACTIONS.map((action) => {
        const key = cellKey(bucket.getTime(), action);
        return { bucketStart: bucket, action, ...parent.policy.publishCell(raw.get(key), [parent.caller, "consent", key, noiseTag(window, bucket)]) };
      }),
    );
  });
}

/** Actors by access events in the window; those touching fewer than k patients are left out, the rest noised and rounded. */
export async function busiestAccessors(projection: Projection, parent: AnalyticsParent, first: number): Promise<Accessor[]> {
  if (!Number.isInteger(first) || first < 1 || first > MAX_BUSIEST_ACCESSORS) throw badInput(`first must be between 1 and ${MAX_BUSIEST_ACCESSORS}.`);
  const { sql, table, current } = projection;
  const window = await windowOf(projection, parent);
  const kinds = selectedKinds(parent.filter);
  const release = ["accessors", window.from.toISOString(), window.to.toISOString(), kinds.join(","), window.releaseTag].join("|");
  await parent.policy.charge(parent.caller, release, parent.policy.costs.accessorList);
  const rows =
    window.buckets.length === 0
      ? []
      : await sql<{ actor: string; actor_role: string; accesses: number; patients: number }[]>`
    select actor, max(actor_role::text) as actor_role, count(*)::int as accesses, count(distinct patient_id)::int as patients
    from ${table("access_events")}
    where block_timestamp >= ${utcTimestamp(window.from)}::timestamp and block_timestamp < ${utcTimestamp(window.to)}::timestamp and ${current()}
      and kind::text = any(${kinds.map(dbEnum)})
    group by actor having count(distinct patient_id) >= ${parent.policy.k}`;
  const roles = new Map(rows.map((row) => [row.actor, roleFromDb[row.actor_role] ?? null]));
  return parent.policy
    .publishAccessors(rows, [parent.caller, release], first)
    .map((accessor) => ({ ...accessor, actorRole: roles.get(accessor.actor) ?? null }));
}

/** `Query.analytics` and the fields of `Analytics`, wired into the resolver map as they are. */
export const analyticsRoot: QueryResolvers["analytics"] = (_root, { filter }, { viewer, disclosure: policy }) => {
  // Bad filters are refused whatever fields were asked for.
  policy.checkRequestedWindow({ from: filter?.from, to: filter?.to });
  selectedKinds(filter ?? {});
  return { filter: filter ?? {}, caller: viewer!.address, policy, memo: new Map() };
};

export const analyticsFields: Resolvers["Analytics"] = {
  k: (parent) => parent.policy.k,
  window: async (parent, _args, { projection }) => windowOf(projection, parent),
  accesses: (parent, _args, { projection }) => accessCounts(projection, parent),
  denialRate: (parent, _args, { projection }) => decisionRate(projection, parent, "DENIAL"),
  emergencyRate: (parent, _args, { projection }) => decisionRate(projection, parent, "EMERGENCY"),
  consents: (parent, _args, { projection }) => consentCounts(projection, parent),
  busiestAccessors: (parent, { first }, { projection }) => busiestAccessors(projection, parent, orDefault(first, 10)),
  privacyBudget: (parent) => parent.policy.budgetOf(parent.caller),
};

/** The default threshold (a deployment may raise it, never lower it). */
export { MINIMUM_K as K_ANONYMITY } from "../privacy/disclosurePolicy.js";
