import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { RecordParent, RecordVersionParent } from '../data/records.js';
import type { AnalyticsParent } from '../data/analytics.js';
import type { AccessEventParent } from '../data/accessEvents.js';
import type { ApiContext } from '../context.js';
export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
export type Omit<T, K extends keyof T> = Pick<T, Exclude<keyof T, K>>;
export type RequireFields<T, K extends keyof T> = Omit<T, K> & { [P in K]-?: NonNullable<T[P]> };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /** A 0x-prefixed, 20-byte Ethereum address (any case). */
  Address: { input: string; output: string; }
  /** An ISO-8601 instant in UTC, e.g. 2026-01-31T12:00:00.000Z. */
  DateTime: { input: Date; output: Date; }
  /** Arbitrary JSON (FHIR resources). */
  JSON: { input: unknown; output: unknown; }
};

/**
 * One cell of the public grid: bucket x kind x actor role. Every cell of the grid is returned, whether or not anything
 * happened in it. `suppressed` means "fewer than k distinct patients, possibly none": a suppressed cell does not say
 * whether its group exists. Published counts carry Laplace noise (fixed per caller and cell) and are at least k.
 */
export type AccessCount = {
  __typename?: 'AccessCount';
  /** Null for unregistered actors. */
  actorRole: Maybe<Role>;
  bucketStart: Scalars['DateTime']['output'];
  count: Maybe<Scalars['Int']['output']>;
  kind: AccessKind;
  /** GRANTED for grants, emergencies and reads; DENIED for denials. */
  outcome: AccessOutcome;
  patients: Maybe<Scalars['Int']['output']>;
  suppressed: Scalars['Boolean']['output'];
};

export type AccessEvent = {
  __typename?: 'AccessEvent';
  actor: Scalars['Address']['output'];
  /** The actor's registry role when the event was indexed. */
  actorRole: Maybe<Role>;
  category: Maybe<Scalars['Int']['output']>;
  denialReason: Maybe<Scalars['String']['output']>;
  emergencyReasonCode: Maybe<Scalars['Int']['output']>;
  expiresAt: Maybe<Scalars['DateTime']['output']>;
  /** `${txHash}-${logIndex}` */
  id: Scalars['ID']['output'];
  kind: AccessKind;
  outcome: AccessOutcome;
  patient: Scalars['Address']['output'];
  position: ChainPosition;
  purpose: Purpose;
  recordId: Maybe<Scalars['ID']['output']>;
  /** The ticket this event issued or used, with its state now (voided, by which event, or expired); null when none. */
  ticket: Maybe<AccessTicket>;
  ticketId: Maybe<Scalars['ID']['output']>;
};

export type AccessEventConnection = {
  __typename?: 'AccessEventConnection';
  edges: Array<AccessEventEdge>;
  pageInfo: PageInfo;
  /** Matching events, counted up to 1,000: past that it reads 1000 and totalCountCapped is true (show "1,000+"). */
  totalCount: Scalars['Int']['output'];
  /** True when more than 1,000 events match (totalCount stops at 1,000 so a page never scans the whole trail to count it). */
  totalCountCapped: Scalars['Boolean']['output'];
};

export type AccessEventEdge = {
  __typename?: 'AccessEventEdge';
  cursor: Scalars['String']['output'];
  node: AccessEvent;
};

export type AccessKind =
  | 'DENIAL'
  | 'EMERGENCY'
  | 'GRANT'
  | 'READ'
  | 'REQUEST';

export type AccessOutcome =
  | 'DENIED'
  | 'GRANTED'
  | 'REQUESTED';

/**
 * An access ticket (from AccessGranted or EmergencyAccessGranted): what the vault releases against, and what the
 * chain's logRead re-checks at every release.
 */
export type AccessTicket = {
  __typename?: 'AccessTicket';
  /** The record category it covers (emergency tickets cover every record of the patient). */
  category: Scalars['Int']['output'];
  /** The consent version it was granted under; 0 for emergency access. */
  consentVersion: Scalars['Int']['output'];
  emergency: Scalars['Boolean']['output'];
  /** When it stopped being usable (voidedAt or expiresAt); null while live. */
  endedAt: Maybe<Scalars['DateTime']['output']>;
  expiresAt: Scalars['DateTime']['output'];
  grantee: Scalars['Address']['output'];
  /** The grantee's registry role now (null once removed). */
  granteeRole: Maybe<Role>;
  id: Scalars['ID']['output'];
  issuedAt: Scalars['DateTime']['output'];
  /** The AccessGranted / EmergencyAccessGranted event that issued it. */
  issuedByEvent: Scalars['ID']['output'];
  patient: Scalars['Address']['output'];
  purpose: Purpose;
  /** The record it was issued for; null for a category-wide or an emergency ticket. */
  recordId: Maybe<Scalars['ID']['output']>;
  state: TicketState;
  voidReason: Maybe<TicketVoidReason>;
  voided: Scalars['Boolean']['output'];
  voidedAt: Maybe<Scalars['DateTime']['output']>;
  voidedAtBlock: Maybe<Scalars['Int']['output']>;
  /** The event (`${txHash}-${logIndex}`) that voided it: a revocation, re-grant, suspension or removal. */
  voidedByEvent: Maybe<Scalars['ID']['output']>;
  voidedByTx: Maybe<Scalars['String']['output']>;
};

/**
 * An accessor whose accesses (grants, denials, emergencies, reads; or `filter.kinds`) touched at least k distinct
 * patients in the window. Both numbers are noised and rounded to multiples of 5.
 */
export type Accessor = {
  __typename?: 'Accessor';
  accesses: Scalars['Int']['output'];
  actor: Scalars['Address']['output'];
  actorRole: Maybe<Role>;
  patients: Scalars['Int']['output'];
};

export type Alert = {
  __typename?: 'Alert';
  /** Why this event tripped the rule, in words. */
  detail: Scalars['String']['output'];
  event: AccessEvent;
  rule: AlertRule;
};

export type AlertFilter = {
  actor?: InputMaybe<Scalars['Address']['input']>;
  from?: InputMaybe<Scalars['DateTime']['input']>;
  patient?: InputMaybe<Scalars['Address']['input']>;
  rules?: InputMaybe<Array<AlertRule>>;
  to?: InputMaybe<Scalars['DateTime']['input']>;
};

