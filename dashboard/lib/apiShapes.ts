// Names for the API's shapes as the dashboard selects them, each derived from a generated document's result type
// (lib/generated, from api/src/schema/*.graphql and the dashboard's queries): a change to either reaches every user.
import type {
  AlertGroupsQuery,
  AlertsQuery,
  AnalyticsQuery,
  ConsentsQuery,
  ContractInfoQuery,
  IndexerStatusQuery,
  PaymentConsentsQuery,
  RecordQuery,
  WhoCanReadQuery,
} from "./generated/graphql";

export type {
  AccessEventFieldsFragment as AccessEvent,
  AccessKind,
  AccessOutcome,
  AlertRule,
  AuditFilter,
  CareRecordSummaryFieldsFragment as CareRecordSummary,
  ConsentVersionFieldsFragment as ConsentVersion,
  Purpose,
  Role,
  TicketFieldsFragment as Ticket,
} from "./generated/graphql";

export type ContractInfo = ContractInfoQuery["contract"];
export type IndexerStatus = IndexerStatusQuery["contract"]["indexer"];
export type Consent = ConsentsQuery["consents"][number];
export type CareRecordDetail = NonNullable<RecordQuery["record"]>;
export type Alert = AlertsQuery["alerts"][number];
export type AlertGroupPage = AlertGroupsQuery["alertGroups"];
export type GranteeTickets = WhoCanReadQuery["whoCanRead"][number];
export type ConsentToMe = PaymentConsentsQuery["consentsToMe"][number];

export type Analytics = AnalyticsQuery["analytics"];
/** One cell of the API's public grid; `suppressed` means fewer than k patients, possibly none. */
export type AccessCount = Analytics["accesses"][number];
export type ConsentCount = Analytics["consents"][number];
export type Accessor = Analytics["busiestAccessors"][number];
export type Rate = Analytics["denialRate"];
