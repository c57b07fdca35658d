import type { Alert, AlertFilter, AlertRule } from "../generated/resolvers.js";
import type { Projection } from "../db.js";
import { badInput } from "../errors.js";
import { toAccessEvent, type AccessEventParent, type AccessEventRow } from "./accessEvents.js";

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

export async function readAlerts(projection: Projection, rules: AlertRules, filter: AlertFilter | null | undefined, first: number): Promise<(Omit<Alert, "event"> & { event: AccessEventParent })[]> {
  if (!Number.isInteger(first) || first < 1 || first > MAX_ALERTS) throw badInput(`first must be between 1 and ${MAX_ALERTS}.`);
  const wanted = new Set<AlertRule>(filter?.rules?.length ? filter.rules : ["AFTER_HOURS", "EMERGENCY_ACCESS", "DENIED_ATTEMPT", "ACCESS_AFTER_REVOCATION", "UNUSUAL_VOLUME"]);
  const { sql, table, current } = projection;
  const scope = sql`${current("e")}
    ${filter?.patient ? sql`and e.patient_id = ${filter.patient}` : sql``}
    ${filter?.from ? sql`and e.block_timestamp >= ${filter.from}` : sql``}
    ${filter?.to ? sql`and e.block_timestamp < ${filter.to}` : sql``}`;
  const { startHour, endHour } = rules.businessHours;
  const queries: Record<AlertRule, () => Promise<AlertRow[]>> = {
    AFTER_HOURS: () => sql<AlertRow[]>`
      select e.*, 'access at ' || to_char(e.block_timestamp at time zone 'UTC', 'Dy HH24:MI') || ' UTC, outside business hours' as detail
      from ${table("access_events")} e
      where ${scope} and e.kind::text in ('Grant', 'Emergency', 'Read')
        and (extract(isodow from e.block_timestamp at time zone 'UTC') > 5
             or extract(hour from e.block_timestamp at time zone 'UTC') < ${startHour}
             or extract(hour from e.block_timestamp at time zone 'UTC') >= ${endHour})
      order by e.block_number desc, e.log_index desc limit ${first}`,
    EMERGENCY_ACCESS: () => sql<AlertRow[]>`
      select e.*, 'break-glass emergency access, reason code ' || coalesce(e.emergency_reason_code::text, '?') as detail
      from ${table("access_events")} e where ${scope} and e.kind::text = 'Emergency'
      order by e.block_number desc, e.log_index desc limit ${first}`,
    DENIED_ATTEMPT: () => sql<AlertRow[]>`
      select e.*, 'access denied: ' || coalesce(e.denial_reason::text, 'no reason') as detail
      from ${table("access_events")} e where ${scope} and e.outcome::text = 'Denied'
      order by e.block_number desc, e.log_index desc limit ${first}`,
    ACCESS_AFTER_REVOCATION: () => sql<AlertRow[]>`
      select e.*, 'requested ' || extract(epoch from e.block_timestamp - r.block_timestamp)::int || ' s after the patient revoked this grantee''s consent' as detail
      from ${table("access_events")} e
      join lateral (
        select c.block_timestamp from ${table("consent_versions")} c
        where c.patient = e.patient_id and c.grantee = e.actor and c.action::text = 'Revoked' and ${current("c")}
          and (c.block_number, c.log_index) < (e.block_number, e.log_index)
          and c.block_timestamp >= e.block_timestamp - make_interval(secs => ${rules.afterRevocationWindowSeconds})
        order by c.block_number desc limit 1
      ) r on true
      where ${scope} and e.kind::text = 'Request'
      order by e.block_number desc, e.log_index desc limit ${first}`,
    UNUSUAL_VOLUME: () => sql<AlertRow[]>`
      select * from (
        select e.*, 'access event ' || row_number() over w || ' by this actor within the hour (threshold ' || ${rules.unusualVolumePerHour}::int || ')' as detail,
               row_number() over w as nth
        from ${table("access_events")} e
        where ${scope} and e.kind::text = 'Request'
        window w as (partition by e.actor, date_trunc('hour', e.block_timestamp) order by e.block_number, e.log_index)
      ) counted where nth = ${rules.unusualVolumePerHour + 1}
      order by block_number desc, log_index desc limit ${first}`,
  };
  const found = await Promise.all([...wanted].map(async (rule) => (await queries[rule]()).map((row) => ({ rule, row }))));
  return found
    .flat()
    .sort((a, b) => Number(BigInt(b.row.block_number) - BigInt(a.row.block_number)) || b.row.log_index - a.row.log_index)
    .slice(0, first)
    .map(({ rule, row }) => ({ rule, detail: row.detail, event: toAccessEvent(row) }));
}