/** Alerts of one rule by one actor on one patient within one UTC minute: a burst of the same access is one line. */
export type AlertGroup = {
  __typename?: 'AlertGroup';
  actor: Scalars['Address']['output'];
  /** How many alerts the group holds. */
  count: Scalars['Int']['output'];
  /** Why the latest event tripped the rule, in words. */
  detail: Scalars['String']['output'];
  latest: AccessEvent;
  /** The start of the UTC minute. */
  minute: Scalars['DateTime']['output'];
  patient: Scalars['Address']['output'];
  rule: AlertRule;
};

export type AlertGroupPage = {
  __typename?: 'AlertGroupPage';
  /** Alerts per rule over the whole filter, not only this page. */
  byRule: Array<AlertRuleCount>;
  /** True when a rule matched more than 10,000 alerts: the counts stop there; narrow the filter. */
  capped: Scalars['Boolean']['output'];
  groups: Array<AlertGroup>;
  totalAlerts: Scalars['Int']['output'];
  totalGroups: Scalars['Int']['output'];
};

export type AlertRule =
  | 'ACCESS_AFTER_REVOCATION'
  | 'AFTER_HOURS'
  | 'DENIED_ATTEMPT'
  | 'EMERGENCY_ACCESS'
  /** A read the chain logged at or after the expiry of the access ticket it used. */
  | 'READ_AFTER_EXPIRY'
  | 'UNUSUAL_VOLUME';

export type AlertRuleCount = {
  __typename?: 'AlertRuleCount';
  count: Scalars['Int']['output'];
  rule: AlertRule;
};

/**
 * De-identified aggregates under the disclosure policy (docs/disclosure-policy.md). Each new release spends the
 * caller's privacy budget (a grid: ε 1, the accessor list: ε 1); asking the same question again is free and returns
 * the same answer. When the budget is spent, fields fail with PRIVACY_BUDGET_EXHAUSTED.
 */
export type Analytics = {
  __typename?: 'Analytics';
  accesses: Array<AccessCount>;
  busiestAccessors: Array<Accessor>;
  consents: Array<ConsentCount>;
  denialRate: Rate;
  emergencyRate: Rate;
  /** The k-anonymity threshold: groups of fewer distinct patients are suppressed. */
  k: Scalars['Int']['output'];
  privacyBudget: PrivacyBudget;
  window: AnalyticsWindow;
};


/**
 * De-identified aggregates under the disclosure policy (docs/disclosure-policy.md). Each new release spends the
 * caller's privacy budget (a grid: ε 1, the accessor list: ε 1); asking the same question again is free and returns
 * the same answer. When the budget is spent, fields fail with PRIVACY_BUDGET_EXHAUSTED.
 */
export type AnalyticsAccessesArgs = {
  bucket?: InputMaybe<Bucket>;
};


/**
 * De-identified aggregates under the disclosure policy (docs/disclosure-policy.md). Each new release spends the
 * caller's privacy budget (a grid: ε 1, the accessor list: ε 1); asking the same question again is free and returns
 * the same answer. When the budget is spent, fields fail with PRIVACY_BUDGET_EXHAUSTED.
 */
export type AnalyticsBusiestAccessorsArgs = {
  first?: InputMaybe<Scalars['Int']['input']>;
};


/**
 * De-identified aggregates under the disclosure policy (docs/disclosure-policy.md). Each new release spends the
 * caller's privacy budget (a grid: ε 1, the accessor list: ε 1); asking the same question again is free and returns
 * the same answer. When the budget is spent, fields fail with PRIVACY_BUDGET_EXHAUSTED.
 */
export type AnalyticsConsentsArgs = {
  bucket?: InputMaybe<Bucket>;
};

/**
 * Which access events to count. `from`/`to` are snapped outwards to whole buckets (see `Analytics.window`).
 * `kinds` picks whole cells of the grid (it never re-counts a cell): GRANT, DENIAL, EMERGENCY, READ. REQUEST is not
 * published: every request has exactly one decision, so requests minus decisions would reveal suppressed cells.
 */
export type AnalyticsFilter = {
  from?: InputMaybe<Scalars['DateTime']['input']>;
  kinds?: InputMaybe<Array<AccessKind>>;
  to?: InputMaybe<Scalars['DateTime']['input']>;
};

/** The whole buckets an answer covers. */
export type AnalyticsWindow = {
  __typename?: 'AnalyticsWindow';
  bucket: Bucket;
  /** Inclusive start of the first bucket. */
  from: Scalars['DateTime']['output'];
  /** True when the last bucket is still receiving events: its cells are re-noised when new blocks arrive. */
  open: Scalars['Boolean']['output'];
  /** True when the requested from/to were moved outwards to bucket edges or clipped to the data. */
  snapped: Scalars['Boolean']['output'];
  /** Exclusive end of the last bucket (never past the bucket the indexer is in). */
  to: Scalars['DateTime']['output'];
};

export type AuditFilter = {
  actor?: InputMaybe<Scalars['Address']['input']>;
  /** Inclusive. */
  from?: InputMaybe<Scalars['DateTime']['input']>;
  kinds?: InputMaybe<Array<AccessKind>>;
  outcomes?: InputMaybe<Array<AccessOutcome>>;
  patient?: InputMaybe<Scalars['Address']['input']>;
  purposes?: InputMaybe<Array<Purpose>>;
  /** Exclusive. */
  to?: InputMaybe<Scalars['DateTime']['input']>;
};

/**
 * Grid buckets. Every answer is cut into one bucket size, the deployment's (`Analytics.window.bucket`, a week by
 * default): asking for a finer one is answered at the grid's size, so no two answers at different sizes can be differenced.
 */
export type Bucket =
  | 'DAY'
  | 'WEEK';

export type CareRecord = {
  __typename?: 'CareRecord';
  /** Access events naming this record (requests, grants, denials, reads), newest first; 1 to 500. */
  accesses: Array<AccessEvent>;
  category: Scalars['Int']['output'];
  /** The first version's id. */
  id: Scalars['ID']['output'];
  latest: RecordVersion;
  patient: Scalars['Address']['output'];
  versionCount: Scalars['Int']['output'];
  /** Oldest first (at most 100). */
  versions: Array<RecordVersion>;
};


export type CareRecordAccessesArgs = {
  first?: InputMaybe<Scalars['Int']['input']>;
};

/** Where an event sits on the chain. */
export type ChainPosition = {
  __typename?: 'ChainPosition';
  blockNumber: Scalars['Int']['output'];
  blockTimestamp: Scalars['DateTime']['output'];
  logIndex: Scalars['Int']['output'];
  txHash: Scalars['String']['output'];
};

