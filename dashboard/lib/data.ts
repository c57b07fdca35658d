// Every server component reads the API through this module: one query per view section, one error type (DataError).
import { redirect } from "next/navigation";
import { DataError, graphqlRequest } from "./apiClient";
import type { IndexerStatus } from "./freshness";
import { readSession, type Session } from "./session";
import type {
  AccessEventPage,
  Alert,
  Analytics,
  AuditFilter,
  CareRecordDetail,
  CareRecordSummary,
  Consent,
  ConsentVersion,
  ContractInfo,
  Role,
} from "./types";

const POSITION = "position { blockNumber blockTimestamp txHash logIndex }";
export const EVENT = `id kind outcome patient actor actorRole purpose category recordId denialReason emergencyReasonCode expiresAt ${POSITION}`;
const CONSENT_VERSION = `patient grantee version action scope purpose expiresAt viaSignature ${POSITION}`;
const RECORD_VERSION = `id version author category contentHash contentId signatureValid supersedesId supersededById ${POSITION} authorisingConsent { ${CONSENT_VERSION} }`;

export type Loaded<T> = { data: T; error?: undefined } | { data?: undefined; error: DataError };

/** Runs one load; an expired session sends the user to sign in, any other failure becomes a value the view renders. */
export async function load<T>(work: () => Promise<T>): Promise<Loaded<T>> {
  try {
    return { data: await work() };
  } catch (error) {
    if (!(error instanceof DataError)) throw error;
    if (error.code === "UNAUTHENTICATED") redirect("/sign-in?expired=1");
    return { error };
  }
}

/** The session of a page that needs one of `roles`; otherwise off to sign-in (or the user's own home). */
export async function requireSession(roles: Role[]): Promise<Session> {
  const session = await readSession();
  if (!session) redirect("/sign-in");
  // The home page sends the account to a view its roles open (or explains why there is none).
  if (!session.roles.some((role) => roles.includes(role))) redirect("/");
  return session;
}

export async function fetchContractInfo(): Promise<ContractInfo> {
  const data = await graphqlRequest<{ contract: ContractInfo }>("{ contract { chainId address indexedHeight indexerHealthy } }", {}, undefined);
  return data.contract;
}

/**
 * The height the projection is indexed to, read before a page's own queries: the page's live feed starts after it,
 * so an access indexed while the page renders still reaches it. Undefined when unknown (the feed then follows new
 * events only).
 */
export async function fetchSnapshotHeight(): Promise<number | undefined> {
  try {
    return (await fetchContractInfo()).indexedHeight ?? undefined;
  } catch {
    return undefined;
  }
}

/** The indexer's state as the API reports it, for the "data may be behind" banner. */
export async function fetchIndexerStatus(): Promise<IndexerStatus> {
  const data = await graphqlRequest<{ contract: { indexer: IndexerStatus } }>(
    "{ contract { indexer { healthy state reason lastProcessedHeight chainHead lagBlocks } } }", {}, undefined);
  return data.contract.indexer;
}

export async function fetchConsents(session: Session): Promise<Consent[]> {
  const data = await graphqlRequest<{ consents: Consent[] }>(
    "query($patient: Address!) { consents(patient: $patient) { grantee scope purpose expiresAt version live updatedAt } }",
    { patient: session.address },
    session.token,
  );
  return data.consents;
}

/** Newest first, for a timeline; `grantee` narrows it to one grantee. */
export async function fetchConsentHistory(session: Session, patient = session.address, grantee?: string): Promise<ConsentVersion[]> {
  const data = await graphqlRequest<{ consentHistory: ConsentVersion[] }>(
    `query($patient: Address!, $grantee: Address) { consentHistory(patient: $patient, grantee: $grantee) { ${CONSENT_VERSION} } }`,
    { patient, grantee: grantee ?? null },
    session.token,
  );
  return [...data.consentHistory].reverse();
}

export async function fetchRecords(session: Session, patient = session.address): Promise<CareRecordSummary[]> {
  const data = await graphqlRequest<{ records: CareRecordSummary[] }>(
    `query($patient: Address!) { records(patient: $patient) { id patient category versionCount latest { ${RECORD_VERSION} } } }`,
    { patient },
    session.token,
  );
  return data.records;
}

/** undefined when no record has that id. */
export async function fetchRecord(session: Session, id: string): Promise<CareRecordDetail | undefined> {
  const data = await graphqlRequest<{ record: CareRecordDetail | null }>(
    `query($id: ID!) { record(id: $id) { id patient category versionCount latest { ${RECORD_VERSION} } versions { ${RECORD_VERSION} } accesses { ${EVENT} } } }`,
    { id },
    session.token,
  );
  return data.record ?? undefined;
}

export const TIMELINE_PAGE_SIZE = 50;

export async function fetchAuditTimeline(session: Session, filter: AuditFilter, after: string | undefined, first = TIMELINE_PAGE_SIZE): Promise<AccessEventPage> {
  const data = await graphqlRequest<{
    auditTimeline: { totalCount: number; edges: { node: AccessEventPage["events"][number] }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
  }>(
    `query($filter: AuditFilter, $first: Int, $after: String) {
       auditTimeline(filter: $filter, first: $first, after: $after) { totalCount edges { node { ${EVENT} } } pageInfo { hasNextPage endCursor } }
     }`,
    { filter, first, after: after ?? null },
    session.token,
  );
  const { totalCount, edges, pageInfo } = data.auditTimeline;
  return { totalCount, events: edges.map((edge) => edge.node), endCursor: pageInfo.endCursor, hasNextPage: pageInfo.hasNextPage };
}

export async function fetchAlerts(session: Session, filter: { from?: string; to?: string } = {}): Promise<Alert[]> {
  const data = await graphqlRequest<{ alerts: Alert[] }>(
    `query($filter: AlertFilter) { alerts(filter: $filter, first: 100) { rule detail event { ${EVENT} } } }`,
    { filter },
    session.token,
  );
  return data.alerts;
}

/** One analytics answer under the API's disclosure policy: whole buckets, the full grid of cells, suppression, noise. */
export async function fetchAnalytics(session: Session, filter: { from?: string; to?: string }): Promise<Analytics> {
  const data = await graphqlRequest<{ analytics: Analytics }>(
    `query($filter: AnalyticsFilter) { analytics(filter: $filter) {
       k
       window { from to bucket snapped open }
       accesses { bucketStart kind outcome actorRole count patients suppressed }
       denialRate { value numerator denominator suppressed }
       emergencyRate { value numerator denominator suppressed }
       consents { bucketStart action count patients suppressed }
       busiestAccessors(first: 10) { actor actorRole accesses patients }
       privacyBudget { epsilonTotal epsilonSpent epsilonRemaining resetsAt }
     } }`,
    { filter },
    session.token,
  );
  return data.analytics;
}
