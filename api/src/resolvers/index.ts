import type { Resolvers } from "../generated/resolvers.js";
import { RecordCategory, enumName } from "@caretrail/sdk";
import { auditEventPage, consentBundle, provenanceBundle } from "../fhir/fhirExports.js";
import { encodeCursor, readTimeline, toAccessEvent, type AccessEventRow } from "../data/accessEvents.js";
import { readAlerts, type AlertRules } from "../data/alerts.js";
import { analyticsFields, analyticsRoot } from "../data/analytics.js";
import { readConsentAsOf, readConsentHistory, readConsents, toConsentVersion, type ConsentVersionRow } from "../data/consents.js";
import { readContractInfo } from "../data/contractInfo.js";
import { readPatientRecords, readRecord, readRecordAccesses, readRecordVersion, readRecordVersions, toRecordVersion } from "../data/records.js";
import { Address, DateTime, JSONScalar } from "../scalars.js";
import type { LiveAuditFeed } from "../live/liveAuditFeed.js";

export type ResolverOptions = { alertRules: AlertRules; liveFeed: LiveAuditFeed };

const categoriesIn = (scope: number) =>
  Object.values(RecordCategory)
    .filter((category) => (scope & (1 << category)) !== 0)
    .map((category) => enumName(RecordCategory, category));

/** Resolvers only read and shape data: who may call them is decided by @auth (src/auth/authDirective.ts). */
export function createResolvers({ alertRules, liveFeed }: ResolverOptions): Resolvers {
  return {
    Address,
    DateTime,
    JSON: JSONScalar,
    Query: {
      contract: (_root, _args, { projection, deployment }) => readContractInfo(projection, deployment),
      viewer: (_root, _args, { viewer }) => ({ address: viewer!.address, roles: [...viewer!.roles], sessionExpiresAt: viewer!.sessionExpiresAt }),
      record: async (_root, { id }, { projection }) => (await readRecord(projection, id)) ?? null,
      records: (_root, { patient }, { projection }) => readPatientRecords(projection, patient),
      auditTimeline: async (_root, { filter, first, after, order }, { projection }) => {
        const page = await readTimeline(projection, { filter, first: first ?? 50, after, order: order ?? "DESC" });
        const edges = page.rows.map((row) => ({ cursor: encodeCursor(row), node: toAccessEvent(row) }));
        return { totalCount: page.totalCount, edges, pageInfo: { hasNextPage: page.hasNextPage, endCursor: edges.at(-1)?.cursor ?? null } };
      },
      consents: (_root, { patient }, { projection }) => readConsents(projection, patient),
      consentHistory: async (_root, { patient, grantee }, { projection }) => (await readConsentHistory(projection, patient, grantee)).map(toConsentVersion),
      consentAsOf: async (_root, args, { projection }) => {
        const row = await readConsentAsOf(projection, args);
        return row ? toConsentVersion(row) : null;
      },
      analytics: analyticsRoot,
      alerts: (_root, { filter, first }, { projection }) => readAlerts(projection, alertRules, filter, first ?? 100),
      fhirAuditEvents: (_root, { filter, first, after }, { projection, deployment }) => auditEventPage(projection, deployment, { filter, count: first, cursor: after }),
      fhirProvenance: (_root, { record }, { projection, deployment }) => provenanceBundle(projection, deployment, record),
      fhirConsents: (_root, { patient }, { projection }) => consentBundle(projection, patient),
    },
    Subscription: {
      auditEvents: {
        subscribe: (_root, { patient }) => liveFeed.subscribe(patient ?? undefined),
        resolve: (row: AccessEventRow) => toAccessEvent(row),
      },
    },
    CareRecord: {
      latest: async (record, _args, { projection, deployment }) => toRecordVersion((await readRecordVersion(projection, record.latestId))!, deployment),
      versions: async (record, _args, { projection, deployment }) => (await readRecordVersions(projection, record.id)).map((row) => toRecordVersion(row, deployment)),
      accesses: async (record, _args, { projection }) => (await readRecordAccesses(projection, record.id)).map(toAccessEvent),
    },
    RecordVersion: {
      authorisingConsent: async (version, _args, { projection }) => {
        if (version.author === version.patientAddress) return null;
        const row: ConsentVersionRow | undefined = await readConsentAsOf(projection, {
          patient: version.patientAddress,
          grantee: version.author,
          block: version.position.blockNumber,
        });
        return row ? toConsentVersion(row) : null;
      },
    },
    Analytics: analyticsFields,
  };
}