export type Consent = {
  __typename?: 'Consent';
  expiresAt: Scalars['DateTime']['output'];
  grantee: Scalars['Address']['output'];
  /** Granted, not revoked and not expired now. */
  live: Scalars['Boolean']['output'];
  patient: Scalars['Address']['output'];
  purpose: Purpose;
  /** Bitmask of record categories (bit n = category n). */
  scope: Scalars['Int']['output'];
  updatedAt: Scalars['DateTime']['output'];
  version: Scalars['Int']['output'];
};

export type ConsentAction =
  | 'GRANTED'
  | 'REVOKED';

/** One cell of the consent grid: bucket x action, published like `AccessCount`. */
export type ConsentCount = {
  __typename?: 'ConsentCount';
  action: ConsentAction;
  bucketStart: Scalars['DateTime']['output'];
  count: Maybe<Scalars['Int']['output']>;
  patients: Maybe<Scalars['Int']['output']>;
  suppressed: Scalars['Boolean']['output'];
};

/** A patient's latest consent to the signed-in account, with the records it lets that account check. */
export type ConsentToMe = {
  __typename?: 'ConsentToMe';
  expiresAt: Scalars['DateTime']['output'];
  /** Granted, not revoked and not expired. */
  live: Scalars['Boolean']['output'];
  patient: Scalars['Address']['output'];
  purpose: Purpose;
  /** The patient's records in the consent's scope, newest first, at most 20; empty once the consent is not live. */
  records: Array<CareRecord>;
  /** Revoked by the patient (false for a grant that simply expired). */
  revoked: Scalars['Boolean']['output'];
  scope: Scalars['Int']['output'];
  /** When the consent last changed (granted or revoked). */
  updatedAt: Scalars['DateTime']['output'];
  version: Scalars['Int']['output'];
};

export type ConsentVersion = {
  __typename?: 'ConsentVersion';
  action: ConsentAction;
  expiresAt: Scalars['DateTime']['output'];
  grantee: Scalars['Address']['output'];
  patient: Scalars['Address']['output'];
  position: ChainPosition;
  purpose: Purpose;
  scope: Scalars['Int']['output'];
  version: Scalars['Int']['output'];
  /** True when a relayer submitted the patient's EIP-712 signature. */
  viaSignature: Scalars['Boolean']['output'];
};

export type ContractInfo = {
  __typename?: 'ContractInfo';
  address: Maybe<Scalars['Address']['output']>;
  chainId: Maybe<Scalars['Int']['output']>;
  /** The last block whose events the API can see. */
  indexedHeight: Maybe<Scalars['Int']['output']>;
  /** What the indexer's runner reports (every second): whether answers are up to date, and why not. */
  indexer: IndexerStatus;
  indexerHealthy: Scalars['Boolean']['output'];
};

/** One grantee's tickets for the patient: those usable now, and those that ended recently, with why. */
export type GranteeAccess = {
  __typename?: 'GranteeAccess';
  /** True while at least one ticket is live. */
  canReadNow: Scalars['Boolean']['output'];
  endedCount: Scalars['Int']['output'];
  grantee: Scalars['Address']['output'];
  granteeRole: Maybe<Role>;
  /** Live tickets, the latest expiry first (at most 10; `liveCount` says how many there are). */
  live: Array<AccessTicket>;
  liveCount: Scalars['Int']['output'];
  /** Tickets that expired or were voided within the window, the most recently ended first (at most 10 of `endedCount`). */
  recentlyEnded: Array<AccessTicket>;
};

/** Where the indexer stands, as its runner last reported it. */
export type IndexerState =
  | 'CATCHING_UP'
  | 'CHAIN_UNREACHABLE'
  | 'DATABASE_UNREACHABLE'
  /** The SubQuery node kept failing; `reason` says what to run. */
  | 'FAILED'
  | 'FOLLOWING'
  /** Re-indexing after a reorg deeper than INDEXER_REORG_DEPTH. */
  | 'REINDEXING'
  /** Rolling back blocks the chain replaced. */
  | 'REORG'
  /** The runner has not reported for 15 s (not running, or stuck). */
  | 'SILENT'
  | 'STARTING'
  | 'STOPPED'
  /** No runner has reported for this schema yet. */
  | 'UNKNOWN';

export type IndexerStatus = {
  __typename?: 'IndexerStatus';
  /** The chain's head when the runner last read it (null if it never could). */
  chainHead: Maybe<Scalars['Int']['output']>;
  /** True when the indexer follows the chain and is at most a few blocks behind: answers are current. */
  healthy: Scalars['Boolean']['output'];
  /** chainHead - lastProcessedHeight. */
  lagBlocks: Maybe<Scalars['Int']['output']>;
  /** The last block whose events are in the tables. */
  lastProcessedHeight: Maybe<Scalars['Int']['output']>;
  /** Why it is not healthy, in words for an operator; null when healthy. */
  reason: Maybe<Scalars['String']['output']>;
  reportedAt: Maybe<Scalars['DateTime']['output']>;
  state: IndexerState;
};

export type PageInfo = {
  __typename?: 'PageInfo';
  /** Pass as `after` to read the next page. */
  endCursor: Maybe<Scalars['String']['output']>;
  hasNextPage: Scalars['Boolean']['output'];
};

/** The caller's privacy budget (differential privacy, ε) for the current UTC day. */
export type PrivacyBudget = {
  __typename?: 'PrivacyBudget';
  epsilonRemaining: Scalars['Float']['output'];
  epsilonSpent: Scalars['Float']['output'];
  epsilonTotal: Scalars['Float']['output'];
  resetsAt: Scalars['DateTime']['output'];
};

export type Purpose =
  | 'EMERGENCY'
  | 'NONE'
  | 'PAYMENT'
  | 'RESEARCH'
  | 'TREATMENT';

