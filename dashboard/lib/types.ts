// The shapes the dashboard selects from the API's SDL (api/src/schema/*.graphql).

export type Role = "PATIENT" | "PROVIDER" | "INSURER" | "AUDITOR" | "RESEARCHER" | "GOVERNANCE";
export type Purpose = "NONE" | "TREATMENT" | "PAYMENT" | "RESEARCH" | "EMERGENCY";
export type AccessKind = "REQUEST" | "GRANT" | "DENIAL" | "EMERGENCY" | "READ";
export type AccessOutcome = "REQUESTED" | "GRANTED" | "DENIED";
export type ConsentAction = "GRANTED" | "REVOKED";
export type AlertRule = "AFTER_HOURS" | "EMERGENCY_ACCESS" | "DENIED_ATTEMPT" | "ACCESS_AFTER_REVOCATION" | "UNUSUAL_VOLUME" | "READ_AFTER_EXPIRY";

export type ChainPosition = { blockNumber: number; blockTimestamp: string; txHash: string; logIndex: number };

export type AccessEvent = {
  id: string;
  kind: AccessKind;
  outcome: AccessOutcome;
  patient: string;
  actor: string;
  actorRole: Role | null;
  purpose: Purpose;
  category: number | null;
  recordId: string | null;
  denialReason: string | null;
  emergencyReasonCode: number | null;
  expiresAt: string | null;
  position: ChainPosition;
};

export type AccessEventPage = { totalCount: number; events: AccessEvent[]; endCursor: string | null; hasNextPage: boolean };

export type AuditFilter = {
  patient?: string;
  actor?: string;
  kinds?: AccessKind[];
  outcomes?: AccessOutcome[];
  purposes?: Purpose[];
  from?: string;
  to?: string;
};

export type Consent = {
  grantee: string;
  scope: number;
  purpose: Purpose;
  expiresAt: string;
  version: number;
  live: boolean;
  updatedAt: string;
};

export type ConsentVersion = {
  patient: string;
  grantee: string;
  version: number;
  action: ConsentAction;
  scope: number;
  purpose: Purpose;
  expiresAt: string;
  viaSignature: boolean;
  position: ChainPosition;
};

export type RecordVersion = {
  id: string;
  version: number;
  author: string;
  category: number;
  contentHash: string;
  contentId: string;
  signatureValid: boolean | null;
  supersedesId: string | null;
  supersededById: string | null;
  position: ChainPosition;
  authorisingConsent: ConsentVersion | null;
};

export type CareRecordSummary = {
  id: string;
  patient: string;
  category: number;
  versionCount: number;
  latest: RecordVersion;
};

export type CareRecordDetail = CareRecordSummary & { versions: RecordVersion[]; accesses: AccessEvent[] };

export type Alert = { rule: AlertRule; detail: string; event: AccessEvent };

/** One cell of the API's public grid; `suppressed` means fewer than k patients, possibly none. */
export type AccessCount = {
  bucketStart: string;
  kind: AccessKind;
  outcome: AccessOutcome;
  actorRole: Role | null;
  count: number | null;
  patients: number | null;
  suppressed: boolean;
};
export type ConsentCount = { bucketStart: string; action: ConsentAction; count: number | null; patients: number | null; suppressed: boolean };
export type Accessor = { actor: string; actorRole: Role | null; accesses: number; patients: number };
export type Rate = { value: number | null; numerator: number | null; denominator: number | null; suppressed: boolean };
export type AnalyticsWindow = { from: string; to: string; bucket: "DAY" | "WEEK"; snapped: boolean; open: boolean };
export type PrivacyBudget = { epsilonTotal: number; epsilonSpent: number; epsilonRemaining: number; resetsAt: string };
export type Analytics = {
  k: number;
  window: AnalyticsWindow;
  accesses: AccessCount[];
  denialRate: Rate;
  emergencyRate: Rate;
  consents: ConsentCount[];
  busiestAccessors: Accessor[];
  privacyBudget: PrivacyBudget;
};

export type ContractInfo = { chainId: number | null; address: string | null; indexedHeight: number | null; indexerHealthy: boolean };
export type Viewer = { address: string; roles: Role[]; sessionExpiresAt: string };
