import type { CareRecord, RecordVersion } from "../generated/resolvers.js";
import { recoverRecordSigner } from "@caretrail/sdk";
import type { DeploymentRef } from "../context.js";
import type { Projection } from "../db.js";
import type { AccessEventRow } from "./accessEvents.js";
import { chainPosition, type ChainRow } from "./rows.js";

export type RecordVersionRow = ChainRow & {
  id: string;
  record_id: string;
  patient: string;
  author: string;
  category: number;
  content_hash: string;
  content_id: string;
  fields_root: string;
  signature: string;
  version: number;
  supersedes_id: string | null;
  superseded_by_id: string | null;
};

type RecordRow = { id: string; patient_id: string; category: number; version_count: number; latest_id: string };

const ZERO_ID = "0x" + "0".repeat(64);

/** A version as resolvers hand it on: the patient is kept for the authorising-consent lookup. */
export type RecordVersionParent = Omit<RecordVersion, "authorisingConsent"> & { patientAddress: string };

export function toRecordVersion(row: RecordVersionRow, deployment: DeploymentRef | undefined): RecordVersionParent {
  return {
    id: row.id,
    version: row.version,
    author: row.author,
    category: row.category,
    contentHash: row.content_hash,
    contentId: row.content_id,
    fieldsRoot: row.fields_root,
    signature: row.signature,
    signatureValid: deployment ? signatureMatches(row, deployment) : null,
    supersedesId: row.supersedes_id,
    supersededById: row.superseded_by_id,
    position: chainPosition(row),
    patientAddress: row.patient,
  };
}

/** Re-checks the author's EIP-712 signature over the indexed fields, as the contract did when it accepted it. */
function signatureMatches(row: RecordVersionRow, deployment: DeploymentRef): boolean {
  const signer = recoverRecordSigner({
    chainId: deployment.chainId,
    verifyingContract: deployment.address,
    signature: row.signature,
    record: {
      recordId: row.id as `0x${string}`,
      patient: row.patient as `0x${string}`,
      category: row.category,
      contentHash: row.content_hash as `0x${string}`,
      contentId: row.content_id as `0x${string}`,
      fieldsRoot: row.fields_root as `0x${string}`,
      supersedes: (row.supersedes_id ?? ZERO_ID) as `0x${string}`,
    },
  });
  return signer?.toLowerCase() === row.author;
}

export type RecordParent = Pick<CareRecord, "id" | "patient" | "category" | "versionCount"> & { latestId: string };

function toRecord(row: RecordRow): RecordParent {
  return { id: row.id, patient: row.patient_id, category: row.category, versionCount: row.version_count, latestId: row.latest_id };
}

/** The record chain containing the version `versionId`. */
export async function readRecord({ sql, table, current }: Projection, versionId: string): Promise<RecordParent | undefined> {
  const [row] = await sql<RecordRow[]>`
    select r.* from ${table("records")} r
    join ${table("record_versions")} v on v.record_id = r.id and ${current("v")}
    where v.id = ${versionId.toLowerCase()} and ${current("r")}`;
  return row && toRecord(row);
}

export async function readPatientRecords({ sql, table, current }: Projection, patient: string): Promise<RecordParent[]> {
  const rows = await sql<RecordRow[]>`
    select * from ${table("records")} where patient_id = ${patient} and ${current()} order by updated_at_block desc, id`;
  return rows.map(toRecord);
}

export async function readRecordVersions({ sql, table, current }: Projection, recordId: string): Promise<RecordVersionRow[]> {
  return sql<RecordVersionRow[]>`
    select * from ${table("record_versions")} where record_id = ${recordId} and ${current()} order by version, block_number`;
}

export async function readRecordVersion({ sql, table, current }: Projection, versionId: string): Promise<RecordVersionRow | undefined> {
  const [row] = await sql<RecordVersionRow[]>`select * from ${table("record_versions")} where id = ${versionId} and ${current()}`;
  return row;
}

/** Every access event naming any version of the record, newest first (at most 500). */
export async function readRecordAccesses({ sql, table, current }: Projection, recordId: string): Promise<AccessEventRow[]> {
  return sql<AccessEventRow[]>`
    select e.* from ${table("access_events")} e
    where e.record_id in (select id from ${table("record_versions")} where record_id = ${recordId} and ${current()}) and ${current("e")}
    order by e.block_number desc, e.log_index desc limit 500`;
}
