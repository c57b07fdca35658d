import { ALL_CATEGORIES, RecordCategory, enumName } from "@caretrail/sdk";
import { epochToDate } from "../data/rows.js";
import { upperEnum } from "../roles.js";
import type { Purpose } from "../generated/resolvers.js";
import type { DecisionRow, TicketRow } from "./fhirReads.js";
import type { FhirReference, FhirResourceSet } from "./fhirResourceSet.js";
import {
  ACT_REASON,
  BALP_CODES,
  BALP_PROFILE,
  BREAK_THE_GLASS,
  DCM,
  ENTITY_TYPE,
  OBJECT_ROLE,
  PARTICIPATION,
  denialText,
  purposeOfUse,
} from "./fhirVocabulary.js";

/** What one AuditEvent needs besides its row: the consent it was judged on, the record read, the ticket used. */
export type AuditEventContext = { contract: string | undefined; consent?: FhirReference; record?: FhirReference; ticket?: TicketRow };

const coding = (system: string, code: string, display: string) => ({ system, code, display });
const concept = (system: string, code: string, display: string) => ({ coding: [coding(system, code, display)] });
const roleWords: Record<string, string> = { Patient: "patient", Provider: "provider", Insurer: "insurer", Auditor: "auditor", Researcher: "researcher" };

/**
 * One AuditEvent per access decision and per read (see the mapping table in api/README.md):
 * - grants and denials judged on a consent: BALP AuthZconsent (Security Alert, AuthZ-Consent), the consent version
 *   in force as entity[consent], outcome 0 (permit) or 8 (deny, the reason in outcomeDesc);
 * - patient self-access, break-glass access and denials before any consent was on file: the same pattern with
 *   subtype AuthZ-Role (BALP defines no profile for it, so none is claimed); their failures carry an OperationOutcome;
 * - reads released by the vault: BALP PatientRead (RESTful read, the record version as entity[data]).
 * The AccessRequested log of the same call is folded into its decision (named in entity[patient].detail).
 */
export function addAuditEvent(set: FhirResourceSet, row: DecisionRow, context: AuditEventContext): FhirReference {
  return row.kind === "Read" ? addRead(set, row, context) : addDecision(set, row, context);
}

function purposes(row: DecisionRow, breakGlass: boolean) {
  const purpose = purposeOfUse[upperEnum(row.purpose) as Purpose];
  return [...(purpose ? [{ coding: [{ system: ACT_REASON, ...purpose }] }] : []), ...(breakGlass ? [{ coding: [BREAK_THE_GLASS] }] : [])];
}

function patientEntity(set: FhirResourceSet, row: DecisionRow, extra: { type: string; valueString: string }[]) {
  const detail = [
    { type: "caretrail-event", valueString: row.id },
    { type: "transaction", valueString: row.tx_hash },
    { type: "block", valueString: row.block_number },
    ...extra,
  ];
  return {
    what: set.participant(row.patient_id, "Patient"),
    type: coding(ENTITY_TYPE, "1", "Person"),
    role: coding(OBJECT_ROLE, "1", "Patient"),
    detail,
  };
}

function userAgent(set: FhirResourceSet, row: DecisionRow, breakGlass: boolean) {
  const purposeOfUse = purposes(row, breakGlass);
  const role = roleWords[row.actor_role];
  return {
    type: concept(PARTICIPATION, "IRCP", "information recipient"),
    who: set.participant(row.actor, row.actor_role),
    ...(role ? { role: [{ text: role }] } : {}),
    requestor: true,
    // The ticket is the access token a grant issues and a read spends: it links a read to its grant.
    ...(row.ticket_id ? { policy: [row.ticket_id] } : {}),
    ...(purposeOfUse.length ? { purposeOfUse } : {}),
  };
}

