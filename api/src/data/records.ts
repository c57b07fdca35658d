import type { IndexedRows } from "../generated/rows.js";
import DataLoader from "dataloader";
import { LRUCache } from "lru-cache";
import type { CareRecord, RecordVersion } from "../generated/resolvers.js";
import { recoverRecordSigner } from "@caretrail/sdk";
import type { DeploymentRef } from "../context.js";
import type { Projection } from "../db.js";
import { badInput } from "../errors.js";
import type { AccessEventRow } from "./accessEvents.js";
import type { ConsentVersionRow } from "./consents.js";
import { chainPosition, type ChainRow } from "./rows.js";

/** The most rows each list returns (src/limits.ts prices the lists by the same numbers). */
export const MAX_PATIENT_RECORDS = 200;
export const MAX_RECORD_VERSIONS = 100;
export const MAX_RECORD_ACCESSES = 500;

export type RecordVersionRow = ChainRow &
  Pick<
    IndexedRows["RecordVersion"],
    | "id"
    | "record_id"
    | "patient"
    | "author"
    | "category"
    | "content_hash"
    | "content_id"
    | "fields_root"
    | "signature"
    | "version"
    | "supersedes_id"
    | "superseded_by_id"
  >;

export type RecordRow = Pick<IndexedRows["Record"], "id" | "patient_id" | "category" | "version_count" | "latest_id">;

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

// Record versions never change, so a verdict holds for as long as the row does; the key names every input.
const signatureVerdicts = new LRUCache<string, boolean>({ max: 50_000 });

/** Re-checks the author's EIP-712 signature over the indexed fields, as the contract did when it accepted it. */
function signatureMatches(row: RecordVersionRow, deployment: DeploymentRef): boolean {
  const key = [
    deployment.chainId,
    deployment.address,
    row.id,
    row.patient,
    row.author,
    row.category,
    row.content_hash,
    row.content_id,
    row.fields_root,
    row.supersedes_id,
    row.signature,
  ].join(":");
  const known = signatureVerdicts.get(key);
  if (known !== undefined) return known;
  const verdict = recoverSignatureMatches(row, deployment);
  signatureVerdicts.set(key, verdict);
  return verdict;
}

function recoverSignatureMatches(row: RecordVersionRow, deployment: DeploymentRef): boolean {
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

export function toRecord(row: RecordRow): RecordParent {
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

export async function readPatientRecords({ sql, table, current }: Projection, patient: string, first: number): Promise<RecordParent[]> {
  if (!Number.isInteger(first) || first < 1 || first > MAX_PATIENT_RECORDS) throw badInput(`first must be between 1 and ${MAX_PATIENT_RECORDS}.`);
  const rows = await sql<RecordRow[]>`
    select * from ${table("records")} where patient_id = ${patient} and ${current()} order by updated_at_block desc, id limit ${first}`;
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

/** Per-request loaders: each batches every lookup of one kind made while resolving a response into one query. */
export type RecordLoaders = {
  version: DataLoader<string, RecordVersionRow | undefined>;
  versionsOf: DataLoader<string, RecordVersionRow[]>;
  accessesOf: DataLoader<string, AccessEventRow[]>;
  consentAsOf: DataLoader<{ patient: string; grantee: string; block: number }, ConsentVersionRow | undefined, string>;
};

function groupBy<Row>(keys: readonly string[], rows: Row[], keyOf: (row: Row) => string): Row[][] {
  const groups = new Map<string, Row[]>();
  for (const row of rows) {
    const key = keyOf(row);
    const group = groups.get(key);
    if (group) group.push(row);
    else groups.set(key, [row]);
  }
  return keys.map((key) => groups.get(key) ?? []);
}

export function createRecordLoaders({ sql, table, current }: Projection, _deployment: DeploymentRef | undefined): RecordLoaders {
  return {
    version: new DataLoader(async (ids) => {
      const rows = await sql<RecordVersionRow[]>`select * from ${table("record_versions")} where id = any(${ids as string[]}) and ${current()}`;
      return groupBy(ids, rows, (row) => row.id).map((group) => group[0]);
    }),
    versionsOf: new DataLoader(async (recordIds) => {
      const rows = await sql<(RecordVersionRow & { nth: number })[]>`
        select * from (
          select v.*, row_number() over (partition by v.record_id order by v.version, v.block_number) as nth
          from ${table("record_versions")} v where v.record_id = any(${recordIds as string[]}) and ${current("v")}
        ) ranked where nth <= ${MAX_RECORD_VERSIONS} order by record_id, nth`;
      return groupBy(recordIds, rows, (row) => row.record_id);
    }),
    accessesOf: new DataLoader(async (recordIds) => {
      const rows = await sql<(AccessEventRow & { chain_id: string })[]>`
        select * from (
          select e.*, v.record_id as chain_id,
                 row_number() over (partition by v.record_id order by e.block_number desc, e.log_index desc) as nth
          from ${table("access_events")} e
          join ${table("record_versions")} v on v.id = e.record_id and ${current("v")}
          where v.record_id = any(${recordIds as string[]}) and ${current("e")}
        ) ranked where nth <= ${MAX_RECORD_ACCESSES} order by chain_id, nth`;
      return groupBy(recordIds, rows, (row) => row.chain_id);
    }),
    consentAsOf: new DataLoader(
      async (keys) => {
        const rows = await sql<(ConsentVersionRow & { key_index: number })[]>`
          select k.i::int as key_index, c.*
          from unnest(
            ${keys.map((key) => key.patient)}::text[], ${keys.map((key) => key.grantee)}::text[], ${keys.map((key) => String(key.block))}::numeric[]
          )
            with ordinality as k(patient, grantee, block, i)
          join lateral (
            select * from ${table("consent_versions")} c
            where c.patient = k.patient and c.grantee = k.grantee and ${current("c")} and c.block_number <= k.block
            order by c.block_number desc, c.log_index desc limit 1
          ) c on true`;
        const byIndex = new Map(rows.map((row) => [row.key_index, row]));
        return keys.map((_key, index) => byIndex.get(index + 1));
      },
      { cacheKeyFn: (key) => `${key.patient}:${key.grantee}:${key.block}` },
    ),
  };
}
