import { redirect } from "next/navigation";
import { Suspense } from "react";
import { ALERT_RULES, AlertFilterForm, AlertGroups } from "@/components/auditor/AlertGroups";
import { EventTimeline } from "@/components/EventTimeline";
import { LiveFeed } from "@/components/LiveFeed";
import { Page } from "@/components/Page";
import { Pager } from "@/components/Pager";
import { StreamedTimeline } from "@/components/StreamedTimeline";
import { EmptyState, ErrorState, LoadingRows } from "@/components/StatusViews";
import { TimelineFilters } from "@/components/TimelineFilters";
import { VerifyDropzone } from "@/components/VerifyDropzone";
import { CheckableRecords } from "@/components/insurer/CheckableRecords";
import { fetchAlertGroups, offsetParam } from "@/lib/auditorData";
import { fetchPaymentConsents } from "@/lib/insurerData";
import { fetchAuditTimeline, fetchSnapshotHeight, load, requireSession } from "@/lib/data";
import { formatCount, type NameBook } from "@/lib/format";
import { personaNames } from "@/lib/personas";
import type { Session } from "@/lib/session";
import { readTimelinePage, type TimelineSectionProps } from "@/lib/timelineSection";
import { exportQuery, isFiltered, readTimelineFilters, timelineQuery, toAuditFilter, type SearchParams } from "@/lib/timelineFilters";

export const dynamic = "force-dynamic";

const RECORD_ID = /^0x[0-9a-fA-F]{64}$/;
/** Twenty events a page keeps the auditor's page a few screens tall; the pager says where in the trail it is. */
const AUDIT_PAGE_SIZE = 20;
/** The API's cap on one export file (api/src/http/exportRoutes.ts). */
const MAX_EXPORT_ROWS = 10_000;

/** The alert view's own parameters, kept when the timeline pages, and the reverse. */
function alertParams(params: SearchParams): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const name of ["alertRule", "alertsAt"]) if (typeof params[name] === "string" && params[name]) kept[name] = params[name];
  return kept;
}

async function AuditTimelineSection({ session, names, params, snapshotHeight }: TimelineSectionProps) {
  await snapshotHeight;
  const { state, after } = readTimelinePage(params);
  const start = after ? offsetParam(params.at) : 0;
  const filter = toAuditFilter(state);
  const page = await load(() => fetchAuditTimeline(session, filter, after, AUDIT_PAGE_SIZE));
  if (page.error) return <ErrorState error={page.error} what="the audit timeline" />;
  const { events, totalCount, endCursor, hasNextPage } = page.data;
  const kept = alertParams(params);
  return (
    <>
      <p className="nav" data-testid="export-links">
        Export {isFiltered(state) ? "these" : "all"} {formatCount(totalCount)} events:
        <a href={`/api/export/csv${exportQuery(filter)}`} download>
          CSV
        </a>
        {totalCount <= MAX_EXPORT_ROWS ? (
          <a href={`/api/export/fhir${exportQuery(filter)}`} download>
            FHIR R4 AuditEvent bundle
          </a>
        ) : (
          <span className="who">
            FHIR bundle: at most {formatCount(MAX_EXPORT_ROWS)} events a file; narrow the dates, or page through the API&apos;s /export/fhir/AuditEvent
          </span>
        )}
      </p>
      {events.length === 0 ? (
        <EmptyState>{isFiltered(state) ? "No events match these filters." : "The chain has no access events yet."}</EmptyState>
      ) : (
        <>
          <EventTimeline events={events} names={names} showPatient label="Audit timeline" />
          <Pager
            shown={events.length}
            total={totalCount}
            start={start}
            newestHref={after ? `/auditor${timelineQuery(state, kept)}#audit-heading` : undefined}
            olderHref={
              hasNextPage && endCursor
                ? `/auditor${timelineQuery(state, { ...kept, after: endCursor, at: String(start + events.length) })}#audit-heading`
                : undefined
            }
          />
        </>
      )}
    </>
  );
}

