import type { Projection } from "../db.js";

/**
 * The X25519 keys (lowercase hex) a record's data key may stay wrapped to: the patient's, and those of everyone who
 * may read the record now (an active, unexpired consent covering its category, or a live emergency ticket).
 */
export async function currentRecipientKeys({ sql, table, current }: Projection, record: { patient: string; category: number }): Promise<Set<string>> {
  const rows = await sql<{ key: string }[]>`
    select lower(a.encryption_key) as key from ${table("accounts")} a
    where ${current("a")} and a.encryption_key is not null and (
      a.id = ${record.patient}
      or a.id in (select c.grantee from ${table("consents")} c
                  where c.patient_id = ${record.patient} and ${current("c")} and c.active
                    and c.expires_at > extract(epoch from now()) and (c.scope & ${1 << record.category}) <> 0)
      or a.id in (select t.grantee from ${table("access_tickets")} t
                  where t.patient = ${record.patient} and ${current("t")} and t.emergency and not t.voided
                    and t.expires_at > extract(epoch from now())))`;
  return new Set(rows.map((row) => row.key));
}
