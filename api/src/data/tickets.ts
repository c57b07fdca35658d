import type { IndexedRows } from "../generated/rows.js";
import DataLoader from "dataloader";
import type { AccessTicket, GranteeAccess } from "../generated/resolvers.js";
import type { Fragment, Projection } from "../db.js";
import { badInput } from "../errors.js";
import { roleFromDb, upperEnum } from "../roles.js";
import { epochToDate } from "./rows.js";

/** Per grantee and state, so one busy grantee cannot crowd the others out of the answer. */
export const MAX_TICKETS_PER_LIST = 10;
export const MAX_GRANTEES = 100;
export const MAX_ENDED_WITHIN_DAYS = 365;

export type TicketRow = Pick<
  IndexedRows["AccessTicket"],
  | "id"
  | "patient"
  | "grantee"
  | "record_id"
  | "category"
  | "purpose"
  | "emergency"
  | "expires_at"
  | "consent_version"
  | "voided"
  | "void_reason"
  | "voided_at"
  | "voided_at_block"
  | "voided_by_event"
  | "issued_by_id"
> & {
  issued_at: Date;
  grantee_role: string | null;
  state: "LIVE" | "EXPIRED" | "VOIDED";
  ended_at: Date | null;
};
type RankedTicketRow = TicketRow & { list_total: number };

const roleOf = (row: TicketRow) => (row.grantee_role ? roleFromDb[row.grantee_role] : undefined) ?? null;

export function toAccessTicket(row: TicketRow): AccessTicket {
  return {
    id: row.id,
    patient: row.patient,
    grantee: row.grantee,
    granteeRole: roleOf(row),
    recordId: row.record_id,
    category: row.category,
    purpose: upperEnum(row.purpose) as AccessTicket["purpose"],
    emergency: row.emergency,
    expiresAt: epochToDate(row.expires_at),
    consentVersion: row.consent_version,
    issuedByEvent: row.issued_by_id,
    issuedAt: row.issued_at,
    state: row.state,
    voided: row.voided,
    voidReason: row.void_reason ? (upperEnum(row.void_reason) as AccessTicket["voidReason"]) : null,
    voidedAt: row.voided_at,
    voidedAtBlock: row.voided_at_block === null ? null : Number(row.voided_at_block),
    voidedByEvent: row.voided_by_event,
    // Event ids are `${txHash}-${logIndex}`.
    voidedByTx: row.voided_by_event?.split("-")[0] ?? null,
    endedAt: row.ended_at,
  };
}

/** Every ticket column plus its state now, when it ended, when it was issued and the grantee's role. */
function ticketSelect({ sql, table, current }: Projection, where: Fragment): Fragment {
  return sql`
    select t.id, t.patient, t.grantee, t.record_id, t.category, t.purpose, t.emergency, t.expires_at, t.consent_version,
           t.voided, t.void_reason, t.voided_at, t.voided_at_block, t.voided_by_event, t.issued_by_id,
           e.block_timestamp as issued_at, a.role as grantee_role,
           case when t.voided then 'VOIDED' when t.expires_at <= extract(epoch from now()) then 'EXPIRED' else 'LIVE' end as state,
           case when t.voided then t.voided_at when t.expires_at <= extract(epoch from now()) then to_timestamp(t.expires_at::double precision) end as ended_at
    from ${table("access_tickets")} t
    left join ${table("access_events")} e on e.id = t.issued_by_id and ${current("e")}
    left join ${table("accounts")} a on a.id = t.grantee and ${current("a")}
    where ${current("t")} and ${where}`;
}

/**
 * "Who can still read my data": the patient's live tickets and those that ended (expired or voided) within
 * the window, grouped per grantee; each list bounded so one answer stays small.
 */
export async function readWhoCanRead(projection: Projection, patient: string, endedWithinDays: number, first: number): Promise<GranteeAccess[]> {
  if (!Number.isInteger(first) || first < 1 || first > MAX_GRANTEES) throw badInput(`first must be between 1 and ${MAX_GRANTEES}.`);
  if (!Number.isInteger(endedWithinDays) || endedWithinDays < 1 || endedWithinDays > MAX_ENDED_WITHIN_DAYS) {
    throw badInput(`endedWithinDays must be between 1 and ${MAX_ENDED_WITHIN_DAYS}.`);
  }
  const { sql } = projection;
  const since = new Date(Date.now() - endedWithinDays * 24 * 60 * 60 * 1000);
  const sinceEpoch = Math.floor(since.getTime() / 1000);
  const rows = await sql<RankedTicketRow[]>`
    select * from (
      select ranked.*, count(*) over (partition by grantee, state = 'LIVE')::int as list_total, row_number() over (
        partition by grantee, state = 'LIVE'
        order by case when state = 'LIVE' then expires_at end desc nulls last, ended_at desc nulls last, id) as nth
      from (${ticketSelect(
        projection,
        sql`t.patient = ${patient}
        and ((t.voided and t.voided_at >= ${since}) or (not t.voided and t.expires_at >= ${sinceEpoch}))`,
      )}) ranked
    ) limited where nth <= ${MAX_TICKETS_PER_LIST}`;
  const byGrantee = new Map<string, GranteeAccess>();
  for (const row of rows) {
    const access = byGrantee.get(row.grantee) ?? {
      grantee: row.grantee,
      granteeRole: roleOf(row),
      canReadNow: false,
      live: [],
      liveCount: 0,
      recentlyEnded: [],
      endedCount: 0,
    };
    byGrantee.set(row.grantee, access);
    const ticket = toAccessTicket(row);
    if (row.state === "LIVE") {
      access.canReadNow = true;
      access.liveCount = row.list_total;
      access.live.push(ticket);
    } else {
      access.endedCount = row.list_total;
      access.recentlyEnded.push(ticket);
    }
  }
  const latestEnd = (access: GranteeAccess) => Math.max(0, ...access.recentlyEnded.map((ticket) => ticket.endedAt?.getTime() ?? 0));
  for (const access of byGrantee.values()) {
    access.live.sort((a, b) => b.expiresAt.getTime() - a.expiresAt.getTime());
    access.recentlyEnded.sort((a, b) => (b.endedAt?.getTime() ?? 0) - (a.endedAt?.getTime() ?? 0));
  }
  return [...byGrantee.values()]
    .sort((a, b) => Number(b.canReadNow) - Number(a.canReadNow) || latestEnd(b) - latestEnd(a) || a.grantee.localeCompare(b.grantee))
    .slice(0, first);
}

/** Batches the `ticket` field of a page of access events into one query. */
export function createTicketLoader(projection: Projection): DataLoader<string, TicketRow | undefined> {
  return new DataLoader(async (ids) => {
    const rows = await projection.sql<TicketRow[]>`${ticketSelect(projection, projection.sql`t.id = any(${ids as string[]})`)}`;
    const byId = new Map(rows.map((row) => [row.id, row]));
    return ids.map((id) => byId.get(id));
  });
}
