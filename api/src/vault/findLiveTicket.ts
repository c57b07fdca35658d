import type { IndexedRows } from "../generated/rows.js";
import { ZeroHash } from "ethers";
import { Purpose, type AccessTicket } from "@caretrail/sdk";
import type { Projection } from "../db.js";
import { epochToDate } from "../data/rows.js";

export type LiveTicket = { id: string; expiresAt: Date; emergency: boolean; granteeKey: string | null; terms: AccessTicket };

export type FindLiveTicketParameters = { ticketId: string; grantee: string; record: { id: string; patient: string; category: number } };

type TicketRow = Pick<
  IndexedRows["AccessTicket"],
  "id" | "patient" | "grantee" | "record_id" | "category" | "purpose" | "emergency" | "expires_at" | "nonce" | "consent_version"
> & { grantee_key: string | null };

/**
 * The indexed AccessGranted / EmergencyAccessGranted ticket `ticketId`, when it was issued to `grantee`, covers
 * this record (issued for it, for its category, or an emergency ticket for its patient), has not expired and has
 * not been voided by a revocation, re-grant, suspension or removal. This is a first filter only: the chain's
 * logRead re-checks the ticket's terms against the state at the moment of release, indexer lag or not.
 */
export async function findLiveTicket(
  { sql, table, current }: Projection,
  { ticketId, grantee, record }: FindLiveTicketParameters,
): Promise<LiveTicket | undefined> {
  const [row] = await sql<TicketRow[]>`
    select t.id, t.patient, t.grantee, t.record_id, t.category, t.purpose, t.emergency, t.expires_at, t.nonce, t.consent_version,
           (select lower(encryption_key) from ${table("accounts")} a where a.id = t.grantee and ${current("a")}) as grantee_key
    from ${table("access_tickets")} t
    where t.id = ${ticketId} and t.grantee = ${grantee} and t.patient = ${record.patient} and ${current("t")}
      and not t.voided
      and t.expires_at > extract(epoch from now())
      and (t.record_id = ${record.id} or t.emergency or (t.record_id is null and t.category = ${record.category}))`;
  if (!row) return undefined;
  const terms: AccessTicket = {
    requester: row.grantee,
    patient: row.patient,
    // A category-wide or emergency ticket names the zero record id on-chain; the projection stores null.
    recordId: row.record_id ?? ZeroHash,
    category: row.category,
    purpose: Purpose[row.purpose],
    expiresAt: BigInt(row.expires_at),
    nonce: BigInt(row.nonce),
    consentVersion: BigInt(row.consent_version),
  };
  return { id: row.id, expiresAt: epochToDate(row.expires_at), emergency: row.emergency, granteeKey: row.grantee_key, terms };
}
