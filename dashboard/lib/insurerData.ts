// Insurer-view reads: the payment consents given to the insurer with the records each lets it check, and why a
// record it looked up is refused, in words.
import { CareTrail__factory } from "@caretrail/sdk";
import { JsonRpcProvider, ZeroAddress } from "ethers";
import { graphqlRequest } from "./apiClient";
import type { ConsentToMe } from "./apiShapes";
import { chainAccess } from "./config";
import { categoryName, displayName, formatTime, scopeNames, type NameBook } from "./format";
import { graphql } from "./generated";
import type { Session } from "./session";

export async function fetchPaymentConsents(session: Session): Promise<ConsentToMe[]> {
  const data = await graphqlRequest(
    graphql(`
      query PaymentConsents {
        consentsToMe(purposes: [PAYMENT]) {
          patient
          scope
          purpose
          expiresAt
          live
          revoked
          updatedAt
          records {
            id
            category
            versionCount
          }
        }
      }
    `),
    {},
    session.token,
  );
  return data.consentsToMe;
}

/** Why a consent no longer opens records, in words ("expired on …", "revoked by the patient on …"). */
export function consentStanding(consent: ConsentToMe): string {
  if (consent.live) return `payment consent for ${scopeNames(consent.scope).join(", ")} until ${formatTime(consent.expiresAt)}`;
  if (consent.revoked) return `the patient revoked the payment consent on ${formatTime(consent.updatedAt)}`;
  return `the payment consent expired on ${formatTime(consent.expiresAt)}`;
}

/**
 * The API refuses an unknown record and one the insurer may not read alike (so ids cannot be probed). The record's
 * patient and category are public on the chain, so the dashboard reads them there and says which consent is missing.
 */
export async function explainInsurerRefusal(session: Session, recordId: string, names: NameBook): Promise<string> {
  const { deployment, rpcUrl } = chainAccess();
  const provider = new JsonRpcProvider(rpcUrl, undefined, { staticNetwork: true });
  try {
    const [patient, category] = await CareTrail__factory.connect(deployment.address, provider).recordOf(recordId);
    if (patient === ZeroAddress) return "No record with this id is on the chain: check the id (any version's id works).";
    const who = displayName(patient, names);
    const consent = (await fetchPaymentConsents(session)).find((candidate) => candidate.patient.toLowerCase() === patient.toLowerCase());
    if (!consent)
      return `No payment consent from ${who}: this ${categoryName(Number(category))} record belongs to them. Ask ${who} to grant you a payment consent.`;
    if (consent.revoked) return `${who} revoked the payment consent on ${formatTime(consent.updatedAt)}, so you may no longer check their records.`;
    if (!consent.live) return `${who}'s payment consent expired on ${formatTime(consent.expiresAt)}, so you may no longer check their records.`;
    return `${who}'s payment consent covers ${scopeNames(consent.scope).join(", ")}, not ${categoryName(Number(category))}: ask them to widen it.`;
  } finally {
    provider.destroy();
  }
}
