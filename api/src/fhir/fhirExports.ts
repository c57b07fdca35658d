// The three FHIR R4 exports, each reading what it refers to in a fixed number of batched queries.
import { ALL_CATEGORIES } from "@caretrail/sdk";
import type { AuditFilter } from "../generated/resolvers.js";
import type { DeploymentRef } from "../context.js";
import type { Projection } from "../db.js";
import { readConsentHistory } from "../data/consents.js";
import { readRecord, readRecordVersions } from "../data/records.js";
import { addAuditEvent } from "./auditEventResources.js";
import { addConsent, consentInForce, consentStandings } from "./consentResources.js";
import { readConsentPairs, readDecisionPage, readRecordVersionsById, readRoles, readTickets } from "./fhirReads.js";
import { FhirResourceSet, type BundleEntry } from "./fhirResourceSet.js";
import { addProvenance } from "./provenanceResources.js";
import { addRecordVersion } from "./recordResources.js";
import { stableUuid } from "./fhirIds.js";

export const DEFAULT_FHIR_PAGE = 100;
export const AUDIT_EVENT_PATH = "/export/fhir/AuditEvent";

export type FhirBundle = {
  resourceType: "Bundle";
  id: string;
  meta: { lastUpdated: string };
  type: "collection" | "searchset";
  timestamp: string;
  total?: number;
  link?: { relation: string; url: string }[];
  entry: BundleEntry[];
};

/** A collection: no `total` (bdl-1), every entry with its fullUrl. */
function collection(key: string, entries: BundleEntry[], now: Date): FhirBundle {
  return {
    resourceType: "Bundle",
    id: stableUuid(`${key}@${now.toISOString()}`),
    meta: { lastUpdated: now.toISOString() },
    type: "collection",
    timestamp: now.toISOString(),
    entry: entries,
  };
}

export type AuditEventPageParameters = { filter?: AuditFilter | null; count?: number | null; cursor?: string | null; now?: Date };

/**
 * One page of the audit trail as a searchset Bundle: `total` AuditEvents match, this page holds up to `count`
 * (entries with search.mode "match") with the Patient, Practitioner, Organization, Device, Consent, DocumentReference
 * and OperationOutcome resources they refer to ("include"); `link` next carries on from the last one.
 */
export async function auditEventPage(
  projection: Projection,
  deployment: DeploymentRef | undefined,
  { filter, count, cursor, now = new Date() }: AuditEventPageParameters,
): Promise<FhirBundle> {
  const size = count ?? DEFAULT_FHIR_PAGE;
  const page = await readDecisionPage(projection, filter, size, cursor);
  // Break-glass and self-access are decided on roles: only the other decisions look up the consent in force.
  const consentRows = page.rows.filter(
    (row) =>
      (row.kind === "Grant" || row.kind === "Denial") && row.actor !== row.patient_id && !(row.purpose === "Emergency" && row.category === ALL_CATEGORIES),
  );
  const readRows = page.rows.filter((row) => row.kind === "Read");
  const [history, tickets, records] = await Promise.all([
    readConsentPairs(
      projection,
      consentRows.map((row) => ({ patient: row.patient_id, grantee: row.actor })),
    ),
    readTickets(
      projection,
      readRows.flatMap((row) => (row.ticket_id ? [row.ticket_id] : [])),
    ),
    readRecordVersionsById(
      projection,
      readRows.flatMap((row) => (row.record_id ? [row.record_id] : [])),
    ),
  ]);
  const roles = await readRoles(projection, [...history.map((row) => row.grantee), ...[...records.values()].map((row) => row.author)]);
  const standings = consentStandings(history, now);
  const set = new FhirResourceSet(deployment?.chainId);
  for (const row of page.rows) {
    const inForce = consentRows.includes(row) ? consentInForce(history, row.patient_id, row.actor, row.block_number, row.log_index) : undefined;
    const consent = inForce ? addConsent(set, inForce, standings.get(inForce)!, roles.get(inForce.grantee)) : undefined;
    const version = row.record_id ? records.get(row.record_id) : undefined;
    const record = row.kind === "Read" && version ? addRecordVersion(set, version, roles.get(version.author)) : undefined;
    addAuditEvent(set, row, { contract: deployment?.address, consent, record, ticket: row.ticket_id ? tickets.get(row.ticket_id) : undefined });
  }
  const entries = set.list().map((entry) => (entry.search ? entry : { ...entry, search: { mode: "include" as const } }));
  const query = queryOf(filter, size);
  return {
    resourceType: "Bundle",
    id: stableUuid(`audit-page:${query}:${cursor ?? ""}@${now.toISOString()}`),
    meta: { lastUpdated: now.toISOString() },
    type: "searchset",
    timestamp: now.toISOString(),
    total: page.total,
    link: [
      { relation: "self", url: `${AUDIT_EVENT_PATH}?${query}${cursor ? `&cursor=${cursor}` : ""}` },
      ...(page.nextCursor ? [{ relation: "next", url: `${AUDIT_EVENT_PATH}?${query}&cursor=${page.nextCursor}` }] : []),
    ],
    entry: entries,
  };
}

/** The filter as the export route's query parameters, so a next link repeats the same search. */
function queryOf(filter: AuditFilter | null | undefined, count: number): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(filter ?? {})) {
    if (value == null) continue; // an explicit null, or a key set to undefined by a caller
    params.set(name, Array.isArray(value) ? value.join(",") : value instanceof Date ? value.toISOString() : value);
  }
  params.set("_count", String(count));
  return params.toString();
}

/** Every granted consent of a patient as a Consent, each with its standing now; revocations end the grant they revoke. */
export async function consentBundle(projection: Projection, patient: string, now = new Date()): Promise<FhirBundle> {
  const history = await readConsentHistory(projection, patient);
  const roles = await readRoles(
    projection,
    history.map((row) => row.grantee),
  );
  const standings = consentStandings(history, now);
  const set = new FhirResourceSet(undefined);
  for (const [row, standing] of standings) addConsent(set, row, standing, roles.get(row.grantee));
  return collection(`consents:${patient}`, set.list(), now);
}

/** A record's versions as Provenance resources, with the DocumentReference of each version they point at. */
export async function provenanceBundle(projection: Projection, deployment: DeploymentRef | undefined, recordId: string, now = new Date()): Promise<FhirBundle> {
  const chain = await readRecord(projection, recordId);
  const versions = chain ? await readRecordVersions(projection, chain.id) : [];
  const roles = await readRoles(
    projection,
    versions.map((row) => row.author),
  );
  const set = new FhirResourceSet(deployment?.chainId);
  const byId = new Map(versions.map((row) => [row.id, row]));
  for (const row of versions) {
    const target = addRecordVersion(set, row, roles.get(row.author));
    const previous = row.supersedes_id ? byId.get(row.supersedes_id) : undefined;
    const supersedes = previous ? addRecordVersion(set, previous, roles.get(previous.author)) : undefined;
    addProvenance(set, row, target, supersedes, roles.get(row.author));
  }
  return collection(`provenance:${recordId}`, set.list(), now);
}
