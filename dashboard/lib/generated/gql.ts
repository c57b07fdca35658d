/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "subscription AuditEvents($patient: Address, $afterBlock: Int) { auditEvents(patient: $patient, afterBlock: $afterBlock) { id kind patient } }": typeof types.AuditEventsDocument,
    "query AlertGroups($filter: AlertFilter, $first: Int, $offset: Int) { alertGroups(filter: $filter, first: $first, offset: $offset) {\n       totalGroups totalAlerts capped byRule { rule count } groups { rule actor patient minute count detail latest { ...AccessEventFields } } } }": typeof types.AlertGroupsDocument,
    "query ContractInfo { contract { chainId address indexedHeight indexerHealthy } }": typeof types.ContractInfoDocument,
    "query IndexerStatus { contract { indexer { healthy state reason lastProcessedHeight chainHead lagBlocks } } }": typeof types.IndexerStatusDocument,
    "query Consents($patient: Address!) { consents(patient: $patient) { grantee scope purpose expiresAt version live updatedAt } }": typeof types.ConsentsDocument,
    "query ConsentHistory($patient: Address!, $grantee: Address) { consentHistory(patient: $patient, grantee: $grantee) { ...ConsentVersionFields } }": typeof types.ConsentHistoryDocument,
    "query Records($patient: Address!) { records(patient: $patient) { ...CareRecordSummaryFields } }": typeof types.RecordsDocument,
    "query Record($id: ID!) { record(id: $id) { ...CareRecordSummaryFields versions { ...RecordVersionFields } accesses { ...AccessEventFields } } }": typeof types.RecordDocument,
    "query AuditTimeline($filter: AuditFilter, $first: Int, $after: String) {\n       auditTimeline(filter: $filter, first: $first, after: $after) { totalCount edges { node { ...AccessEventFields } } pageInfo { hasNextPage endCursor } }\n     }": typeof types.AuditTimelineDocument,
    "query Alerts($filter: AlertFilter) { alerts(filter: $filter, first: 100) { rule detail event { ...AccessEventFields } } }": typeof types.AlertsDocument,
    "query Analytics($filter: AnalyticsFilter) { analytics(filter: $filter) {\n       k\n       window { from to bucket snapped open }\n       accesses { bucketStart kind outcome actorRole count patients suppressed }\n       denialRate { value numerator denominator suppressed }\n       emergencyRate { value numerator denominator suppressed }\n       consents { bucketStart action count patients suppressed }\n       busiestAccessors(first: 10) { actor actorRole accesses patients }\n       privacyBudget { epsilonTotal epsilonSpent epsilonRemaining resetsAt }\n     } }": typeof types.AnalyticsDocument,
    "fragment ChainPositionFields on ChainPosition {\n  blockNumber\n  blockTimestamp\n  txHash\n  logIndex\n}\n\nfragment AccessEventFields on AccessEvent {\n  id\n  kind\n  outcome\n  patient\n  actor\n  actorRole\n  purpose\n  category\n  recordId\n  denialReason\n  emergencyReasonCode\n  expiresAt\n  position {\n    ...ChainPositionFields\n  }\n}\n\nfragment ConsentVersionFields on ConsentVersion {\n  patient\n  grantee\n  version\n  action\n  scope\n  purpose\n  expiresAt\n  viaSignature\n  position {\n    ...ChainPositionFields\n  }\n}\n\nfragment RecordVersionFields on RecordVersion {\n  id\n  version\n  author\n  category\n  contentHash\n  contentId\n  signatureValid\n  supersedesId\n  supersededById\n  position {\n    ...ChainPositionFields\n  }\n  authorisingConsent {\n    ...ConsentVersionFields\n  }\n}\n\nfragment CareRecordSummaryFields on CareRecord {\n  id\n  patient\n  category\n  versionCount\n  latest {\n    ...RecordVersionFields\n  }\n}\n\nfragment TicketFields on AccessTicket {\n  id\n  grantee\n  granteeRole\n  recordId\n  category\n  purpose\n  emergency\n  expiresAt\n  issuedAt\n  state\n  voidReason\n  voidedAt\n  voidedByTx\n}": typeof types.ChainPositionFieldsFragmentDoc,
    "query PaymentConsents { consentsToMe(purposes: [PAYMENT]) { patient scope purpose expiresAt live revoked updatedAt records { id category versionCount } } }": typeof types.PaymentConsentsDocument,
    "query WhoCanRead($patient: Address!) { whoCanRead(patient: $patient, endedWithinDays: 30, first: 12) {\n       grantee granteeRole canReadNow liveCount endedCount live { ...TicketFields } recentlyEnded { ...TicketFields } } }": typeof types.WhoCanReadDocument,
    "query PatientTimeline($filter: AuditFilter, $first: Int) { auditTimeline(filter: $filter, first: $first) { totalCount edges { node { ...AccessEventFields } } } }": typeof types.PatientTimelineDocument,
    "query PatientRecordRef($id: ID!) { record(id: $id) { id category versionCount latest { author position { blockTimestamp } } } }": typeof types.PatientRecordRefDocument,
};
const documents: Documents = {
    "subscription AuditEvents($patient: Address, $afterBlock: Int) { auditEvents(patient: $patient, afterBlock: $afterBlock) { id kind patient } }": types.AuditEventsDocument,
    "query AlertGroups($filter: AlertFilter, $first: Int, $offset: Int) { alertGroups(filter: $filter, first: $first, offset: $offset) {\n       totalGroups totalAlerts capped byRule { rule count } groups { rule actor patient minute count detail latest { ...AccessEventFields } } } }": types.AlertGroupsDocument,
    "query ContractInfo { contract { chainId address indexedHeight indexerHealthy } }": types.ContractInfoDocument,
    "query IndexerStatus { contract { indexer { healthy state reason lastProcessedHeight chainHead lagBlocks } } }": types.IndexerStatusDocument,
    "query Consents($patient: Address!) { consents(patient: $patient) { grantee scope purpose expiresAt version live updatedAt } }": types.ConsentsDocument,
    "query ConsentHistory($patient: Address!, $grantee: Address) { consentHistory(patient: $patient, grantee: $grantee) { ...ConsentVersionFields } }": types.ConsentHistoryDocument,
    "query Records($patient: Address!) { records(patient: $patient) { ...CareRecordSummaryFields } }": types.RecordsDocument,
    "query Record($id: ID!) { record(id: $id) { ...CareRecordSummaryFields versions { ...RecordVersionFields } accesses { ...AccessEventFields } } }": types.RecordDocument,
    "query AuditTimeline($filter: AuditFilter, $first: Int, $after: String) {\n       auditTimeline(filter: $filter, first: $first, after: $after) { totalCount edges { node { ...AccessEventFields } } pageInfo { hasNextPage endCursor } }\n     }": types.AuditTimelineDocument,
    "query Alerts($filter: AlertFilter) { alerts(filter: $filter, first: 100) { rule detail event { ...AccessEventFields } } }": types.AlertsDocument,
    "query Analytics($filter: AnalyticsFilter) { analytics(filter: $filter) {\n       k\n       window { from to bucket snapped open }\n       accesses { bucketStart kind outcome actorRole count patients suppressed }\n       denialRate { value numerator denominator suppressed }\n       emergencyRate { value numerator denominator suppressed }\n       consents { bucketStart action count patients suppressed }\n       busiestAccessors(first: 10) { actor actorRole accesses patients }\n       privacyBudget { epsilonTotal epsilonSpent epsilonRemaining resetsAt }\n     } }": types.AnalyticsDocument,
    "fragment ChainPositionFields on ChainPosition {\n  blockNumber\n  blockTimestamp\n  txHash\n  logIndex\n}\n\nfragment AccessEventFields on AccessEvent {\n  id\n  kind\n  outcome\n  patient\n  actor\n  actorRole\n  purpose\n  category\n  recordId\n  denialReason\n  emergencyReasonCode\n  expiresAt\n  position {\n    ...ChainPositionFields\n  }\n}\n\nfragment ConsentVersionFields on ConsentVersion {\n  patient\n  grantee\n  version\n  action\n  scope\n  purpose\n  expiresAt\n  viaSignature\n  position {\n    ...ChainPositionFields\n  }\n}\n\nfragment RecordVersionFields on RecordVersion {\n  id\n  version\n  author\n  category\n  contentHash\n  contentId\n  signatureValid\n  supersedesId\n  supersededById\n  position {\n    ...ChainPositionFields\n  }\n  authorisingConsent {\n    ...ConsentVersionFields\n  }\n}\n\nfragment CareRecordSummaryFields on CareRecord {\n  id\n  patient\n  category\n  versionCount\n  latest {\n    ...RecordVersionFields\n  }\n}\n\nfragment TicketFields on AccessTicket {\n  id\n  grantee\n  granteeRole\n  recordId\n  category\n  purpose\n  emergency\n  expiresAt\n  issuedAt\n  state\n  voidReason\n  voidedAt\n  voidedByTx\n}": types.ChainPositionFieldsFragmentDoc,
    "query PaymentConsents { consentsToMe(purposes: [PAYMENT]) { patient scope purpose expiresAt live revoked updatedAt records { id category versionCount } } }": types.PaymentConsentsDocument,
    "query WhoCanRead($patient: Address!) { whoCanRead(patient: $patient, endedWithinDays: 30, first: 12) {\n       grantee granteeRole canReadNow liveCount endedCount live { ...TicketFields } recentlyEnded { ...TicketFields } } }": types.WhoCanReadDocument,
    "query PatientTimeline($filter: AuditFilter, $first: Int) { auditTimeline(filter: $filter, first: $first) { totalCount edges { node { ...AccessEventFields } } } }": types.PatientTimelineDocument,
    "query PatientRecordRef($id: ID!) { record(id: $id) { id category versionCount latest { author position { blockTimestamp } } } }": types.PatientRecordRefDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "subscription AuditEvents($patient: Address, $afterBlock: Int) { auditEvents(patient: $patient, afterBlock: $afterBlock) { id kind patient } }"): (typeof documents)["subscription AuditEvents($patient: Address, $afterBlock: Int) { auditEvents(patient: $patient, afterBlock: $afterBlock) { id kind patient } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query AlertGroups($filter: AlertFilter, $first: Int, $offset: Int) { alertGroups(filter: $filter, first: $first, offset: $offset) {\n       totalGroups totalAlerts capped byRule { rule count } groups { rule actor patient minute count detail latest { ...AccessEventFields } } } }"): (typeof documents)["query AlertGroups($filter: AlertFilter, $first: Int, $offset: Int) { alertGroups(filter: $filter, first: $first, offset: $offset) {\n       totalGroups totalAlerts capped byRule { rule count } groups { rule actor patient minute count detail latest { ...AccessEventFields } } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ContractInfo { contract { chainId address indexedHeight indexerHealthy } }"): (typeof documents)["query ContractInfo { contract { chainId address indexedHeight indexerHealthy } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query IndexerStatus { contract { indexer { healthy state reason lastProcessedHeight chainHead lagBlocks } } }"): (typeof documents)["query IndexerStatus { contract { indexer { healthy state reason lastProcessedHeight chainHead lagBlocks } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query Consents($patient: Address!) { consents(patient: $patient) { grantee scope purpose expiresAt version live updatedAt } }"): (typeof documents)["query Consents($patient: Address!) { consents(patient: $patient) { grantee scope purpose expiresAt version live updatedAt } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ConsentHistory($patient: Address!, $grantee: Address) { consentHistory(patient: $patient, grantee: $grantee) { ...ConsentVersionFields } }"): (typeof documents)["query ConsentHistory($patient: Address!, $grantee: Address) { consentHistory(patient: $patient, grantee: $grantee) { ...ConsentVersionFields } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query Records($patient: Address!) { records(patient: $patient) { ...CareRecordSummaryFields } }"): (typeof documents)["query Records($patient: Address!) { records(patient: $patient) { ...CareRecordSummaryFields } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query Record($id: ID!) { record(id: $id) { ...CareRecordSummaryFields versions { ...RecordVersionFields } accesses { ...AccessEventFields } } }"): (typeof documents)["query Record($id: ID!) { record(id: $id) { ...CareRecordSummaryFields versions { ...RecordVersionFields } accesses { ...AccessEventFields } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query AuditTimeline($filter: AuditFilter, $first: Int, $after: String) {\n       auditTimeline(filter: $filter, first: $first, after: $after) { totalCount edges { node { ...AccessEventFields } } pageInfo { hasNextPage endCursor } }\n     }"): (typeof documents)["query AuditTimeline($filter: AuditFilter, $first: Int, $after: String) {\n       auditTimeline(filter: $filter, first: $first, after: $after) { totalCount edges { node { ...AccessEventFields } } pageInfo { hasNextPage endCursor } }\n     }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query Alerts($filter: AlertFilter) { alerts(filter: $filter, first: 100) { rule detail event { ...AccessEventFields } } }"): (typeof documents)["query Alerts($filter: AlertFilter) { alerts(filter: $filter, first: 100) { rule detail event { ...AccessEventFields } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query Analytics($filter: AnalyticsFilter) { analytics(filter: $filter) {\n       k\n       window { from to bucket snapped open }\n       accesses { bucketStart kind outcome actorRole count patients suppressed }\n       denialRate { value numerator denominator suppressed }\n       emergencyRate { value numerator denominator suppressed }\n       consents { bucketStart action count patients suppressed }\n       busiestAccessors(first: 10) { actor actorRole accesses patients }\n       privacyBudget { epsilonTotal epsilonSpent epsilonRemaining resetsAt }\n     } }"): (typeof documents)["query Analytics($filter: AnalyticsFilter) { analytics(filter: $filter) {\n       k\n       window { from to bucket snapped open }\n       accesses { bucketStart kind outcome actorRole count patients suppressed }\n       denialRate { value numerator denominator suppressed }\n       emergencyRate { value numerator denominator suppressed }\n       consents { bucketStart action count patients suppressed }\n       busiestAccessors(first: 10) { actor actorRole accesses patients }\n       privacyBudget { epsilonTotal epsilonSpent epsilonRemaining resetsAt }\n     } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment ChainPositionFields on ChainPosition {\n  blockNumber\n  blockTimestamp\n  txHash\n  logIndex\n}\n\nfragment AccessEventFields on AccessEvent {\n  id\n  kind\n  outcome\n  patient\n  actor\n  actorRole\n  purpose\n  category\n  recordId\n  denialReason\n  emergencyReasonCode\n  expiresAt\n  position {\n    ...ChainPositionFields\n  }\n}\n\nfragment ConsentVersionFields on ConsentVersion {\n  patient\n  grantee\n  version\n  action\n  scope\n  purpose\n  expiresAt\n  viaSignature\n  position {\n    ...ChainPositionFields\n  }\n}\n\nfragment RecordVersionFields on RecordVersion {\n  id\n  version\n  author\n  category\n  contentHash\n  contentId\n  signatureValid\n  supersedesId\n  supersededById\n  position {\n    ...ChainPositionFields\n  }\n  authorisingConsent {\n    ...ConsentVersionFields\n  }\n}\n\nfragment CareRecordSummaryFields on CareRecord {\n  id\n  patient\n  category\n  versionCount\n  latest {\n    ...RecordVersionFields\n  }\n}\n\nfragment TicketFields on AccessTicket {\n  id\n  grantee\n  granteeRole\n  recordId\n  category\n  purpose\n  emergency\n  expiresAt\n  issuedAt\n  state\n  voidReason\n  voidedAt\n  voidedByTx\n}"): (typeof documents)["fragment ChainPositionFields on ChainPosition {\n  blockNumber\n  blockTimestamp\n  txHash\n  logIndex\n}\n\nfragment AccessEventFields on AccessEvent {\n  id\n  kind\n  outcome\n  patient\n  actor\n  actorRole\n  purpose\n  category\n  recordId\n  denialReason\n  emergencyReasonCode\n  expiresAt\n  position {\n    ...ChainPositionFields\n  }\n}\n\nfragment ConsentVersionFields on ConsentVersion {\n  patient\n  grantee\n  version\n  action\n  scope\n  purpose\n  expiresAt\n  viaSignature\n  position {\n    ...ChainPositionFields\n  }\n}\n\nfragment RecordVersionFields on RecordVersion {\n  id\n  version\n  author\n  category\n  contentHash\n  contentId\n  signatureValid\n  supersedesId\n  supersededById\n  position {\n    ...ChainPositionFields\n  }\n  authorisingConsent {\n    ...ConsentVersionFields\n  }\n}\n\nfragment CareRecordSummaryFields on CareRecord {\n  id\n  patient\n  category\n  versionCount\n  latest {\n    ...RecordVersionFields\n  }\n}\n\nfragment TicketFields on AccessTicket {\n  id\n  grantee\n  granteeRole\n  recordId\n  category\n  purpose\n  emergency\n  expiresAt\n  issuedAt\n  state\n  voidReason\n  voidedAt\n  voidedByTx\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query PaymentConsents { consentsToMe(purposes: [PAYMENT]) { patient scope purpose expiresAt live revoked updatedAt records { id category versionCount } } }"): (typeof documents)["query PaymentConsents { consentsToMe(purposes: [PAYMENT]) { patient scope purpose expiresAt live revoked updatedAt records { id category versionCount } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query WhoCanRead($patient: Address!) { whoCanRead(patient: $patient, endedWithinDays: 30, first: 12) {\n       grantee granteeRole canReadNow liveCount endedCount live { ...TicketFields } recentlyEnded { ...TicketFields } } }"): (typeof documents)["query WhoCanRead($patient: Address!) { whoCanRead(patient: $patient, endedWithinDays: 30, first: 12) {\n       grantee granteeRole canReadNow liveCount endedCount live { ...TicketFields } recentlyEnded { ...TicketFields } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query PatientTimeline($filter: AuditFilter, $first: Int) { auditTimeline(filter: $filter, first: $first) { totalCount edges { node { ...AccessEventFields } } } }"): (typeof documents)["query PatientTimeline($filter: AuditFilter, $first: Int) { auditTimeline(filter: $filter, first: $first) { totalCount edges { node { ...AccessEventFields } } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query PatientRecordRef($id: ID!) { record(id: $id) { id category versionCount latest { author position { blockTimestamp } } } }"): (typeof documents)["query PatientRecordRef($id: ID!) { record(id: $id) { id category versionCount latest { author position { blockTimestamp } } } }"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;