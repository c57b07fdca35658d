import type { IndexedRows } from "../generated/rows.js";
import type { Consent, ConsentVersion } from "../generated/resolvers.js";
import type { Projection } from "../db.js";
import { badInput } from "../errors.js";
import { utcTimestamp } from "./accessEvents.js";
import { upperEnum } from "../roles.js";
import { chainPosition, epochToDate, type ChainRow } from "./rows.js";

type ConsentRow = Pick<IndexedRows["Consent"], "patient_id" | "grantee" | "scope" | "purpose" | "expires_at" | "version" | "active" | "updated_at">;
export type ConsentVersionRow = ChainRow &
  Pick<IndexedRows["ConsentVersion"], "patient" | "grantee" | "version" | "action" | "scope" | "purpose" | "expires_at" | "via_signature">;

export function toConsentVersion(row: ConsentVersionRow): ConsentVersion {
  return {
    patient: row.patient,
    grantee: row.grantee,
    version: row.version,
    action: upperEnum(row.action) as ConsentVersion["action"],
    scope: row.scope,
    purpose: upperEnum(row.purpose) as ConsentVersion["purpose"],
    expiresAt: epochToDate(row.expires_at),
    viaSignature: row.via_signature,
    position: chainPosition(row),
  };
}

export async function readConsents({ sql, table, current }: Projection, patient: string): Promise<Consent[]> {
  const rows = await sql<ConsentRow[]>`
    select * from ${table("consents")} where patient_id = ${patient} and ${current()} order by updated_at_block desc, grantee`;
  const now = Date.now();
  return rows.map((row) => ({
    patient: row.patient_id,
    grantee: row.grantee,
    scope: row.scope,
    purpose: upperEnum(row.purpose) as Consent["purpose"],
    expiresAt: epochToDate(row.expires_at),
    version: row.version,
    live: row.active && epochToDate(row.expires_at).getTime() > now,
    updatedAt: row.updated_at,
  }));
}

export async function readConsentHistory({ sql, table, current }: Projection, patient: string, grantee?: string | null): Promise<ConsentVersionRow[]> {
  return sql<ConsentVersionRow[]>`
    select * from ${table("consent_versions")}
    where patient = ${patient} ${grantee ? sql`and grantee = ${grantee}` : sql``} and ${current()}
    order by block_number, log_index`;
}

export type ConsentAsOfParameters = { patient: string; grantee: string; block?: number | null; time?: Date | null };

/** The latest consent version at or before a block or an instant. */
export async function readConsentAsOf(
  { sql, table, current }: Projection,
  { patient, grantee, block, time }: ConsentAsOfParameters,
): Promise<ConsentVersionRow | undefined> {
  if ((block == null) === (time == null)) throw badInput("consentAsOf needs exactly one of block or time.");
  if (block != null && (!Number.isInteger(block) || block < 0)) throw badInput("block must be a non-negative block number.");
  const [row] = await sql<ConsentVersionRow[]>`
    select * from ${table("consent_versions")}
    where patient = ${patient} and grantee = ${grantee} and ${current()}
      and ${block != null ? sql`block_number <= ${block}` : sql`block_timestamp <= ${utcTimestamp(time!)}::timestamp`}
    order by block_number desc, log_index desc limit 1`;
  return row;
}
