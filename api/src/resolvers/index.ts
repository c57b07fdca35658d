import type { Resolvers } from "../generated/resolvers.js";
import { auditEventPage, consentBundle, provenanceBundle } from "../fhir/fhirExports.js";
import { encodeCursor, readTimeline, toAccessEvent, type AccessEventRow } from "../data/accessEvents.js";
import { readAlertGroups, readAlerts, type AlertRules } from "../data/alerts.js";
import { readConsentsToMe, readRecordsInScope } from "../data/consentsToMe.js";
import { analyticsFields, analyticsRoot } from "../data/analytics.js";
import { badInput } from "../errors.js";
import { readConsentAsOf, readConsentHistory, readConsents, toConsentVersion, type ConsentVersionRow } from "../data/consents.js";
import { readContractInfo } from "../data/contractInfo.js";
import { readWhoCanRead, toAccessTicket } from "../data/tickets.js";
import { MAX_RECORD_ACCESSES, readPatientRecords, readRecord, toRecordVersion } from "../data/records.js";
import { Address, DateTime, JSONScalar } from "../scalars.js";
import type { LiveAuditFeed } from "../live/liveAuditFeed.js";
import { orDefault } from "./orDefault.js";

export type ResolverOptions = { alertRules: AlertRules; liveFeed: LiveAuditFeed };

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
      records: (_root, { patient, first }, { projection }) => readPatientRecords(projection, patient, orDefault(first, 100)),
      auditTimeline: async (_root, { filter, first, after, order }, { projection }) => {
        const page = await readTimeline(projection, { filter, first: orDefault(first, 50), after, order: orDefault(order, "DESC") });
        const edges = page.rows.map((row) => ({ cursor: encodeCursor(row), node: toAccessEvent(row) }));
        return {
          totalCount: page.totalCount,
          totalCountCapped: page.totalCountCapped,
          edges,
          pageInfo: { hasNextPage: page.hasNextPage, endCursor: edges.at(-1)?.cursor ?? null },
        };
      },
      consents: (_root, { patient }, { projection }) => readConsents(projection, patient),
      consentHistory: async (_root, { patient, grantee }, { projection }) => (await readConsentHistory(projection, patient, grantee)).map(toConsentVersion),
      consentAsOf: async (_root, args, { projection }) => {
        const row = await readConsentAsOf(projection, args);
        return row ? toConsentVersion(row) : null;
      },
      whoCanRead: (_root, { patient, endedWithinDays, first }, { projection }) =>
        readWhoCanRead(projection, patient, orDefault(endedWithinDays, 30), orDefault(first, 20)),
      analytics: analyticsRoot,
      alerts: (_root, { filter, first }, { projection }) => readAlerts(projection, alertRules, filter, orDefault(first, 100)),
      alertGroups: (_root, { filter, first, offset }, { projection }) =>
        readAlertGroups(projection, alertRules, filter, orDefault(first, 20), orDefault(offset, 0)),
      consentsToMe: (_root, { purposes }, { projection, viewer }) => readConsentsToMe(projection, viewer!.address, purposes),
      fhirAuditEvents: (_root, { filter, first, after }, { projection, deployment }) =>
        auditEventPage(projection, deployment, { filter, count: first, cursor: after }),
      fhirProvenance: (_root, { record }, { projection, deployment }) => provenanceBundle(projection, deployment, record),
      fhirConsents: (_root, { patient }, { projection }) => consentBundle(projection, patient),
    },
    Subscription: {
      auditEvents: {
        subscribe: (_root, { patient, afterBlock }) => {
          if (afterBlock != null && !(Number.isSafeInteger(afterBlock) && afterBlock >= 0))
            throw badInput("auditEvents(afterBlock) must be a block number (0 or more).");
          return liveFeed.subscribe(patient ?? undefined, afterBlock ?? undefined);
        },
        resolve: (row: AccessEventRow) => toAccessEvent(row),
      },
    },
    ConsentToMe: {
      records: (consent, _args, { projection }) => readRecordsInScope(projection, { patient: consent.patient!, scope: consent.scope!, live: consent.live! }),
    },
    CareRecord: {
      latest: async (record, _args, { loaders, deployment }) => toRecordVersion((await loaders.version.load(record.latestId))!, deployment),
      versions: async (record, _args, { loaders, deployment }) => (await loaders.versionsOf.load(record.id)).map((row) => toRecordVersion(row, deployment)),
      accesses: async (record, { first }, { loaders }) => {
        const limit = orDefault(first, 100);
        if (!Number.isInteger(limit) || limit < 1 || limit > MAX_RECORD_ACCESSES)
          throw badInput(`accesses(first) must be between 1 and ${MAX_RECORD_ACCESSES}.`);
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
    AccessEvent: {
      ticket: async (event, _args, { loaders }) => {
        if (!event.ticketId) return null;
        const row = await loaders.ticket.load(event.ticketId);
        return row ? toAccessTicket(row) : null;
      },
    },
    Analytics: analyticsFields,
  };
}