function addDecision(set: FhirResourceSet, row: DecisionRow, { contract, consent }: AuditEventContext): FhirReference {
  const denied = row.outcome === "Denied";
  const emergency = row.kind === "Emergency" || (row.purpose === "Emergency" && row.category === ALL_CATEGORIES);
  const selfAccess = row.actor === row.patient_id;
  const onConsent = Boolean(consent) && !emergency && !selfAccess;
  const authority = set.careTrail(contract);
  const registered = row.actor_role in roleWords && row.actor_role !== "Patient";
  const requested = [
    ...(row.request_id ? [{ type: "request-event", valueString: row.request_id }] : []),
    ...(row.category !== null
      ? [{ type: "requested-category", valueString: row.category === ALL_CATEGORIES ? "all" : enumName(RecordCategory, row.category) }]
      : []),
    ...(row.record_id ? [{ type: "requested-record", valueString: row.record_id }] : []),
    ...(row.expires_at !== null ? [{ type: "access-expires", valueString: epochToDate(row.expires_at).toISOString() }] : []),
    ...(row.emergency_reason_code !== null ? [{ type: "emergency-reason-code", valueString: String(row.emergency_reason_code) }] : []),
  ];
  const outcomeDesc = denied
    ? `denied: ${denialText(row.denial_reason)}`
    : `permitted${emergency ? " as break-glass emergency access" : selfAccess ? " to the patient themself" : " under the patient's consent"}`;
  const failure =
    denied && !onConsent
      ? set.add(`outcome:${row.id}`, (id) => ({
          resourceType: "OperationOutcome",
          id,
          issue: [
            {
              severity: "error",
              code: "forbidden",
              details: { coding: [{ system: "urn:caretrail:denial-reason", code: row.denial_reason ?? "None" }], text: denialText(row.denial_reason) },
            },
          ],
        }))
      : undefined;
  return set.add(
    `event:${row.id}`,
    (id) => ({
      resourceType: "AuditEvent",
      id,
      ...(onConsent ? { meta: { profile: [`${BALP_PROFILE}AuthZconsent`] } } : {}),
      type: coding(DCM, "110113", "Security Alert"),
      subtype: [
        onConsent
          ? coding(`${BALP_CODES}AuthZsubType`, "AuthZ-Consent", "Authorization Decision using Roles and Consent")
          : coding(`${BALP_CODES}AuthZsubType`, "AuthZ-Role", "Authorization Decision using only Roles"),
      ],
      action: "E",
      recorded: row.block_timestamp.toISOString(),
      outcome: denied ? "8" : "0",
      outcomeDesc,
      ...(purposes(row, emergency).length ? { purposeOfEvent: purposes(row, emergency) } : {}),
      agent: [
        { type: concept(DCM, "110150", "Application"), who: set.client(row.actor), requestor: false, network: set.networkOf(row.actor) },
        userAgent(set, row, emergency),
        ...(registered
          ? [
              {
                type: concept("http://terminology.hl7.org/CodeSystem/v3-RoleClass", "PROV", "healthcare provider"),
                who: set.requesterOrganization(row.actor, row.actor_role),
                requestor: false,
              },
            ]
          : []),
        {
          type: concept("http://terminology.hl7.org/CodeSystem/extra-security-role-type", "authserver", "authorization server"),
          who: authority,
          requestor: false,
        },
      ],
      source: {
        site: `CareTrail ${contract ?? "contract"}`,
        observer: authority,
        type: [coding("http://terminology.hl7.org/CodeSystem/security-source-type", "6", "Security Server")],
      },
      entity: [
        patientEntity(set, row, requested),
        ...(onConsent ? [{ what: consent, type: coding("http://hl7.org/fhir/resource-types", "Consent", "Consent") }] : []),
        ...(failure
          ? [
              {
                what: failure,
                type: coding("http://hl7.org/fhir/resource-types", "OperationOutcome", "OperationOutcome"),
                description: "why access was denied",
              },
            ]
          : []),
      ],
    }),
    { mode: "match" },
  );
}

function addRead(set: FhirResourceSet, row: DecisionRow, { contract, record, ticket }: AuditEventContext): FhirReference {
  const breakGlass = ticket?.emergency === true;
  const server = set.careTrail(contract);
  return set.add(
    `event:${row.id}`,
    (id) => ({
      resourceType: "AuditEvent",
      id,
      meta: { profile: [`${BALP_PROFILE}PatientRead`] },
      type: coding("http://terminology.hl7.org/CodeSystem/audit-event-type", "rest", "Restful Operation"),
      subtype: [coding("http://hl7.org/fhir/restful-interaction", "read", "read")],
      action: "R",
      recorded: row.block_timestamp.toISOString(),
      outcome: "0",
      ...(purposes(row, breakGlass).length ? { purposeOfEvent: purposes(row, breakGlass) } : {}),
      agent: [
        userAgent(set, row, breakGlass),
        // DICOM's pattern for a read: the client that receives the data is the Destination, the server the Source.
        { type: concept(DCM, "110152", "Destination Role ID"), who: set.client(row.actor), requestor: false, network: set.networkOf(row.actor) },
        { type: concept(DCM, "110153", "Source Role ID"), who: server, requestor: false, network: set.networkOf(contract ?? "unknown") },
      ],
      source: {
        site: `CareTrail ${contract ?? "contract"}`,
        observer: server,
        type: [coding("http://terminology.hl7.org/CodeSystem/security-source-type", "4", "Application Server")],
      },
      entity: [
        patientEntity(set, row, ticket ? [{ type: "granted-by-event", valueString: ticket.issued_by_id }] : []),
        {
          what: record ?? { identifier: { system: "urn:caretrail:record", value: row.record_id ?? "unknown" } },
          type: coding(ENTITY_TYPE, "2", "System Object"),
          role: coding(OBJECT_ROLE, "4", "Domain Resource"),
        },
      ],
    }),
    { mode: "match" },
  );
}
