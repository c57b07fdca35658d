import type { Alert, AlertFilter, AlertRule, ResolversTypes } from "../generated/resolvers.js";
import type { Fragment } from "postgres";
import type { Projection } from "../db.js";
import { badInput } from "../errors.js";
import { toAccessEvent, utcTimestamp, type AccessEventParent, type AccessEventRow } from "./accessEvents.js";

export const MAX_ALERTS = 500;

/** Thresholds of the alert rules (api/README.md, "Alert rules"). */
export type AlertRules = {
  /** Business hours in UTC, [start, end) hours, Monday to Friday. */
  businessHours: { startHour: number; endHour: number };
  /** A request this soon after the same grantee's consent was revoked is flagged. */
  afterRevocationWindowSeconds: number;
  /** More access events than this by one actor within one UTC hour is unusual. */
  unusualVolumePerHour: number;
};

export const defaultAlertRules: AlertRules = {
  businessHours: { startHour: 7, endHour: 19 },
  afterRevocationWindowSeconds: 24 * 60 * 60,
  unusualVolumePerHour: 20,
};

type AlertRow = AccessEventRow & { detail: string };

export async function readAlerts(
  projection: Projection,
  rules: AlertRules,
  filter: AlertFilter | null | undefined,
  first: number,
): Promise<(Omit<Alert, "event"> & { event: AccessEventParent })[]> {
  if (!Number.isInteger(first) || first < 1 || first > MAX_ALERTS) throw badInput(`first must be between 1 and ${MAX_ALERTS}.`);
  const found = await Promise.all(
    [...wantedRules(filter)].map(async (rule) =>
      (await ruleQueries(projection, rules, filter)[rule](projection.sql`limit ${first}`)).map((row) => ({ rule, row })),
    ),
  );
  return found
    .flat()
    .sort((a, b) => Number(BigInt(b.row.block_number) - BigInt(a.row.block_number)) || b.row.log_index - a.row.log_index)
    .slice(0, first)
    .map(({ rule, row }) => ({ rule, detail: row.detail, event: toAccessEvent(row) }));
}

export const ALL_ALERT_RULES: AlertRule[] = [
  "AFTER_HOURS",
  "EMERGENCY_ACCESS",
  "DENIED_ATTEMPT",
  "ACCESS_AFTER_REVOCATION",
  "UNUSUAL_VOLUME",
  "READ_AFTER_EXPIRY",
];

function wantedRules(filter: AlertFilter | null | undefined): Set<AlertRule> {
  return new Set<AlertRule>(filter?.rules?.length ? filter.rules : ALL_ALERT_RULES);
}

/** One SQL query per rule, newest first; `tail` is its limit. */
function ruleQueries(
  projection: Projection,
  rules: AlertRules,
  filter: AlertFilter | null | undefined,
): Record<AlertRule, (tail: Fragment) => Promise<AlertRow[]>> {
  const { sql, table, current } = projection;
  const scope = sql`${current("e")}
    ${filter?.patient ? sql`and e.patient_id = ${filter.patient}` : sql``}
    ${filter?.actor ? sql`and e.actor = ${filter.actor.toLowerCase()}` : sql``}
    ${filter?.from ? sql`and e.block_timestamp >= ${utcTimestamp(filter.from)}::timestamp` : sql``}
    ${filter?.to ? sql`and e.block_timestamp < ${utcTimestamp(filter.to)}::timestamp` : sql``}`;
  const { startHour, endHour } = rules.businessHours;
  return {
    AFTER_HOURS: (tail) => sql<AlertRow[]>`
      select e.*, 'access at ' || to_char(e.block_timestamp at time zone 'UTC', 'Dy HH24:MI') || ' UTC, outside business hours' as detail
      from ${table("access_events")} e
      where ${scope} and e.kind::text in ('Grant', 'Emergency', 'Read')
        and (extract(isodow from e.block_timestamp at time zone 'UTC') > 5
             or extract(hour from e.block_timestamp at time zone 'UTC') < ${startHour}
             or extract(hour from e.block_timestamp at time zone 'UTC') >= ${endHour})
      order by e.block_number desc, e.log_index desc ${tail}`,
    EMERGENCY_ACCESS: (tail) => sql<AlertRow[]>`
      select e.*, 'break-glass emergency access, reason code ' || coalesce(e.emergency_reason_code::text, '?') as detail
      from ${table("access_events")} e where ${scope} and e.kind::text = 'Emergency'
      order by e.block_number desc, e.log_index desc ${tail}`,
    DENIED_ATTEMPT: (tail) => sql<AlertRow[]>`
      select e.*, 'access denied: ' || coalesce(e.denial_reason::text, 'no reason') as detail
      from ${table("access_events")} e where ${scope} and e.outcome::text = 'Denied'
      order by e.block_number desc, e.log_index desc ${tail}`,
    ACCESS_AFTER_REVOCATION: (tail) => sql<AlertRow[]>`
      select e.*,
        'requested ' || extract(epoch from e.block_timestamp - r.block_timestamp)::int || ' s after the patient revoked this grantee''s consent'
          as detail
      from ${table("access_events")} e
      join lateral (
        select c.block_timestamp from ${table("consent_versions")} c
        where c.patient = e.patient_id and c.grantee = e.actor and c.action::text = 'Revoked' and ${current("c")}
          and (c.block_number, c.log_index) < (e.block_number, e.log_index)
          and c.block_timestamp >= e.block_timestamp - make_interval(secs => ${rules.afterRevocationWindowSeconds})
        order by c.block_number desc limit 1
      ) r on true
      where ${scope} and e.kind::text = 'Request'
      order by e.block_number desc, e.log_index desc ${tail}`,
    UNUSUAL_VOLUME: (tail) => sql<AlertRow[]>`
      select * from (
        select e.*,
               'access event ' || row_number() over w || ' by this actor within the hour (threshold '
                 || ${rules.unusualVolumePerHour}::int || ')' as detail,
               row_number() over w as nth
        from ${table("access_events")} e
        where ${scope} and e.kind::text = 'Request'
        window w as (partition by e.actor, date_trunc('hour', e.block_timestamp) order by e.block_number, e.log_index)
      ) counted where nth = ${rules.unusualVolumePerHour + 1}
      order by block_number desc, log_index desc ${tail}`,
    // The contract refuses such reads today; a trail from an older deployment or a mis-set ticket still shows here.
    READ_AFTER_EXPIRY: (tail) => sql<AlertRow[]>`
      select e.*, 'read logged ' || (extract(epoch from e.block_timestamp)::bigint - t.expires_at::bigint) || ' s after its access expired at '
                  || to_char(to_timestamp(t.expires_at::bigint) at time zone 'UTC', 'YYYY-MM-DD HH24:MI') || ' UTC' as detail
      from ${table("access_events")} e
      join ${table("access_tickets")} t on t.id = e.ticket_id and ${current("t")}
      where ${scope} and e.kind::text = 'Read' and extract(epoch from e.block_timestamp) >= t.expires_at::bigint
      order by e.block_number desc, e.log_index desc ${tail}`,
  };
}