export type Query = {
  __typename?: 'Query';
  /** Alerts grouped by rule, actor, patient and minute, newest first; `first` 1 to 100, `offset` pages on. */
  alertGroups: AlertGroupPage;
  /** Access events that tripped an alert rule (api/README.md states the rules), newest first, up to 500. */
  alerts: Array<Alert>;
  /** De-identified aggregates: whole buckets, small groups suppressed, noise, a per-caller privacy budget. */
  analytics: Analytics;
  /** The audit trail ordered by block time (newest first unless order: ASC). Up to 200 per page. */
  auditTimeline: AccessEventConnection;
  /** The consent version in force at a block or an instant (give exactly one); null when none had been given yet. */
  consentAsOf: Maybe<ConsentVersion>;
  /** Every grant and revocation, oldest first; narrow to one grantee with `grantee`. */
  consentHistory: Array<ConsentVersion>;
  /** The latest consent per grantee (live or not). */
  consents: Array<Consent>;
  /** Consents patients gave the signed-in provider or insurer (live or not), newest first, at most 50; `purposes` narrows them. */
  consentsToMe: Array<ConsentToMe>;
  /** Public: which deployment this API serves and how far the indexer has got. */
  contract: ContractInfo;
  /**
   * One page of the audit trail as a FHIR R4 searchset Bundle: one AuditEvent per access decision and per read (IHE BALP
   * AuthZconsent and PatientRead; see the API README's mapping table), oldest first, with the resources they refer to.
   * `total` counts every matching AuditEvent; follow `link` next (GET /export/fhir/AuditEvent) or pass its `cursor` as
   * `after`. Up to 200 per page.
   */
  fhirAuditEvents: Scalars['JSON']['output'];
  /** A patient's granted consents as a FHIR R4 collection Bundle of Consent resources, each with its status at export time. */
  fhirConsents: Scalars['JSON']['output'];
  /** A record's versions as a FHIR R4 collection Bundle of Provenance resources and the DocumentReferences they sign. */
  fhirProvenance: Scalars['JSON']['output'];
  /** Provenance of one record; `id` may be any of its versions' ids. */
  record: Maybe<CareRecord>;
  /** A patient's records, most recently updated first; 1 to 200. */
  records: Array<CareRecord>;
  /** Who the session belongs to and the roles the registry gives them now. */
  viewer: Viewer;
  /**
   * Who can still read the patient's data: per grantee, the tickets live now and those ended within the last
   * `endedWithinDays` (1 to 365); grantees who can read now first, then the most recently ended; 1 to 100 grantees.
   */
  whoCanRead: Array<GranteeAccess>;
};


export type QueryAlertGroupsArgs = {
  filter?: InputMaybe<AlertFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  offset?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryAlertsArgs = {
  filter?: InputMaybe<AlertFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryAnalyticsArgs = {
  filter?: InputMaybe<AnalyticsFilter>;
};


export type QueryAuditTimelineArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<AuditFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  order?: InputMaybe<SortOrder>;
};


export type QueryConsentAsOfArgs = {
  block?: InputMaybe<Scalars['Int']['input']>;
  grantee: Scalars['Address']['input'];
  patient: Scalars['Address']['input'];
  time?: InputMaybe<Scalars['DateTime']['input']>;
};


export type QueryConsentHistoryArgs = {
  grantee?: InputMaybe<Scalars['Address']['input']>;
  patient: Scalars['Address']['input'];
};


export type QueryConsentsArgs = {
  patient: Scalars['Address']['input'];
};


export type QueryConsentsToMeArgs = {
  purposes?: InputMaybe<Array<Purpose>>;
};


export type QueryFhirAuditEventsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<AuditFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryFhirConsentsArgs = {
  patient: Scalars['Address']['input'];
};


export type QueryFhirProvenanceArgs = {
  record: Scalars['ID']['input'];
};


export type QueryRecordArgs = {
  id: Scalars['ID']['input'];
};


export type QueryRecordsArgs = {
  first?: InputMaybe<Scalars['Int']['input']>;
  patient: Scalars['Address']['input'];
};


export type QueryWhoCanReadArgs = {
  endedWithinDays?: InputMaybe<Scalars['Int']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  patient: Scalars['Address']['input'];
};

/**
 * A share of access decisions computed from the published cells of the grid only (suppressed cells count in neither
 * part), so comparing two rates says nothing the cells do not. Suppressed unless both parts include a published cell.
 */
export type Rate = {
  __typename?: 'Rate';
  denominator: Maybe<Scalars['Int']['output']>;
  numerator: Maybe<Scalars['Int']['output']>;
  suppressed: Scalars['Boolean']['output'];
  /** 0..1; null when suppressed or there were no decisions. */
  value: Maybe<Scalars['Float']['output']>;
};

export type RecordVersion = {
  __typename?: 'RecordVersion';
  author: Scalars['Address']['output'];
  /** The consent version in force for the author when this version was written; null when the patient wrote it. */
  authorisingConsent: Maybe<ConsentVersion>;
  category: Scalars['Int']['output'];
  contentHash: Scalars['String']['output'];
  contentId: Scalars['String']['output'];
  fieldsRoot: Scalars['String']['output'];
  /** The on-chain record id of this version. */
  id: Scalars['ID']['output'];
  position: ChainPosition;
  signature: Scalars['String']['output'];
  /** The author's EIP-712 signature recovers to the author over the indexed fields (null when the API was started without the deployment). */
  signatureValid: Maybe<Scalars['Boolean']['output']>;
  supersededById: Maybe<Scalars['ID']['output']>;
  supersedesId: Maybe<Scalars['ID']['output']>;
  version: Scalars['Int']['output'];
};

export type Role =
  | 'AUDITOR'
  | 'GOVERNANCE'
  | 'INSURER'
  | 'PATIENT'
  | 'PROVIDER'
  | 'RESEARCHER';

export type SortOrder =
  | 'ASC'
  | 'DESC';

export type Subscription = {
  __typename?: 'Subscription';
  /**
   * Access events as the indexer writes them; auditors may omit `patient` to follow everyone. With `afterBlock` (the
   * indexed height a client's snapshot was read at), the events indexed past it come first (at most 100), so nothing
   * indexed between the snapshot and the subscription is missed.
   */
  auditEvents: AccessEvent;
};


export type SubscriptionAuditEventsArgs = {
  afterBlock?: InputMaybe<Scalars['Int']['input']>;
  patient?: InputMaybe<Scalars['Address']['input']>;
};

export type TicketState =
  | 'EXPIRED'
  /** Not expired and not voided: the grantee can read what it covers now. */
  | 'LIVE'
  | 'VOIDED';

/** Why a ticket stopped being usable before its expiry; the chain's logRead refuses it from that block on. */
export type TicketVoidReason =
  /** The patient gave the grantee a new consent, which replaces the one the ticket was issued under. */
  | 'CONSENT_REPLACED'
  /** The patient revoked the consent the ticket was issued under. */
  | 'CONSENT_REVOKED'
  /** Governance suspended the provider (emergency tickets too). */
  | 'PROVIDER_SUSPENDED'
  /** Governance removed the third party (insurer, researcher, auditor). */
  | 'THIRD_PARTY_REMOVED';

export type Viewer = {
  __typename?: 'Viewer';
  address: Scalars['Address']['output'];
  roles: Array<Role>;
  sessionExpiresAt: Scalars['DateTime']['output'];
};



export type ResolverTypeWrapper<T> = Promise<T> | T;


export type ResolverWithResolve<TResult, TParent, TContext, TArgs> = {
  resolve: ResolverFn<TResult, TParent, TContext, TArgs>;
};
export type Resolver<TResult, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = ResolverFn<TResult, TParent, TContext, TArgs> | ResolverWithResolve<TResult, TParent, TContext, TArgs>;

export type ResolverFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => Promise<TResult> | TResult;

export type SubscriptionSubscribeFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => AsyncIterable<TResult> | Promise<AsyncIterable<TResult>>;

export type SubscriptionResolveFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;

export interface SubscriptionSubscriberObject<TResult, TKey extends string, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<{ [key in TKey]: TResult }, TParent, TContext, TArgs>;
  resolve?: SubscriptionResolveFn<TResult, { [key in TKey]: TResult }, TContext, TArgs>;
}