async function AlertsSection({ session, names, params }: { session: Session; names: NameBook; params: SearchParams }) {
  const rule = ALERT_RULES.find((candidate) => candidate === params.alertRule);
  const offset = offsetParam(params.alertsAt);
  const alerts = await load(() => fetchAlertGroups(session, rule ? { rules: [rule] } : {}, offset));
  if (alerts.error) return <ErrorState error={alerts.error} what="alerts" />;
  const timeline = Object.fromEntries(
    Object.entries(params).filter(([name, value]) => typeof value === "string" && !["alertRule", "alertsAt"].includes(name)),
  ) as Record<string, string>;
  const hrefAt = (at: number) => `/auditor?${new URLSearchParams({ ...timeline, ...(rule ? { alertRule: rule } : {}), alertsAt: String(at) })}#alerts-heading`;
  return (
    <>
      <AlertFilterForm rule={rule} hidden={timeline} />
      {alerts.data.groups.length === 0 ? (
        <EmptyState>{rule ? "No alerts of this rule." : "No alerts: no emergency access, denied attempt, after-hours, unusual or expired access."}</EmptyState>
      ) : (
        <AlertGroups page={alerts.data} offset={offset} names={names} hrefAt={hrefAt} />
      )}
    </>
  );
}

async function InsurerSection({ session, names }: { session: Session; names: NameBook }) {
  const consents = await load(() => fetchPaymentConsents(session));
  if (consents.error) return <ErrorState error={consents.error} what="your payment consents" />;
  return <CheckableRecords consents={consents.data} names={names} />;
}

export default async function AuditorPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const session = await requireSession(["AUDITOR", "INSURER", "PROVIDER"]);
  const params = await searchParams;
  const lookup = typeof params.record === "string" ? params.record.trim() : undefined;
  if (lookup && RECORD_ID.test(lookup)) redirect(`/records/${lookup.toLowerCase()}`);
  const names = personaNames();
  const auditor = session.roles.includes("AUDITOR");
  // Read before the timeline: the live feed replays what is indexed after it, so nothing falls between the two.
  const snapshotHeight = auditor ? fetchSnapshotHeight() : Promise.resolve(undefined);
  return (
    <Page
      session={session}
      current="/auditor"
      title="Verify and audit"
      lede="Check a record against the chain, follow its provenance, and review every access."
    >
      {session.roles.includes("INSURER") && (
        <section className="panel" aria-labelledby="insurer-heading">
          <h2 id="insurer-heading">Records you may check</h2>
          <p className="who">
            Patients who gave you a payment consent, and their records inside it. Open one to see its provenance, or drop the disclosure a claim came with
            below.
          </p>
          <Suspense fallback={<LoadingRows label="your payment consents" />}>
            <InsurerSection session={session} names={names} />
          </Suspense>
        </section>
      )}
      <div className="grid-2">
        <section className="panel" aria-labelledby="lookup-heading">
          <h2 id="lookup-heading">Look up a record</h2>
          <form action="/auditor" method="get" className="form-row">
            <div>
              <label htmlFor="record-id">Record id</label>
              <input
                id="record-id"
                name="record"
                required
                placeholder="0x… (64 hex digits)"
                defaultValue={lookup}
                size={30}
                aria-describedby="record-id-help"
              />
            </div>
            <div>
              <button type="submit">Show provenance</button>
            </div>
          </form>
          <p id="record-id-help" className="who">
            Any version&apos;s id works; the provenance page lists every version, its author, signature, block and the consent in force.
          </p>
          {lookup && !RECORD_ID.test(lookup) && (
            <p className="state error" role="alert">
              “{lookup}” is not a record id: it is 0x followed by 64 hex digits.
            </p>
          )}
        </section>
        <section className="panel" aria-labelledby="verify-heading">
          <h2 id="verify-heading">Verify a file against the chain</h2>
          <VerifyDropzone />
        </section>
      </div>
      {auditor ? (
        <>
          <section className="panel" aria-labelledby="audit-heading">
            <h2 id="audit-heading">Global audit timeline</h2>
            <LiveFeed snapshotHeight={snapshotHeight} />
            <TimelineFilters state={readTimelineFilters(params)} action="/auditor" withPatient />
            <StreamedTimeline params={params} label="the audit timeline">
              <AuditTimelineSection session={session} names={names} params={params} snapshotHeight={snapshotHeight} />
            </StreamedTimeline>
          </section>
          <section className="panel" aria-labelledby="alerts-heading">
            <h2 id="alerts-heading">Alerts</h2>
            <Suspense key={JSON.stringify(alertParams(params))} fallback={<LoadingRows label="alerts" />}>
              <AlertsSection session={session} names={names} params={params} />
            </Suspense>
          </section>
        </>
      ) : (
        <p className="state">The global audit timeline and alerts are for auditors; your role sees records you are allowed to and can verify any file.</p>
      )}
    </Page>
  );
}
