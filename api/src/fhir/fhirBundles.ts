import type { AccessEvent, ConsentVersion, Purpose } from "../generated/resolvers.js";
import type { RecordVersionParent } from "../data/records.js";

/** FHIR R4 resources as plain JSON; `fhir` validates them in the tests. */
export type FhirResource = { resourceType: string; [field: string]: unknown };
export type FhirBundle = { resourceType: "Bundle"; type: "collection"; timestamp: string; total: number; entry: { resource: FhirResource }[] };

const ADDRESS_SYSTEM = "urn:caretrail:address";
const RECORD_SYSTEM = "urn:caretrail:record";
const ACT_REASON = "http://terminology.hl7.org/CodeSystem/v3-ActReason";

const purposeOfUse: Record<Purpose, { code: string; display: string } | undefined> = {
  NONE: undefined,
  TREATMENT: { code: "TREAT", display: "treatment" },
  PAYMENT: { code: "HPAYMT", display: "healthcare payment" },
  RESEARCH: { code: "HRESCH", display: "healthcare research" },
  EMERGENCY: { code: "ETREAT", display: "Emergency Treatment" },
};

const byAddress = (address: string, display?: string) => ({ identifier: { system: ADDRESS_SYSTEM, value: address }, ...(display ? { display } : {}) });

export function bundleOf(resources: FhirResource[], now: Date = new Date()): FhirBundle {
  return { resourceType: "Bundle", type: "collection", timestamp: now.toISOString(), total: resources.length, entry: resources.map((resource) => ({ resource })) };
}

/**
 * An access event as an AuditEvent following the IHE Basic Audit Log Patterns: reads (and emergency access) are
 * RESTful `read`s, category-wide requests are `search-type` queries, denials keep the attempt with a failure outcome.
 */
export function auditEventResource(event: AccessEvent, contract: string | undefined): FhirResource {
  const isRead = event.kind === "READ" || event.kind === "EMERGENCY" || event.recordId !== null;
  const denied = event.outcome === "DENIED";
  const purpose = purposeOfUse[event.purpose];
  return {
    resourceType: "AuditEvent",
    id: `ae-${event.position.blockNumber}-${event.position.logIndex}`,
    type: { system: "http://terminology.hl7.org/CodeSystem/audit-event-type", code: "rest", display: "Restful Operation" },
    subtype: [
      isRead
        ? { system: "http://hl7.org/fhir/restful-interaction", code: "read", display: "read" }
        : { system: "http://hl7.org/fhir/restful-interaction", code: "search-type", display: "search type" },
    ],
    action: isRead ? "R" : "E",
    recorded: event.position.blockTimestamp.toISOString(),
    outcome: denied ? "4" : "0",
    ...(denied ? { outcomeDesc: `denied: ${event.denialReason ?? "no reason given"}` } : {}),
    ...(purpose ? { purposeOfEvent: [{ coding: [{ system: ACT_REASON, ...purpose }] }] } : {}),
    agent: [
      {
        type: { coding: [{ system: "http://terminology.hl7.org/CodeSystem/v3-ParticipationType", code: "IRCP", display: "information recipient" }] },
        who: byAddress(event.actor),
        requestor: true,
      },
    ],
    source: {
      site: `CareTrail ${contract ?? "contract"}`,
      observer: { display: `CareTrail contract ${contract ?? ""}`.trim() },
      type: [{ system: "http://terminology.hl7.org/CodeSystem/security-source-type", code: "4", display: "Application Server" }],
    },
    entity: [
      {
        what: byAddress(event.patient),
        type: { system: "http://terminology.hl7.org/CodeSystem/audit-entity-type", code: "1", display: "Person" },
        role: { system: "http://terminology.hl7.org/CodeSystem/object-role", code: "1", display: "Patient" },
      },
      ...(event.recordId
        ? [
            {
              what: { identifier: { system: RECORD_SYSTEM, value: event.recordId } },
              type: { system: "http://terminology.hl7.org/CodeSystem/audit-entity-type", code: "2", display: "System Object" },
              role: { system: "http://terminology.hl7.org/CodeSystem/object-role", code: "4", display: "Domain Resource" },
            },
          ]
        : []),
      { what: { identifier: { system: "urn:caretrail:tx", value: event.position.txHash } }, description: `event ${event.id}` },
    ],
  };
}

/** A record version as a Provenance: target, author agent, recorded time and the EIP-712 signature. */
export function provenanceResource(version: RecordVersionParent): FhirResource {
  const recorded = version.position.blockTimestamp.toISOString();
  return {
    resourceType: "Provenance",
    id: `prov-${version.position.blockNumber}-${version.position.logIndex}`,
    target: [{ identifier: { system: RECORD_SYSTEM, value: version.id }, display: `content ${version.contentId}` }],
    recorded,
    agent: [
      {
        type: { coding: [{ system: "http://terminology.hl7.org/CodeSystem/provenance-participant-type", code: "author", display: "Author" }] },
        who: byAddress(version.author),
      },
    ],
    ...(version.supersedesId
      ? { entity: [{ role: "revision", what: { identifier: { system: RECORD_SYSTEM, value: version.supersedesId } } }] }
      : {}),
    signature: [
      {
        type: [{ system: "urn:iso-astm:E1762-95:2013", code: "1.2.840.10065.1.12.1.1", display: "Author's Signature" }],
        when: recorded,
        who: byAddress(version.author),
        // A raw secp256k1 signature over the record's EIP-712 digest; no MIME type names that, so: octet-stream.
        sigFormat: "application/octet-stream",
        data: Buffer.from(version.signature.slice(2), "hex").toString("base64"),
      },
    ],
  };
}

/** A consent version as a Consent: active while granted, inactive once revoked; the grantee is the recipient. */
export function consentResource(version: ConsentVersion, categories: string[]): FhirResource {
  const granted = version.action === "GRANTED";
  const purpose = purposeOfUse[version.purpose];
  return {
    resourceType: "Consent",
    id: `consent-${version.position.blockNumber}-${version.position.logIndex}`,
    status: granted ? "active" : "inactive",
    scope: { coding: [{ system: "http://terminology.hl7.org/CodeSystem/consentscope", code: "patient-privacy", display: "Privacy Consent" }] },
    category: [{ coding: [{ system: "http://loinc.org", code: "59284-0", display: "Patient Consent" }] }],
    patient: byAddress(version.patient),
    dateTime: version.position.blockTimestamp.toISOString(),
    policyRule: { coding: [{ system: "http://terminology.hl7.org/CodeSystem/v3-ActCode", code: granted ? "OPTIN" : "OPTOUT" }] },
    provision: {
      type: granted ? "permit" : "deny",
      period: { start: version.position.blockTimestamp.toISOString(), end: version.expiresAt.toISOString() },
      actor: [
        {
          role: { coding: [{ system: "http://terminology.hl7.org/CodeSystem/v3-ParticipationType", code: "IRCP", display: "information recipient" }] },
          reference: byAddress(version.grantee),
        },
      ],
      ...(purpose ? { purpose: [{ system: ACT_REASON, ...purpose }] } : {}),
      ...(categories.length ? { class: categories.map((code) => ({ system: "urn:caretrail:category", code })) } : {}),
    },
  };
}
