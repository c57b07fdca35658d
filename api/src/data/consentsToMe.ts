import type { IndexedRows } from "../generated/rows.js";
import type { ConsentToMe, Purpose } from "../generated/resolvers.js";
import type { Projection } from "../db.js";
import { upperEnum } from "../roles.js";
import { toRecord, type RecordParent, type RecordRow } from "./records.js";
import { epochToDate } from "./rows.js";

export const MAX_CONSENTS_TO_ME = 50;
export const MAX_RECORDS_PER_CONSENT = 20;

type ConsentRow = Pick<IndexedRows["Consent"], "patient_id" | "scope" | "purpose" | "expires_at" | "version" | "active" | "updated_at">;

/** The `Payment` spelling the indexer stores for the API's `PAYMENT`. */
const storedPurpose = (purpose: Purpose) => purpose.charAt(0) + purpose.slice(1).toLowerCase();

/** Each patient's latest consent to `grantee`, newest change first (records are resolved per consent). */
export async function readConsentsToMe(
  { sql, table, current }: Projection,
  grantee: string,
  purposes: Purpose[] | null | undefined,
): Promise<Omit<ConsentToMe, "records">[]> {
  const rows = await sql<ConsentRow[]>`
    select * from ${table("consents")} where grantee = ${grantee} and ${current()}
      ${purposes?.length ? sql`and purpose::text = any(${purposes.map(storedPurpose)})` : sql``}
    order by updated_at_block desc, patient_id limit ${MAX_CONSENTS_TO_ME}`;
  const now = Date.now();
  return rows.map((row) => ({
    patient: row.patient_id,
    scope: row.scope,
    purpose: upperEnum(row.purpose) as Purpose,
    expiresAt: epochToDate(row.expires_at),
    version: row.version,
    live: row.active && epochToDate(row.expires_at).getTime() > now,
    revoked: !row.active,
    updatedAt: row.updated_at,
  }));
}

/** The patient's records inside `scope`, newest first; none once the consent is not live. */
export async function readRecordsInScope(
  { sql, table, current }: Projection,
  consent: { patient: string; scope: number; live: boolean },
): Promise<RecordParent[]> {
  if (!consent.live) return [];
  const rows = await sql<RecordRow[]>`
    select * from ${table("records")} where patient_id = ${consent.patient} and ${current()} and (${consent.scope}::int & (1 << category)) <> 0
    order by updated_at_block desc, id limit ${MAX_RECORDS_PER_CONSENT}`;
  return rows.map(toRecord);
}
