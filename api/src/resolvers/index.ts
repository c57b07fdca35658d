import type { Resolvers } from "../generated/resolvers.js";
import { RecordCategory, enumName } from "@caretrail/sdk";
import { auditEventResource, bundleOf, consentResource, provenanceResource } from "../fhir/fhirBundles.js";
import { encodeCursor, readTimeline, toAccessEvent, type AccessEventRow } from "../data/accessEvents.js";
import { readAlerts, type AlertRules } from "../data/alerts.js";
import { accessCounts, busiestAccessors, consentCounts, decisionRate, K_ANONYMITY } from "../data/analytics.js";
import { badInput } from "../errors.js";
import { readConsentAsOf, readConsentHistory, readConsents, toConsentVersion, type ConsentVersionRow } from "../data/consents.js";
import { readContractInfo } from "../data/contractInfo.js";
import { MAX_RECORD_ACCESSES, readPatientRecords, readRecord, readRecordVersions, toRecordVersion } from "../data/records.js";
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
      records: (_root, { patient, first }, { projection }) => readPatientRecords(projection, patient, first ?? 100),
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
      analytics: (_root, { filter }) => ({ k: K_ANONYMITY, filter: filter ?? {} }),
      alerts: (_root, { filter, first }, { projection }) => readAlerts(projection, alertRules, filter, first ?? 100),
      fhirAuditEvents: async (_root, { filter, first }, { projection, deployment }) => {
        const page = await readTimeline(projection, { filter, first: first ?? 200, order: "DESC" });
        return bundleOf(page.rows.map((row) => auditEventResource(toAccessEvent(row), deployment?.address)));
      },
      fhirProvenance: async (_root, { record }, { projection, deployment }) => {
        const chain = await readRecord(projection, record);
        const versions = chain ? await readRecordVersions(projection, chain.id) : [];
        return bundleOf(versions.map((row) => provenanceResource(toRecordVersion(row, deployment))));
      },
      fhirConsents: async (_root, { patient }, { projection }) => {
        const history = await readConsentHistory(projection, patient);
        return bundleOf(history.map((row) => consentResource(toConsentVersion(row), categoriesIn(row.scope))));
      },
    },
    Subscription: {
      auditEvents: {
        subscribe: (_root, { patient }) => liveFeed.subscribe(patient ?? undefined),
        resolve: (row: AccessEventRow) => toAccessEvent(row),
      },
    },
    CareRecord: {
      latest: async (record, _args, { loaders, deployment }) => toRecordVersion((await loaders.version.load(record.latestId))!, deployment),
      versions: async (record, _args, { loaders, deployment }) => (await loaders.versionsOf.load(record.id)).map((row) => toRecordVersion(row, deployment)),
      accesses: async (record, { first }, { loaders }) => {
        const limit = first ?? 100;
        if (!Number.isInteger(limit) || limit < 1 || limit > MAX_RECORD_ACCESSES) throw badInput(`accesses(first) must be between 1 and ${MAX_RECORD_ACCESSES}.`);
        return (await loaders.accessesOf.load(record.id)).slice(0, limit).map(toAccessEvent);
      },
    },
    RecordVersion: {
      authorisingConsent: async (version, _args, { loaders }) => {
        if (version.author === version.patientAddress) return null;
        const row: ConsentVersionRow | undefined = await loaders.consentAsOf.load({
          patient: version.patientAddress,
          grantee: version.author,
          block: version.position.blockNumber,
        });
        return row ? toConsentVersion(row) : null;
      },
    },
    Analytics: {
      accesses: (parent, { bucket }, { projection }) => accessCounts(projection, parent, bucket ?? "DAY"),
      denialRate: (parent, _args, { projection }) => decisionRate(projection, parent, "Denial"),
      emergencyRate: (parent, _args, { projection }) => decisionRate(projection, parent, "Emergency"),
      consents: (parent, { bucket }, { projection }) => consentCounts(projection, parent, bucket ?? "DAY"),
      busiestAccessors: (parent, { first }, { projection }) => busiestAccessors(projection, parent, first ?? 10),
    },
  };
}
