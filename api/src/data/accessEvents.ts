import type { AccessEvent, AuditFilter, SortOrder } from "../generated/resolvers.js";
import type { IndexedRows } from "../generated/rows.js";
import type { Fragment, Projection } from "../db.js";
import { badInput } from "../errors.js";
import { dbEnum, roleFromDb, upperEnum } from "../roles.js";
import { chainPosition, epochToDate, type ChainRow } from "./rows.js";

export const MAX_PAGE_SIZE = 200;

export type AccessEventRow = ChainRow &
  Pick<
    IndexedRows["AccessEvent"],
    | "id"
    | "kind"
    | "outcome"
    | "patient_id"
    | "actor"
    | "actor_role"
    | "purpose"
    | "category"
    | "record_id"
    | "ticket_id"
    | "denial_reason"
    | "emergency_reason_code"
    | "expires_at"
  >;

/** The event's own fields; `ticket` is resolved (batched) by the AccessEvent resolver. */
export type AccessEventParent = Omit<AccessEvent, "ticket">;

export function toAccessEvent(row: AccessEventRow): AccessEventParent {
  return {
    id: row.id,
    kind: upperEnum(row.kind) as AccessEvent["kind"],
    outcome: upperEnum(row.outcome) as AccessEvent["outcome"],
    patient: row.patient_id,
    actor: row.actor,
    actorRole: roleFromDb[row.actor_role] ?? null,
    purpose: upperEnum(row.purpose) as AccessEvent["purpose"],
    category: row.category,
    recordId: row.record_id,
    ticketId: row.ticket_id,
    denialReason: row.denial_reason && row.denial_reason !== "None" ? row.denial_reason : null,
    emergencyReasonCode: row.emergency_reason_code,
    expiresAt: row.expires_at === null ? null : epochToDate(row.expires_at),
    position: chainPosition(row),
  };
}

/** The WHERE clause for an audit filter (always starts with `true`, so callers can append `and ...`). */
export function auditWhere({ sql, enumIn, table, current }: Projection, filter: AuditFilter | null | undefined): Fragment {
  const f = filter ?? {};
  const list = (values: readonly string[] | null | undefined) => (values?.length ? values.map(dbEnum) : null);
  const kinds = list(f.kinds);
  const outcomes = list(f.outcomes);
  const purposes = list(f.purposes);
  return sql`true
    ${f.patient ? sql`and patient_id = ${f.patient}` : sql``}
    ${f.actor ? sql`and actor = ${f.actor}` : sql``}
    ${kinds ? sql`and ${enumIn("kind", kinds)}` : sql``}
    ${outcomes ? sql`and ${enumIn("outcome", outcomes)}` : sql``}
    ${purposes ? sql`and ${enumIn("purpose", purposes)}` : sql``}
    ${f.from ? sql`and block_timestamp >= ${utcTimestamp(f.from)}::timestamp and block_number >= ${firstBlockFrom(f.from)}` : sql``}
    ${f.to ? sql`and block_timestamp < ${utcTimestamp(f.to)}::timestamp and block_number <= ${lastBlockBefore(f.to)}` : sql``}`;

  // A time window is also a block range (block time never goes back), found through the time index: with the bounds
  // on block_number, a page ordered by position starts inside the window instead of walking the newer events past
  // it (a one-day window a week back filtered 77,770 rows at 1M events, 2.2 s). Null bounds (no event on that side)
  // match nothing, as the time bounds would.
  function firstBlockFrom(from: Date): Fragment {
    return sql`(select b.block_number from ${table("access_events")} b
      where b.block_timestamp >= ${utcTimestamp(from)}::timestamp and ${current("b")} order by b.block_timestamp limit 1)`;
  }
  function lastBlockBefore(to: Date): Fragment {
    return sql`(select b.block_number from ${table("access_events")} b
      where b.block_timestamp < ${utcTimestamp(to)}::timestamp and ${current("b")} order by b.block_timestamp desc limit 1)`;
  }
}

/**
 * block_timestamp is `timestamp` (UTC, no zone): a Date sent as timestamptz makes Postgres convert the column on
 * every row and skip its index, so bounds go as UTC `timestamp` text.
 */
export function utcTimestamp(date: Date): string {
  return date.toISOString().slice(0, 23);
}

/** Timelines count at most this many matching events: past it the answer is "more than 1,000" (totalCountCapped). */
export const TIMELINE_COUNT_CAP = 1_000;

export type TimelinePage = { totalCount: number; totalCountCapped: boolean; rows: AccessEventRow[]; hasNextPage: boolean };

export type ReadTimelineParameters = { filter?: AuditFilter | null; first: number; after?: string | null; order: SortOrder };

/** One keyset page of access events ordered by (block, log index), which is block-time order. */
export async function readTimeline(projection: Projection, { filter, first, after, order }: ReadTimelineParameters): Promise<TimelinePage> {
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE)
    throw badInput(`first must be between 1 and ${MAX_PAGE_SIZE}; page with \`after: pageInfo.endCursor\`.`);
  const { sql, table, current } = projection;
  const where = auditWhere(projection, filter);
  const position = after ? decodeCursor(after) : undefined;
  const descending = order === "DESC";
  const keyset = position
    ? descending
      ? sql`and (block_number, log_index) < (${position.block}::numeric, ${position.logIndex}::int)`
      : sql`and (block_number, log_index) > (${position.block}::numeric, ${position.logIndex}::int)`
    : sql``;
  const direction = descending ? sql`desc` : sql`asc`;
  // One statement for the page and its count (capped: counting every match scanned a million rows per page; it stops
  // one past the cap). The count row always comes back; the page's columns are null when no event matches.
  const rows = await sql<(Omit<AccessEventRow, "id"> & { id: string | null; total: number })[]>`
    select matching.total, page.* from (
      select count(*)::int as total from (
        select 1 from ${table("access_events")} where ${where} and ${current()} limit ${TIMELINE_COUNT_CAP + 1}) capped) matching
    left join lateral (
      select * from ${table("access_events")}
      where ${where} and ${current()} ${keyset}
      order by block_number ${direction}, log_index ${direction}
      limit ${first + 1}) page on true
    order by page.block_number ${direction}, page.log_index ${direction}`;
  const total = rows[0]?.total ?? 0;
  const events = rows.filter((row): row is typeof row & AccessEventRow => row.id !== null);
  return {
    totalCount: Math.min(total, TIMELINE_COUNT_CAP),
    totalCountCapped: total > TIMELINE_COUNT_CAP,
    rows: events.slice(0, first),
    hasNextPage: events.length > first,
  };
}

export function encodeCursor(row: ChainRow): string {
  return Buffer.from(`${row.block_number}:${row.log_index}`).toString("base64url");
}

function decodeCursor(cursor: string): { block: string; logIndex: number } {
  const match = /^(\d{1,20}):(\d{1,9})$/.exec(Buffer.from(cursor, "base64url").toString());
  if (!match) throw badInput("after is not a cursor this API issued: pass pageInfo.endCursor from the previous page unchanged.");
  return { block: match[1]!, logIndex: Number(match[2]) };
}
