// Every server component reads the API through this module: one query per view section, one error type (DataError).
import { redirect } from "next/navigation";
import { DataError, graphqlRequest } from "./apiClient";
import type {
  AccessEvent,
  Alert,
  Analytics,
  AuditFilter,
  CareRecordDetail,
  CareRecordSummary,
  Consent,
  ConsentVersion,
  ContractInfo,
  IndexerStatus,
  Role,
} from "./apiShapes";
import { graphql } from "./generated";
import { readSession, type Session } from "./session";

/** One page of the audit timeline as the views page through it. */
export type AccessEventPage = { totalCount: number; events: AccessEvent[]; endCursor: string | null; hasNextPage: boolean };

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
  const data = await graphqlRequest(
    graphql(`
      query ContractInfo {
        contract {
          chainId
          address
          indexedHeight
          indexerHealthy
        }
      }
    `),
    {},
    undefined,
  );
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
  const data = await graphqlRequest(
    graphql(`
      query IndexerStatus {
        contract {
          indexer {
            healthy
            state
            reason
            lastProcessedHeight
            chainHead
            lagBlocks
          }
        }
      }
    `),
    {},
    undefined,
  );
  return data.contract.indexer;
}

export async function fetchConsents(session: Session): Promise<Consent[]> {
  const data = await graphqlRequest(
    graphql(`
      query Consents($patient: Address!) {
        consents(patient: $patient) {
          grantee
          scope
          purpose
          expiresAt
          version
          live
          updatedAt
        }
      }
    `),
    { patient: session.address },
    session.token,
  );
  return data.consents;
}

/** Newest first, for a timeline; `grantee` narrows it to one grantee. */
export async function fetchConsentHistory(session: Session, patient = session.address, grantee?: string): Promise<ConsentVersion[]> {
  const data = await graphqlRequest(
    graphql(`
      query ConsentHistory($patient: Address!, $grantee: Address) {
        consentHistory(patient: $patient, grantee: $grantee) {
          ...ConsentVersionFields
        }
      }
    `),
    { patient, grantee: grantee ?? null },
    session.token,
  );
  return [...data.consentHistory].reverse();
}

export async function fetchRecords(session: Session, patient = session.address): Promise<CareRecordSummary[]> {
  const data = await graphqlRequest(
    graphql(`
      query Records($patient: Address!) {
        records(patient: $patient) {
          ...CareRecordSummaryFields
        }
      }
    `),
    { patient },
    session.token,
  );
  return data.records;
}

/** undefined when no record has that id. */
export async function fetchRecord(session: Session, id: string): Promise<CareRecordDetail | undefined> {
  const data = await graphqlRequest(
    graphql(`
      query Record($id: ID!) {
        record(id: $id) {
          ...CareRecordSummaryFields
          versions {
            ...RecordVersionFields
          }
          accesses {
            ...AccessEventFields
          }
        }
      }
    `),
    { id },
    session.token,
  );
  return data.record ?? undefined;
}

export const TIMELINE_PAGE_SIZE = 50;

export async function fetchAuditTimeline(
  session: Session,
  filter: AuditFilter,
  after: string | undefined,
  first = TIMELINE_PAGE_SIZE,
): Promise<AccessEventPage> {
  const data = await graphqlRequest(
    graphql(`
      query AuditTimeline($filter: AuditFilter, $first: Int, $after: String) {
        auditTimeline(filter: $filter, first: $first, after: $after) {
          totalCount
          edges {
            node {
              ...AccessEventFields
            }
          }
          pageInfo {
            hasNextPage
            endCursor
          }
        }
      }
    `),
    { filter, first, after: after ?? null },
    session.token,
  );
  const { totalCount, edges, pageInfo } = data.auditTimeline;
  return { totalCount, events: edges.map((edge) => edge.node), endCursor: pageInfo.endCursor, hasNextPage: pageInfo.hasNextPage };
}

export async function fetchAlerts(session: Session, filter: { from?: string; to?: string } = {}): Promise<Alert[]> {
  const data = await graphqlRequest(
    graphql(`
      query Alerts($filter: AlertFilter) {
        alerts(filter: $filter, first: 100) {
          rule
          detail
          event {
            ...AccessEventFields
          }
        }
      }
    `),
    { filter },
    session.token,
  );
  return data.alerts;
}

/** One analytics answer under the API's disclosure policy: whole buckets, the full grid of cells, suppression, noise. */
export async function fetchAnalytics(session: Session, filter: { from?: string; to?: string }): Promise<Analytics> {
  const data = await graphqlRequest(
    graphql(`
      query Analytics($filter: AnalyticsFilter) {
        analytics(filter: $filter) {
          k
          window {
            from
            to
            bucket
            snapped
            open
          }
          accesses {
            bucketStart
            kind
            outcome
            actorRole
            count
            patients
            suppressed
          }
          denialRate {
            value
            numerator
            denominator
            suppressed
          }
          emergencyRate {
            value
            numerator
            denominator
            suppressed
          }
          consents {
            bucketStart
            action
            count
            patients
            suppressed
          }
          busiestAccessors(first: 10) {
            actor
            actorRole
            accesses
            patients
          }
          privacyBudget {
            epsilonTotal
            epsilonSpent
            epsilonRemaining
            resetsAt
          }
        }
      }
    `),
    { filter },
    session.token,
  );
  return data.analytics;
}
