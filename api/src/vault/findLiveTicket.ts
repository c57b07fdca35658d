import type { Projection } from "../db.js";
import { epochToDate } from "../data/rows.js";

export type LiveTicket = { id: string; expiresAt: Date; emergency: boolean; granteeKey: string | null };

export type FindLiveTicketParameters = { ticketId: string; grantee: string; record: { id: string; patient: string; category: number } };

/**
 * The indexed AccessGranted / EmergencyAccessGranted ticket `ticketId`, when it was issued to `grantee`, covers
 * this record (issued for it, for its category, or an emergency ticket for its patient) and has not expired.
 */
export async function findLiveTicket({ sql, table, current }: Projection, { ticketId, grantee, record }: FindLiveTicketParameters): Promise<LiveTicket | undefined> {
  const [row] = await sql<{ id: string; expires_at: string; emergency: boolean; grantee_key: string | null }[]>`
    select t.id, t.expires_at, t.emergency,
           (select lower(encryption_key) from ${table("accounts")} a where a.id = t.grantee and ${current("a")}) as grantee_key
    from ${table("access_tickets")} t
    where t.id = ${ticketId} and t.grantee = ${grantee} and t.patient = ${record.patient} and ${current("t")}
      and t.expires_at > extract(epoch from now())
      and (t.record_id = ${record.id} or t.emergency or (t.record_id is null and t.category = ${record.category}))`;
  return row && { id: row.id, expiresAt: epochToDate(row.expires_at), emergency: row.emergency, granteeKey: row.grantee_key };
}