export interface SubscriptionResolverObject<TResult, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<any, TParent, TContext, TArgs>;
  resolve: SubscriptionResolveFn<TResult, any, TContext, TArgs>;
}

export type SubscriptionObject<TResult, TKey extends string, TParent, TContext, TArgs> =
  | SubscriptionSubscriberObject<TResult, TKey, TParent, TContext, TArgs>
  | SubscriptionResolverObject<TResult, TParent, TContext, TArgs>;

export type SubscriptionResolver<TResult, TKey extends string, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> =
  | ((...args: any[]) => SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>)
  | SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>;

export type TypeResolveFn<TTypes, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (
  parent: TParent,
  context: TContext,
  info: GraphQLResolveInfo
) => Maybe<TTypes> | Promise<Maybe<TTypes>>;

export type IsTypeOfResolverFn<T = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (obj: T, context: TContext, info: GraphQLResolveInfo) => boolean | Promise<boolean>;

export type NextResolverFn<T> = () => Promise<T>;

export type DirectiveResolverFn<TResult = Record<PropertyKey, never>, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = (
  next: NextResolverFn<TResult>,
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;





/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = {
  AccessCount: ResolverTypeWrapper<Partial<AccessCount>>;
  AccessEvent: ResolverTypeWrapper<AccessEventParent>;
  AccessEventConnection: ResolverTypeWrapper<Partial<Omit<AccessEventConnection, 'edges'> & { edges: Array<ResolversTypes['AccessEventEdge']> }>>;
  AccessEventEdge: ResolverTypeWrapper<Partial<Omit<AccessEventEdge, 'node'> & { node: ResolversTypes['AccessEvent'] }>>;
  AccessKind: ResolverTypeWrapper<Partial<AccessKind>>;
  AccessOutcome: ResolverTypeWrapper<Partial<AccessOutcome>>;
  AccessTicket: ResolverTypeWrapper<Partial<AccessTicket>>;
  Accessor: ResolverTypeWrapper<Partial<Accessor>>;
  Address: ResolverTypeWrapper<Partial<Scalars['Address']['output']>>;
  Alert: ResolverTypeWrapper<Partial<Omit<Alert, 'event'> & { event: ResolversTypes['AccessEvent'] }>>;
  AlertFilter: ResolverTypeWrapper<Partial<AlertFilter>>;
  AlertGroup: ResolverTypeWrapper<Partial<Omit<AlertGroup, 'latest'> & { latest: ResolversTypes['AccessEvent'] }>>;
  AlertGroupPage: ResolverTypeWrapper<Partial<Omit<AlertGroupPage, 'groups'> & { groups: Array<ResolversTypes['AlertGroup']> }>>;
  AlertRule: ResolverTypeWrapper<Partial<AlertRule>>;
  AlertRuleCount: ResolverTypeWrapper<Partial<AlertRuleCount>>;
  Analytics: ResolverTypeWrapper<AnalyticsParent>;
  AnalyticsFilter: ResolverTypeWrapper<Partial<AnalyticsFilter>>;
  AnalyticsWindow: ResolverTypeWrapper<Partial<AnalyticsWindow>>;
  AuditFilter: ResolverTypeWrapper<Partial<AuditFilter>>;
  Boolean: ResolverTypeWrapper<Partial<Scalars['Boolean']['output']>>;
  Bucket: ResolverTypeWrapper<Partial<Bucket>>;
  CareRecord: ResolverTypeWrapper<RecordParent>;
  ChainPosition: ResolverTypeWrapper<Partial<ChainPosition>>;
  Consent: ResolverTypeWrapper<Partial<Consent>>;
  ConsentAction: ResolverTypeWrapper<Partial<ConsentAction>>;
  ConsentCount: ResolverTypeWrapper<Partial<ConsentCount>>;
  ConsentToMe: ResolverTypeWrapper<Partial<Omit<ConsentToMe, 'records'> & { records: Array<ResolversTypes['CareRecord']> }>>;
  ConsentVersion: ResolverTypeWrapper<Partial<ConsentVersion>>;
  ContractInfo: ResolverTypeWrapper<Partial<ContractInfo>>;
  DateTime: ResolverTypeWrapper<Partial<Scalars['DateTime']['output']>>;
  Float: ResolverTypeWrapper<Partial<Scalars['Float']['output']>>;
  GranteeAccess: ResolverTypeWrapper<Partial<GranteeAccess>>;
  ID: ResolverTypeWrapper<Partial<Scalars['ID']['output']>>;
  IndexerState: ResolverTypeWrapper<Partial<IndexerState>>;
  IndexerStatus: ResolverTypeWrapper<Partial<IndexerStatus>>;
  Int: ResolverTypeWrapper<Partial<Scalars['Int']['output']>>;
  JSON: ResolverTypeWrapper<Partial<Scalars['JSON']['output']>>;
  PageInfo: ResolverTypeWrapper<Partial<PageInfo>>;
  PrivacyBudget: ResolverTypeWrapper<Partial<PrivacyBudget>>;
  Purpose: ResolverTypeWrapper<Partial<Purpose>>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Rate: ResolverTypeWrapper<Partial<Rate>>;
  RecordVersion: ResolverTypeWrapper<RecordVersionParent>;
  Role: ResolverTypeWrapper<Partial<Role>>;
  SortOrder: ResolverTypeWrapper<Partial<SortOrder>>;
  String: ResolverTypeWrapper<Partial<Scalars['String']['output']>>;
  Subscription: ResolverTypeWrapper<Record<PropertyKey, never>>;
  TicketState: ResolverTypeWrapper<Partial<TicketState>>;
  TicketVoidReason: ResolverTypeWrapper<Partial<TicketVoidReason>>;
  Viewer: ResolverTypeWrapper<Partial<Viewer>>;
};

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = {
  AccessCount: Partial<AccessCount>;
  AccessEvent: AccessEventParent;
  AccessEventConnection: Partial<Omit<AccessEventConnection, 'edges'> & { edges: Array<ResolversParentTypes['AccessEventEdge']> }>;
  AccessEventEdge: Partial<Omit<AccessEventEdge, 'node'> & { node: ResolversParentTypes['AccessEvent'] }>;
  AccessTicket: Partial<AccessTicket>;
  Accessor: Partial<Accessor>;
  Address: Partial<Scalars['Address']['output']>;
  Alert: Partial<Omit<Alert, 'event'> & { event: ResolversParentTypes['AccessEvent'] }>;
  AlertFilter: Partial<AlertFilter>;
  AlertGroup: Partial<Omit<AlertGroup, 'latest'> & { latest: ResolversParentTypes['AccessEvent'] }>;
  AlertGroupPage: Partial<Omit<AlertGroupPage, 'groups'> & { groups: Array<ResolversParentTypes['AlertGroup']> }>;
  AlertRuleCount: Partial<AlertRuleCount>;
  Analytics: AnalyticsParent;
  AnalyticsFilter: Partial<AnalyticsFilter>;
  AnalyticsWindow: Partial<AnalyticsWindow>;
  AuditFilter: Partial<AuditFilter>;
  Boolean: Partial<Scalars['Boolean']['output']>;
  CareRecord: RecordParent;
  ChainPosition: Partial<ChainPosition>;
  Consent: Partial<Consent>;
  ConsentCount: Partial<ConsentCount>;
  ConsentToMe: Partial<Omit<ConsentToMe, 'records'> & { records: Array<ResolversParentTypes['CareRecord']> }>;
  ConsentVersion: Partial<ConsentVersion>;
  ContractInfo: Partial<ContractInfo>;
  DateTime: Partial<Scalars['DateTime']['output']>;
  Float: Partial<Scalars['Float']['output']>;
  GranteeAccess: Partial<GranteeAccess>;
  ID: Partial<Scalars['ID']['output']>;
  IndexerStatus: Partial<IndexerStatus>;
  Int: Partial<Scalars['Int']['output']>;
  JSON: Partial<Scalars['JSON']['output']>;
  PageInfo: Partial<PageInfo>;
  PrivacyBudget: Partial<PrivacyBudget>;
  Query: Record<PropertyKey, never>;
  Rate: Partial<Rate>;
  RecordVersion: RecordVersionParent;
  String: Partial<Scalars['String']['output']>;
  Subscription: Record<PropertyKey, never>;
  Viewer: Partial<Viewer>;
};

export type AuthDirectiveArgs = {
  patient?: Maybe<Scalars['String']['input']>;
  record?: Maybe<Scalars['String']['input']>;
  roles: Array<Role>;
};

export type AuthDirectiveResolver<Result, Parent, ContextType = ApiContext, Args = AuthDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type PublicDirectiveArgs = { };

export type PublicDirectiveResolver<Result, Parent, ContextType = ApiContext, Args = PublicDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type SignedInDirectiveArgs = { };

export type SignedInDirectiveResolver<Result, Parent, ContextType = ApiContext, Args = SignedInDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type AccessCountResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['AccessCount'] = ResolversParentTypes['AccessCount']> = {
  actorRole?: Resolver<Maybe<ResolversTypes['Role']>, ParentType, ContextType>;
  bucketStart?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  count?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['AccessKind'], ParentType, ContextType>;
  outcome?: Resolver<ResolversTypes['AccessOutcome'], ParentType, ContextType>;
  patients?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  suppressed?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
};

export type AccessEventResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['AccessEvent'] = ResolversParentTypes['AccessEvent']> = {
  actor?: Resolver<ResolversTypes['Address'], ParentType, ContextType>;
  actorRole?: Resolver<Maybe<ResolversTypes['Role']>, ParentType, ContextType>;
  category?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  denialReason?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  emergencyReasonCode?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  expiresAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['AccessKind'], ParentType, ContextType>;
  outcome?: Resolver<ResolversTypes['AccessOutcome'], ParentType, ContextType>;
  patient?: Resolver<ResolversTypes['Address'], ParentType, ContextType>;
  position?: Resolver<ResolversTypes['ChainPosition'], ParentType, ContextType>;
  purpose?: Resolver<ResolversTypes['Purpose'], ParentType, ContextType>;
  recordId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  ticket?: Resolver<Maybe<ResolversTypes['AccessTicket']>, ParentType, ContextType>;
  ticketId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
};

export type AccessEventConnectionResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['AccessEventConnection'] = ResolversParentTypes['AccessEventConnection']> = {
  edges?: Resolver<Array<ResolversTypes['AccessEventEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  totalCountCapped?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
};

export type AccessEventEdgeResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['AccessEventEdge'] = ResolversParentTypes['AccessEventEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['AccessEvent'], ParentType, ContextType>;
};

export type AccessTicketResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['AccessTicket'] = ResolversParentTypes['AccessTicket']> = {
  category?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  consentVersion?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  emergency?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  endedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  expiresAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  grantee?: Resolver<ResolversTypes['Address'], ParentType, ContextType>;
  granteeRole?: Resolver<Maybe<ResolversTypes['Role']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  issuedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  issuedByEvent?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  patient?: Resolver<ResolversTypes['Address'], ParentType, ContextType>;
  purpose?: Resolver<ResolversTypes['Purpose'], ParentType, ContextType>;
  recordId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  state?: Resolver<ResolversTypes['TicketState'], ParentType, ContextType>;
  voidReason?: Resolver<Maybe<ResolversTypes['TicketVoidReason']>, ParentType, ContextType>;
  voided?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  voidedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  voidedAtBlock?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  voidedByEvent?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  voidedByTx?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type AccessorResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['Accessor'] = ResolversParentTypes['Accessor']> = {
  accesses?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  actor?: Resolver<ResolversTypes['Address'], ParentType, ContextType>;
  actorRole?: Resolver<Maybe<ResolversTypes['Role']>, ParentType, ContextType>;
  patients?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export interface AddressScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['Address'], any> {
  name: 'Address';
}

export type AlertResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['Alert'] = ResolversParentTypes['Alert']> = {
  detail?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  event?: Resolver<ResolversTypes['AccessEvent'], ParentType, ContextType>;
  rule?: Resolver<ResolversTypes['AlertRule'], ParentType, ContextType>;
};

export type AlertGroupResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['AlertGroup'] = ResolversParentTypes['AlertGroup']> = {
  actor?: Resolver<ResolversTypes['Address'], ParentType, ContextType>;
  count?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  detail?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  latest?: Resolver<ResolversTypes['AccessEvent'], ParentType, ContextType>;
  minute?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  patient?: Resolver<ResolversTypes['Address'], ParentType, ContextType>;
  rule?: Resolver<ResolversTypes['AlertRule'], ParentType, ContextType>;
};

export type AlertGroupPageResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['AlertGroupPage'] = ResolversParentTypes['AlertGroupPage']> = {
  byRule?: Resolver<Array<ResolversTypes['AlertRuleCount']>, ParentType, ContextType>;
  capped?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  groups?: Resolver<Array<ResolversTypes['AlertGroup']>, ParentType, ContextType>;
  totalAlerts?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  totalGroups?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type AlertRuleCountResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['AlertRuleCount'] = ResolversParentTypes['AlertRuleCount']> = {
  count?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  rule?: Resolver<ResolversTypes['AlertRule'], ParentType, ContextType>;
};

export type AnalyticsResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['Analytics'] = ResolversParentTypes['Analytics']> = {
  accesses?: Resolver<Array<ResolversTypes['AccessCount']>, ParentType, ContextType, RequireFields<AnalyticsAccessesArgs, 'bucket'>>;
  busiestAccessors?: Resolver<Array<ResolversTypes['Accessor']>, ParentType, ContextType, RequireFields<AnalyticsBusiestAccessorsArgs, 'first'>>;
  consents?: Resolver<Array<ResolversTypes['ConsentCount']>, ParentType, ContextType, RequireFields<AnalyticsConsentsArgs, 'bucket'>>;
  denialRate?: Resolver<ResolversTypes['Rate'], ParentType, ContextType>;
  emergencyRate?: Resolver<ResolversTypes['Rate'], ParentType, ContextType>;
  k?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  privacyBudget?: Resolver<ResolversTypes['PrivacyBudget'], ParentType, ContextType>;
  window?: Resolver<ResolversTypes['AnalyticsWindow'], ParentType, ContextType>;
};

export type AnalyticsWindowResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['AnalyticsWindow'] = ResolversParentTypes['AnalyticsWindow']> = {
  bucket?: Resolver<ResolversTypes['Bucket'], ParentType, ContextType>;
  from?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  open?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  snapped?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  to?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
};

export type CareRecordResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['CareRecord'] = ResolversParentTypes['CareRecord']> = {
  accesses?: Resolver<Array<ResolversTypes['AccessEvent']>, ParentType, ContextType, RequireFields<CareRecordAccessesArgs, 'first'>>;
  category?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  latest?: Resolver<ResolversTypes['RecordVersion'], ParentType, ContextType>;
  patient?: Resolver<ResolversTypes['Address'], ParentType, ContextType>;
  versionCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  versions?: Resolver<Array<ResolversTypes['RecordVersion']>, ParentType, ContextType>;
};

export type ChainPositionResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['ChainPosition'] = ResolversParentTypes['ChainPosition']> = {
  blockNumber?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  blockTimestamp?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  logIndex?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  txHash?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type ConsentResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['Consent'] = ResolversParentTypes['Consent']> = {
  expiresAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  grantee?: Resolver<ResolversTypes['Address'], ParentType, ContextType>;
  live?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  patient?: Resolver<ResolversTypes['Address'], ParentType, ContextType>;
  purpose?: Resolver<ResolversTypes['Purpose'], ParentType, ContextType>;
  scope?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  updatedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  version?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type ConsentCountResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['ConsentCount'] = ResolversParentTypes['ConsentCount']> = {
  action?: Resolver<ResolversTypes['ConsentAction'], ParentType, ContextType>;
  bucketStart?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  count?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  patients?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  suppressed?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
};

export type ConsentToMeResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['ConsentToMe'] = ResolversParentTypes['ConsentToMe']> = {
  expiresAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  live?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  patient?: Resolver<ResolversTypes['Address'], ParentType, ContextType>;
  purpose?: Resolver<ResolversTypes['Purpose'], ParentType, ContextType>;
  records?: Resolver<Array<ResolversTypes['CareRecord']>, ParentType, ContextType>;
  revoked?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  scope?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  updatedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  version?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type ConsentVersionResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['ConsentVersion'] = ResolversParentTypes['ConsentVersion']> = {
  action?: Resolver<ResolversTypes['ConsentAction'], ParentType, ContextType>;
  expiresAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  grantee?: Resolver<ResolversTypes['Address'], ParentType, ContextType>;
  patient?: Resolver<ResolversTypes['Address'], ParentType, ContextType>;
  position?: Resolver<ResolversTypes['ChainPosition'], ParentType, ContextType>;
  purpose?: Resolver<ResolversTypes['Purpose'], ParentType, ContextType>;
  scope?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  version?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  viaSignature?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
};

export type ContractInfoResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['ContractInfo'] = ResolversParentTypes['ContractInfo']> = {
  address?: Resolver<Maybe<ResolversTypes['Address']>, ParentType, ContextType>;
  chainId?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  indexedHeight?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  indexer?: Resolver<ResolversTypes['IndexerStatus'], ParentType, ContextType>;
  indexerHealthy?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
};

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export type GranteeAccessResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['GranteeAccess'] = ResolversParentTypes['GranteeAccess']> = {
  canReadNow?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  endedCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  grantee?: Resolver<ResolversTypes['Address'], ParentType, ContextType>;
  granteeRole?: Resolver<Maybe<ResolversTypes['Role']>, ParentType, ContextType>;
  live?: Resolver<Array<ResolversTypes['AccessTicket']>, ParentType, ContextType>;
  liveCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  recentlyEnded?: Resolver<Array<ResolversTypes['AccessTicket']>, ParentType, ContextType>;
};

export type IndexerStatusResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['IndexerStatus'] = ResolversParentTypes['IndexerStatus']> = {
  chainHead?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  healthy?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  lagBlocks?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  lastProcessedHeight?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  reason?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  reportedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  state?: Resolver<ResolversTypes['IndexerState'], ParentType, ContextType>;
};

export interface JsonScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['JSON'], any> {
  name: 'JSON';
}

export type PageInfoResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['PageInfo'] = ResolversParentTypes['PageInfo']> = {
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
};

export type PrivacyBudgetResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['PrivacyBudget'] = ResolversParentTypes['PrivacyBudget']> = {
  epsilonRemaining?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  epsilonSpent?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  epsilonTotal?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  resetsAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
};

export type QueryResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = {
  alertGroups?: Resolver<ResolversTypes['AlertGroupPage'], ParentType, ContextType, RequireFields<QueryAlertGroupsArgs, 'first' | 'offset'>>;
  alerts?: Resolver<Array<ResolversTypes['Alert']>, ParentType, ContextType, RequireFields<QueryAlertsArgs, 'first'>>;
  analytics?: Resolver<ResolversTypes['Analytics'], ParentType, ContextType, Partial<QueryAnalyticsArgs>>;
  auditTimeline?: Resolver<ResolversTypes['AccessEventConnection'], ParentType, ContextType, RequireFields<QueryAuditTimelineArgs, 'first' | 'order'>>;
  consentAsOf?: Resolver<Maybe<ResolversTypes['ConsentVersion']>, ParentType, ContextType, RequireFields<QueryConsentAsOfArgs, 'grantee' | 'patient'>>;
  consentHistory?: Resolver<Array<ResolversTypes['ConsentVersion']>, ParentType, ContextType, RequireFields<QueryConsentHistoryArgs, 'patient'>>;
  consents?: Resolver<Array<ResolversTypes['Consent']>, ParentType, ContextType, RequireFields<QueryConsentsArgs, 'patient'>>;
  consentsToMe?: Resolver<Array<ResolversTypes['ConsentToMe']>, ParentType, ContextType, Partial<QueryConsentsToMeArgs>>;
  contract?: Resolver<ResolversTypes['ContractInfo'], ParentType, ContextType>;
  fhirAuditEvents?: Resolver<ResolversTypes['JSON'], ParentType, ContextType, RequireFields<QueryFhirAuditEventsArgs, 'first'>>;
  fhirConsents?: Resolver<ResolversTypes['JSON'], ParentType, ContextType, RequireFields<QueryFhirConsentsArgs, 'patient'>>;
  fhirProvenance?: Resolver<ResolversTypes['JSON'], ParentType, ContextType, RequireFields<QueryFhirProvenanceArgs, 'record'>>;
  record?: Resolver<Maybe<ResolversTypes['CareRecord']>, ParentType, ContextType, RequireFields<QueryRecordArgs, 'id'>>;
  records?: Resolver<Array<ResolversTypes['CareRecord']>, ParentType, ContextType, RequireFields<QueryRecordsArgs, 'first' | 'patient'>>;
  viewer?: Resolver<ResolversTypes['Viewer'], ParentType, ContextType>;
  whoCanRead?: Resolver<Array<ResolversTypes['GranteeAccess']>, ParentType, ContextType, RequireFields<QueryWhoCanReadArgs, 'endedWithinDays' | 'first' | 'patient'>>;
};

export type RateResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['Rate'] = ResolversParentTypes['Rate']> = {
  denominator?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  numerator?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  suppressed?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  value?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
};

export type RecordVersionResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['RecordVersion'] = ResolversParentTypes['RecordVersion']> = {
  author?: Resolver<ResolversTypes['Address'], ParentType, ContextType>;
  authorisingConsent?: Resolver<Maybe<ResolversTypes['ConsentVersion']>, ParentType, ContextType>;
  category?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  contentHash?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  contentId?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  fieldsRoot?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  position?: Resolver<ResolversTypes['ChainPosition'], ParentType, ContextType>;
  signature?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  signatureValid?: Resolver<Maybe<ResolversTypes['Boolean']>, ParentType, ContextType>;
  supersededById?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  supersedesId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  version?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type SubscriptionResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['Subscription'] = ResolversParentTypes['Subscription']> = {
  auditEvents?: SubscriptionResolver<ResolversTypes['AccessEvent'], "auditEvents", ParentType, ContextType, Partial<SubscriptionAuditEventsArgs>>;
};

export type ViewerResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['Viewer'] = ResolversParentTypes['Viewer']> = {
  address?: Resolver<ResolversTypes['Address'], ParentType, ContextType>;
  roles?: Resolver<Array<ResolversTypes['Role']>, ParentType, ContextType>;
  sessionExpiresAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
};

export type Resolvers<ContextType = ApiContext> = {
  AccessCount?: AccessCountResolvers<ContextType>;
  AccessEvent?: AccessEventResolvers<ContextType>;
  AccessEventConnection?: AccessEventConnectionResolvers<ContextType>;
  AccessEventEdge?: AccessEventEdgeResolvers<ContextType>;
  AccessTicket?: AccessTicketResolvers<ContextType>;
  Accessor?: AccessorResolvers<ContextType>;
  Address?: GraphQLScalarType;
  Alert?: AlertResolvers<ContextType>;
  AlertGroup?: AlertGroupResolvers<ContextType>;
  AlertGroupPage?: AlertGroupPageResolvers<ContextType>;
  AlertRuleCount?: AlertRuleCountResolvers<ContextType>;
  Analytics?: AnalyticsResolvers<ContextType>;
  AnalyticsWindow?: AnalyticsWindowResolvers<ContextType>;
  CareRecord?: CareRecordResolvers<ContextType>;
  ChainPosition?: ChainPositionResolvers<ContextType>;
  Consent?: ConsentResolvers<ContextType>;
  ConsentCount?: ConsentCountResolvers<ContextType>;
  ConsentToMe?: ConsentToMeResolvers<ContextType>;
  ConsentVersion?: ConsentVersionResolvers<ContextType>;
  ContractInfo?: ContractInfoResolvers<ContextType>;
  DateTime?: GraphQLScalarType;
  GranteeAccess?: GranteeAccessResolvers<ContextType>;
  IndexerStatus?: IndexerStatusResolvers<ContextType>;
  JSON?: GraphQLScalarType;
  PageInfo?: PageInfoResolvers<ContextType>;
  PrivacyBudget?: PrivacyBudgetResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  Rate?: RateResolvers<ContextType>;
  RecordVersion?: RecordVersionResolvers<ContextType>;
  Subscription?: SubscriptionResolvers<ContextType>;
  Viewer?: ViewerResolvers<ContextType>;
};

export type DirectiveResolvers<ContextType = ApiContext> = {
  auth?: AuthDirectiveResolver<any, any, ContextType>;
  public?: PublicDirectiveResolver<any, any, ContextType>;
  signedIn?: SignedInDirectiveResolver<any, any, ContextType>;
};
