import { RecordCategory, enumName } from "@caretrail/sdk";
import type { ConsentVersionRow } from "../data/consents.js";
import { epochToDate } from "../data/rows.js";
import { upperEnum } from "../roles.js";
import type { Purpose } from "../generated/resolvers.js";
import type { FhirReference, FhirResourceSet } from "./fhirResourceSet.js";
import { ACT_REASON, CONSENT_SYSTEM, PARTICIPATION, purposeOfUse } from "./fhirVocabulary.js";

/** How a granted consent version stands at export time. */
export type ConsentStanding = { status: "active" | "inactive"; endedAt: Date; endedBy: "expiry" | "replaced" | "revoked" | null };

/**
 * The standing of each granted version at `now`: active only while it is the current version and unexpired; a
 * version replaced by a newer grant, or revoked, ended then; one past its expiry ended at expiry. A revocation is
 * not a consent of its own: it ends the grant it revokes.
 */
export function consentStandings(history: ConsentVersionRow[], now: Date): Map<ConsentVersionRow, ConsentStanding> {
  const standings = new Map<ConsentVersionRow, ConsentStanding>();
  const byPair = new Map<string, ConsentVersionRow[]>();
  for (const row of history) {
    const key = `${row.patient}-${row.grantee}`;
    byPair.set(key, [...(byPair.get(key) ?? []), row]);
  }
  for (const rows of byPair.values()) {
    rows.forEach((row, index) => {
      if (row.action !== "Granted") return;
      const expiry = epochToDate(row.expires_at);
      const next = rows[index + 1];
      const nextAt = next?.block_timestamp;
      if (next && nextAt && nextAt < expiry)
        standings.set(row, { status: "inactive", endedAt: nextAt, endedBy: next.action === "Revoked" ? "revoked" : "replaced" });
      else if (expiry <= now) standings.set(row, { status: "inactive", endedAt: expiry, endedBy: "expiry" });
      else standings.set(row, { status: "active", endedAt: expiry, endedBy: null });
    });
  }
  return standings;
}

/** The granted version a decision at (block, log index) was judged against: the last grant before it, if any. */
export function consentInForce(history: ConsentVersionRow[], patient: string, grantee: string, block: string, logIndex: number): ConsentVersionRow | undefined {
  let found: ConsentVersionRow | undefined;
  for (const row of history) {
    if (row.patient !== patient || row.grantee !== grantee) continue;
    const before = BigInt(row.block_number) < BigInt(block) || (row.block_number === block && row.log_index < logIndex);
    if (before && row.action === "Granted") found = row;
  }
  return found;
}

const categoriesIn = (scope: number) =>
  Object.values(RecordCategory)
    .filter((category) => (scope & (1 << category)) !== 0)
    .map((category) => enumName(RecordCategory, category));

const endedWords = { expiry: "expired", replaced: "replaced by a newer version", revoked: "revoked by the patient" } as const;

/** A granted consent version as a Consent, in the set; the patient and the grantee are entries of the set too. */
export function addConsent(set: FhirResourceSet, row: ConsentVersionRow, standing: ConsentStanding, granteeRole: string | undefined): FhirReference {
  const patient = set.participant(row.patient, "Patient");
  const grantee = set.participant(row.grantee, granteeRole);
  const purpose = purposeOfUse[upperEnum(row.purpose) as Purpose];
  const categories = categoriesIn(row.scope);
  const start = row.block_timestamp.toISOString();
  const state = standing.endedBy ? `${endedWords[standing.endedBy]} at ${standing.endedAt.toISOString()}` : `in force until ${standing.endedAt.toISOString()}`;
  return set.add(`consent:${row.patient}:${row.grantee}:${row.version}`, (id) => ({
    resourceType: "Consent",
    id,
    identifier: [{ system: CONSENT_SYSTEM, value: `${row.patient}-${row.grantee}-${row.version}` }],
    text: { status: "generated", div: `<div xmlns="http://www.w3.org/1999/xhtml">Consent version ${row.version} granted at ${start}; ${state}.</div>` },
    status: standing.status,
    scope: { coding: [{ system: "http://terminology.hl7.org/CodeSystem/consentscope", code: "patient-privacy", display: "Privacy Consent" }] },
    category: [{ coding: [{ system: "http://loinc.org", code: "59284-0", display: "Patient Consent" }] }],
    patient,
    performer: [patient],
    dateTime: start,
    policyRule: { coding: [{ system: "http://terminology.hl7.org/CodeSystem/v3-ActCode", code: "OPTIN" }] },
    provision: {
      type: "permit",
      // The rule held from the grant until it expired, was replaced or was revoked (or until its expiry, if it still holds).
      period: { start, end: standing.endedAt.toISOString() },
      actor: [{ role: { coding: [{ system: PARTICIPATION, code: "IRCP", display: "information recipient" }] }, reference: grantee }],
      ...(purpose ? { purpose: [{ system: ACT_REASON, ...purpose }] } : {}),
      ...(categories.length ? { class: categories.map((code) => ({ system: "urn:caretrail:category", code })) } : {}),
    },
  }));
}
