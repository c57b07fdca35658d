// The reads the FHIR exports need besides the timeline: batched per page, so a page costs a fixed number of queries.
import type { IndexedRows } from "../generated/rows.js";
import type { AuditFilter } from "../generated/resolvers.js";
import type { Projection } from "../db.js";
import { badInput } from "../errors.js";
import { auditWhere, type AccessEventRow } from "../data/accessEvents.js";
import type { ConsentVersionRow } from "../data/consents.js";
import type { RecordVersionRow } from "../data/records.js";

export const MAX_FHIR_PAGE = 200;

/** An access event row with the request it answers (`${txHash}-${logIndex}` of the AccessRequested log). */
export type DecisionRow = AccessEventRow & { request_id: string | null };
export type TicketRow = Pick<IndexedRows["AccessTicket"], "id" | "emergency" | "issued_by_id">;

export type DecisionPage = { total: number; rows: DecisionRow[]; nextCursor: string | null };

/**
 * One page of AuditEvent sources, oldest first: every decision (grant, denial, emergency grant) and every read.
 * AccessRequested rows are not sources: each is folded into the decision of the same call.
 */
export async function readDecisionPage(
  projection: Projection,
  filter: AuditFilter | null | undefined,
  first: number,
  cursor: string | null | undefined,
): Promise<DecisionPage> {
  if (!Number.isInteger(first) || first < 1 || first > MAX_FHIR_PAGE)
    throw badInput(`_count must be between 1 and ${MAX_FHIR_PAGE}; follow the bundle's next link for more.`);
  if (filter?.kinds?.includes("REQUEST") || filter?.outcomes?.includes("REQUESTED"))
    throw badInput("FHIR AuditEvents record decisions: each access request is folded into its grant or denial, so filter by GRANT, DENIAL, EMERGENCY or READ.");
  const { sql, table, current } = projection;
  const where = auditWhere(projection, filter);
  const position = cursor ? decodePosition(cursor) : undefined;
  const keyset = position ? sql`and (block_number, log_index) > (${position.block}::numeric, ${position.logIndex}::int)` : sql``;
  const [rows, [count]] = await Promise.all([
    sql<DecisionRow[]>`
      select * from ${table("access_events")}
      where ${where} and kind::text <> 'Request' and ${current()} ${keyset}
      order by block_number, log_index limit ${first + 1}`,
    sql<{ total: number }[]>`select count(*)::int as total from ${table("access_events")} where ${where} and kind::text <> 'Request' and ${current()}`,
  ]);
  const page = rows.slice(0, first);
  const last = page.at(-1);
  return { total: count?.total ?? 0, rows: page, nextCursor: rows.length > first && last ? encodePosition(last) : null };
}

export function encodePosition(row: { block_number: string; log_index: number }): string {
  return Buffer.from(`${row.block_number}:${row.log_index}`).toString("base64url");
}

function decodePosition(cursor: string): { block: string; logIndex: number } {
  const match = /^(\d{1,20}):(\d{1,9})$/.exec(Buffer.from(cursor, "base64url").toString());
  if (!match) throw badInput("cursor is not one this API issued: follow the bundle's next link unchanged.");
  return { block: match[1]!, logIndex: Number(match[2]) };
}

export async function readTickets({ sql, table, current }: Projection, ids: string[]): Promise<Map<string, TicketRow>> {
  if (!ids.length) return new Map();
  const rows = await sql<TicketRow[]>`select id, emergency, issued_by_id from ${table("access_tickets")} where id = any(${ids}) and ${current()}`;
  return new Map(rows.map((row) => [row.id, row]));
}

/** Every consent version between the given patient-grantee pairs, oldest first. */
export async function readConsentPairs({ sql, table, current }: Projection, pairs: { patient: string; grantee: string }[]): Promise<ConsentVersionRow[]> {
  if (!pairs.length) return [];
  const keys = [...new Set(pairs.map(({ patient, grantee }) => `${patient}-${grantee}`))];
  return sql<ConsentVersionRow[]>`
    select * from ${table("consent_versions")}
    where patient || '-' || grantee = any(${keys}) and ${current()}
    order by block_number, log_index`;
}

export async function readRecordVersionsById({ sql, table, current }: Projection, ids: string[]): Promise<Map<string, RecordVersionRow>> {
  if (!ids.length) return new Map();
  const rows = await sql<RecordVersionRow[]>`select * from ${table("record_versions")} where id = any(${ids}) and ${current()}`;
  return new Map(rows.map((row) => [row.id, row]));
}

/** Registry roles now (grantees of consents and record authors carry no role of their own). */
export async function readRoles({ sql, table, current }: Projection, addresses: string[]): Promise<Map<string, string>> {
  if (!addresses.length) return new Map();
  const rows = await sql<
    { id: string; role: string }[]
  >`select id, role::text as role from ${table("accounts")} where id = any(${[...new Set(addresses)]}) and ${current()}`;
  return new Map(rows.map((row) => [row.id, row.role]));
}
