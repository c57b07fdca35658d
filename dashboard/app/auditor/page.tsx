import { redirect } from "next/navigation";
import { Suspense } from "react";
import { AlertList } from "@/components/AlertList";
import { EventTimeline } from "@/components/EventTimeline";
import { LiveRefresh } from "@/components/LiveRefresh";
import { Page } from "@/components/Page";
import { Pager } from "@/components/Pager";
import { EmptyState, ErrorState, LoadingRows } from "@/components/StatusViews";
import { TimelineFilters } from "@/components/TimelineFilters";
import { VerifyDropzone } from "@/components/VerifyDropzone";
import { fetchAlerts, fetchAuditTimeline, load, requireSession } from "@/lib/data";
import type { NameBook } from "@/lib/format";
import { personaNames } from "@/lib/personas";
import type { Session } from "@/lib/session";
import { exportQuery, isFiltered, readTimelineFilters, timelineQuery, toAuditFilter, type SearchParams } from "@/lib/timelineFilters";

export const dynamic = "force-dynamic";

const RECORD_ID = /^0x[0-9a-fA-F]{64}$/;

async function AuditTimelineSection({ session, names, params }: { session: Session; names: NameBook; params: SearchParams }) {
  const state = readTimelineFilters(params);
  const after = typeof params.after === "string" ? params.after : undefined;
  const filter = toAuditFilter(state);
  const page = await load(() => fetchAuditTimeline(session, filter, after));
  if (page.error) return <ErrorState error={page.error} what="the audit timeline" />;
  const { events, totalCount, endCursor, hasNextPage } = page.data;
  return (
    <>
      <p className="nav">
        Export {isFiltered(state) ? "these filtered events" : "everything"}:
        <a href={`/api/export/csv${exportQuery(filter)}`} download>CSV</a>
        <a href={`/api/export/fhir${exportQuery(filter)}`} download>FHIR R4 AuditEvent bundle</a>
      </p>
      {events.length === 0 ? (
        <EmptyState>{isFiltered(state) ? "No events match these filters." : "The chain has no access events yet."}</EmptyState>
      ) : (
        <>
          <EventTimeline events={events} names={names} showPatient label="Audit timeline" />
          <Pager
            shown={events.length}
            total={totalCount}
            newestHref={after ? `/auditor${timelineQuery(state)}` : undefined}
            olderHref={hasNextPage && endCursor ? `/auditor${timelineQuery(state, { after: endCursor })}` : undefined}
          />
        </>
      )}
    </>
  );
}

async function AlertsSection({ session, names }: { session: Session; names: NameBook }) {
  const alerts = await load(() => fetchAlerts(session));
  if (alerts.error) return <ErrorState error={alerts.error} what="alerts" />;
  if (alerts.data.length === 0) return <EmptyState>No alerts: no emergency access, denied attempt, after-hours or unusual access.</EmptyState>;
  return <AlertList alerts={alerts.data} names={names} />;
}

export default async function AuditorPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const session = await requireSession(["AUDITOR", "INSURER", "PROVIDER"]);
  const params = await searchParams;
  const lookup = typeof params.record === "string" ? params.record.trim() : undefined;
  if (lookup && RECORD_ID.test(lookup)) redirect(`/records/${lookup.toLowerCase()}`);
  const names = personaNames();
  const auditor = session.roles.includes("AUDITOR");
  return (
    <Page session={session} current="/auditor" title="Verify and audit" lede="Check a record against the chain, follow its provenance, and review every access.">
      <div className="grid-2">
        <section className="panel" aria-labelledby="lookup-heading">
          <h2 id="lookup-heading">Look up a record</h2>
          <form action="/auditor" method="get" className="form-row">
            <div>
              <label htmlFor="record-id">Record id</label>
              <input id="record-id" name="record" required placeholder="0x… (64 hex digits)" defaultValue={lookup} size={30} aria-describedby="record-id-help" />
            </div>
            <div>
              <button type="submit">Show provenance</button>
            </div>
          </form>
          <p id="record-id-help" className="who">Any version&apos;s id works; the provenance page lists every version, its author, signature, block and the consent in force.</p>
          {lookup && !RECORD_ID.test(lookup) && <p className="state error" role="alert">“{lookup}” is not a record id: it is 0x followed by 64 hex digits.</p>}
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
            <LiveRefresh />
            <TimelineFilters state={readTimelineFilters(params)} action="/auditor" withPatient />
            <div style={{ marginTop: "0.75rem" }}>
              <Suspense key={JSON.stringify(params)} fallback={<LoadingRows label="the audit timeline" rows={8} />}>
                <AuditTimelineSection session={session} names={names} params={params} />
              </Suspense>
            </div>
          </section>
          <section className="panel" aria-labelledby="alerts-heading">
            <h2 id="alerts-heading">Alerts</h2>
            <Suspense fallback={<LoadingRows label="alerts" />}>
              <AlertsSection session={session} names={names} />
            </Suspense>
          </section>
        </>
      ) : (
        <p className="state">The global audit timeline and alerts are for auditors; your role sees records you are allowed to and can verify any file.</p>
      )}
    </Page>
  );
}
