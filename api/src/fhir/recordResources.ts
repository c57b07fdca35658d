import { RecordCategory, enumName } from "@caretrail/sdk";
import type { RecordVersionRow } from "../data/records.js";
import type { FhirReference, FhirResourceSet } from "./fhirResourceSet.js";
import { RECORD_SYSTEM } from "./fhirVocabulary.js";

/**
 * A record version as a DocumentReference: what an AuditEvent's entity[data] and a Provenance's target point at.
 * The content is encrypted off-chain; the reference names it by the on-chain content id, not by a URL.
 */
export function addRecordVersion(set: FhirResourceSet, row: RecordVersionRow, authorRole: string | undefined): FhirReference {
  const patient = set.participant(row.patient, "Patient");
  const author = set.participant(row.author, authorRole);
  const category = enumName(RecordCategory, row.category);
  return set.add(`record:${row.id}`, (id) => ({
    resourceType: "DocumentReference",
    id,
    masterIdentifier: { system: RECORD_SYSTEM, value: row.id },
    status: row.superseded_by_id ? "superseded" : "current",
    type: { text: `CareTrail ${category} record` },
    subject: patient,
    author: [author],
    description: `${category} record, version ${row.version}${row.supersedes_id ? ` (amends ${row.supersedes_id})` : ""}`,
    content: [{ attachment: { contentType: "application/octet-stream", title: `encrypted content ${row.content_id} (keccak-256 ${row.content_hash})` } }],
  }));
}
