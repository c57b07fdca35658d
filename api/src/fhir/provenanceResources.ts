import type { RecordVersionRow } from "../data/records.js";
import type { FhirReference, FhirResourceSet } from "./fhirResourceSet.js";

const DATA_OPERATION = "http://terminology.hl7.org/CodeSystem/v3-DataOperation";

/**
 * A record version as a Provenance. What the author signed is the record's EIP-712 typed-data digest
 * (keccak-256 of 0x1901 ‖ domain separator ‖ hashStruct(record)), a 32-byte octet string; the signature is the
 * 65-byte secp256k1 r ‖ s ‖ v over it. The record carries no signing time, so `when` is the block time at which the
 * contract accepted the signature: the latest moment it can have been made.
 */
export function addProvenance(
  set: FhirResourceSet,
  row: RecordVersionRow,
  target: FhirReference,
  supersedes: FhirReference | undefined,
  authorRole: string | undefined,
): FhirReference {
  const author = set.participant(row.author, authorRole);
  const recorded = row.block_timestamp.toISOString();
  return set.add(`provenance:${row.id}`, (id) => ({
    resourceType: "Provenance",
    id,
    target: [target],
    recorded,
    activity: supersedes
      ? { coding: [{ system: DATA_OPERATION, code: "UPDATE", display: "revise" }], text: `amendment: version ${row.version} supersedes ${row.supersedes_id}` }
      : { coding: [{ system: DATA_OPERATION, code: "CREATE", display: "create" }], text: "first version" },
    agent: [
      {
        type: { coding: [{ system: "http://terminology.hl7.org/CodeSystem/provenance-participant-type", code: "author", display: "Author" }] },
        who: author,
      },
    ],
    ...(supersedes ? { entity: [{ role: "revision", what: supersedes }] } : {}),
    signature: [
      {
        type: [
          { system: "urn:iso-astm:E1762-95:2013", code: "1.2.840.10065.1.12.1.1", display: "Author's Signature" },
          {
            system: "urn:caretrail:signature-scheme",
            code: "eip712-secp256k1",
            display: "secp256k1 signature over the EIP-712 typed-data digest of the record",
          },
        ],
        when: recorded,
        who: author,
        targetFormat: "application/octet-stream",
        sigFormat: "application/octet-stream",
        data: Buffer.from(row.signature.slice(2), "hex").toString("base64"),
      },
    ],
  }));
}
