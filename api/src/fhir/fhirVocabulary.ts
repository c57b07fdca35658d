import type { Purpose } from "../generated/resolvers.js";
import type { DenialReasonName } from "@caretrail/sdk";

/** Code systems and identifier systems the FHIR exports use, in one place. */
export const ADDRESS_SYSTEM = "urn:caretrail:address";
export const RECORD_SYSTEM = "urn:caretrail:record";
export const CONSENT_SYSTEM = "urn:caretrail:consent";
export const ACT_REASON = "http://terminology.hl7.org/CodeSystem/v3-ActReason";
export const DCM = "http://dicom.nema.org/resources/ontology/DCM";
export const PARTICIPATION = "http://terminology.hl7.org/CodeSystem/v3-ParticipationType";
export const ENTITY_TYPE = "http://terminology.hl7.org/CodeSystem/audit-entity-type";
export const OBJECT_ROLE = "http://terminology.hl7.org/CodeSystem/object-role";
export const BALP_PROFILE = "https://profiles.ihe.net/ITI/BALP/StructureDefinition/IHE.BasicAudit.";
export const BALP_CODES = "https://profiles.ihe.net/ITI/BALP/CodeSystem/";

/** CareTrail purposes as v3 ActReason purposes of use. */
export const purposeOfUse: Record<Purpose, { code: string; display: string } | undefined> = {
  NONE: undefined,
  TREATMENT: { code: "TREAT", display: "treatment" },
  PAYMENT: { code: "HPAYMT", display: "healthcare payment" },
  RESEARCH: { code: "HRESCH", display: "healthcare research" },
  EMERGENCY: { code: "ETREAT", display: "Emergency Treatment" },
};

/** Break-glass access adds v3 ActReason BTG to its emergency purpose. */
export const BREAK_THE_GLASS = { system: ACT_REASON, code: "BTG", display: "break the glass" };

/** The contract's DenialReason names in words an auditor reads (the code stays in brackets). */
export const denialReasonWords: Record<Exclude<DenialReasonName, "None">, string> = {
  Unregistered: "the requester is not registered with CareTrail",
  PatientNotEnrolled: "the patient is not enrolled",
  NoConsent: "the patient has given this requester no consent",
  ConsentRevoked: "the patient revoked this requester's consent",
  ConsentExpired: "this requester's consent had expired",
  PurposeNotGranted: "the consent does not cover this purpose",
  CategoryNotInScope: "the consent does not cover this record category",
  ProviderSuspended: "the requesting provider is suspended",
  RecordNotFound: "no such record",
  NotAProvider: "only a credentialed provider may use emergency access",
  ConsentReplaced: "the patient changed this requester's consent after the access was granted",
};

export const denialText = (reason: string | null | undefined) =>
  reason ? `${(denialReasonWords as Record<string, string | undefined>)[reason] ?? "access was denied"} (${reason})` : "access was denied (no reason recorded)";
