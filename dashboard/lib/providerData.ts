// "My patients" for a provider: the patients whose consent names this provider, each consent's terms now, and the
// records that consent covers. Who consented is read from the chain's ConsentGranted log (the API lists consents
// by patient only); the terms from consentOf; the records from RecordAppended, then each one's provenance from the
// API, which itself checks that the consent covers it.
import { CareTrail__factory, type CareTrail } from "@caretrail/sdk";
import { JsonRpcProvider, Network } from "ethers";
import { DataError, graphqlRequest } from "./apiClient";
import type { Purpose } from "./apiShapes";
import { chainAccess } from "./config";
import { graphql } from "./generated";
import type { Session } from "./session";

export type ProviderConsent = { scope: number; purpose: Purpose; expiresAt: string; version: number; active: boolean; live: boolean };
export type PatientRecordRef = { id: string; category: number; author: string; blockTimestamp: string; versionCount: number };
export type MyPatient = { patient: string; consent: ProviderConsent; records: PatientRecordRef[]; moreRecords: boolean };

/** Bounds for one page view: a provider with more sees the first of them and a note. */
export const MAX_PATIENTS = 50;
export const MAX_RECORDS_PER_PATIENT = 12;

const PURPOSES: Purpose[] = ["NONE", "TREATMENT", "PAYMENT", "RESEARCH", "EMERGENCY"];

function connect(): { contract: CareTrail; provider: JsonRpcProvider; startBlock: number } {
  const { deployment, rpcUrl } = chainAccess();
  const provider = new JsonRpcProvider(rpcUrl, deployment.chainId, { staticNetwork: Network.from(deployment.chainId) });
  return { contract: CareTrail__factory.connect(deployment.address, provider), provider, startBlock: deployment.startBlock };
}

/** Treatment and emergency consents are the provider's; payment and research belong to insurers and studies. */
export function isCareConsent(consent: ProviderConsent): boolean {
  return consent.purpose === "TREATMENT" || consent.purpose === "EMERGENCY";
}

/** The latest version of each record: amendments replace what they supersede. */
export function latestRecords(appended: { id: string; category: number; author: string; supersedes: string }[]): typeof appended {
  const superseded = new Set(appended.map((record) => record.supersedes.toLowerCase()));
  return appended.filter((record) => !superseded.has(record.id.toLowerCase()));
}

export async function fetchMyPatients(session: Session, now = Date.now()): Promise<{ patients: MyPatient[]; morePatients: boolean }> {
  const { contract, provider, startBlock } = connect();
  try {
    return await readMyPatients(session, contract, startBlock, now);
  } catch (error) {
    if (error instanceof DataError) throw error;
    throw new DataError("SERVICE_UNAVAILABLE", "The chain did not answer, so your patients' consents could not be read: check the chain (RPC_URL) is running.");
  } finally {
    provider.destroy();
  }
}

async function readMyPatients(
  session: Session,
  contract: CareTrail,
  startBlock: number,
  now: number,
): Promise<{ patients: MyPatient[]; morePatients: boolean }> {
  {
    const grants = await contract.queryFilter(contract.filters.ConsentGranted(undefined, session.address), startBlock);
    const patients = [...new Set(grants.map((grant) => grant.args.patient))];
    const chosen = patients.slice(0, MAX_PATIENTS);
    const rows = await Promise.all(
      chosen.map(async (patient): Promise<MyPatient> => {
        const raw = await contract.consentOf(patient, session.address);
        const expiresAt = new Date(Number(raw.expiresAt) * 1000);
        const consent: ProviderConsent = {
          scope: Number(raw.scope),
          purpose: PURPOSES[Number(raw.purpose)] ?? "NONE",
          expiresAt: expiresAt.toISOString(),
          version: Number(raw.version),
          active: raw.active,
          live: raw.active && expiresAt.getTime() > now,
        };
        if (!consent.live || !isCareConsent(consent)) return { patient, consent, records: [], moreRecords: false };
        const appended = await contract.queryFilter(contract.filters.RecordAppended(undefined, patient), startBlock);
        const inScope = latestRecords(
          appended.map((log) => ({ id: log.args.recordId, category: Number(log.args.category), author: log.args.author, supersedes: log.args.supersedes })),
        ).filter((record) => (consent.scope & (1 << record.category)) !== 0);
        const newest = inScope.reverse().slice(0, MAX_RECORDS_PER_PATIENT);
        const records = await Promise.all(
          newest.map(async (record) => {
            const answer = await graphqlRequest(
              graphql(`
                query PatientRecordRef($id: ID!) {
                  record(id: $id) {
                    id
                    category
                    versionCount
                    latest {
                      author
                      position {
                        blockTimestamp
                      }
                    }
                  }
                }
              `),
              { id: record.id },
              session.token,
            ).catch(() => ({ record: null }));
            // Not indexed yet (or no longer covered): shown from the chain's own log.
            const found = answer.record;
            return {
              id: record.id.toLowerCase(),
              category: record.category,
              author: found?.latest.author ?? record.author,
              blockTimestamp: found?.latest.position.blockTimestamp ?? "",
              versionCount: found?.versionCount ?? 1,
            };
          }),
        );
        return { patient, consent, records, moreRecords: inScope.length > MAX_RECORDS_PER_PATIENT };
      }),
    );
    // Live care consents first, then the rest (expired, revoked, other purposes) for the record.
    rows.sort((a, b) => Number(b.consent.live && isCareConsent(b.consent)) - Number(a.consent.live && isCareConsent(a.consent)));
    return { patients: rows, morePatients: patients.length > MAX_PATIENTS };
  }
}