/** Alerts counted per rule before grouping; beyond this a rule's count is reported as capped. */
export const MAX_ALERTS_PER_RULE = 10_000;
export const MAX_ALERT_GROUPS_PAGE = 100;

/**
 * Alerts grouped by rule, actor, patient and UTC minute (one burst of the same access is one line with a count),
 * newest first, paged by offset. Each rule scans at most MAX_ALERTS_PER_RULE rows, so a page's cost is bounded.
 */
export async function readAlertGroups(
  projection: Projection,
  rules: AlertRules,
  filter: AlertFilter | null | undefined,
  first: number,
  offset: number,
): Promise<ResolversTypes["AlertGroupPage"]> {
  if (!Number.isInteger(first) || first < 1 || first > MAX_ALERT_GROUPS_PAGE) throw badInput(`first must be between 1 and ${MAX_ALERT_GROUPS_PAGE}.`);
  if (!Number.isInteger(offset) || offset < 0) throw badInput("offset must be a whole number, 0 or more.");
  const queries = ruleQueries(projection, rules, filter);
  const perRule = await Promise.all(
    [...wantedRules(filter)].map(async (rule) => ({ rule, rows: await queries[rule](projection.sql`limit ${MAX_ALERTS_PER_RULE + 1}`) })),
  );
  const groups = new Map<string, { rule: AlertRule; rows: AlertRow[] }>();
  for (const { rule, rows } of perRule) {
    for (const row of rows.slice(0, MAX_ALERTS_PER_RULE)) {
      const minute = Math.floor(new Date(row.block_timestamp).getTime() / 60_000);
      const key = `${rule}|${row.actor}|${row.patient_id}|${minute}`;
      const group = groups.get(key) ?? groups.set(key, { rule, rows: [] }).get(key)!;
      group.rows.push(row);
    }
  }
  // Rows arrive newest first, so each group's first row is its latest.
  const sorted = [...groups.values()].sort(
    (a, b) =>
      Number(BigInt(b.rows[0]!.block_number) - BigInt(a.rows[0]!.block_number)) || b.rows[0]!.log_index - a.rows[0]!.log_index || a.rule.localeCompare(b.rule),
  );
  return {
    totalGroups: sorted.length,
    totalAlerts: sorted.reduce((sum, group) => sum + group.rows.length, 0),
    capped: perRule.some(({ rows }) => rows.length > MAX_ALERTS_PER_RULE),
    byRule: perRule.map(({ rule, rows }) => ({ rule, count: Math.min(rows.length, MAX_ALERTS_PER_RULE) })),
    groups: sorted.slice(offset, offset + first).map(({ rule, rows }) => {
      const latest = rows[0]!;
      const minute = new Date(Math.floor(new Date(latest.block_timestamp).getTime() / 60_000) * 60_000);
      return { rule, actor: latest.actor, patient: latest.patient_id, minute, count: rows.length, detail: latest.detail, latest: toAccessEvent(latest) };
    }),
  };
}
