import { cache, Suspense } from "react";
import { ConsentHistory } from "@/components/ConsentHistory";
import { ConsentManager } from "@/components/ConsentManager";
import { EventTimeline } from "@/components/EventTimeline";
import { LiveFeed } from "@/components/LiveFeed";
import { Page } from "@/components/Page";
import { Pager } from "@/components/Pager";
import { StreamedTimeline } from "@/components/StreamedTimeline";
import { AccessFilters } from "@/components/patient/AccessFilters";
import { AccessSummary } from "@/components/patient/AccessSummary";
import { WhoCanRead } from "@/components/patient/WhoCanRead";
import { PatientRecords } from "@/components/patient/PatientRecords";
import { EmptyState, ErrorState, LoadingRows } from "@/components/StatusViews";
import { fetchAuditTimeline, fetchConsentHistory, fetchConsents, fetchRecords, fetchSnapshotHeight, load, requireSession } from "@/lib/data";
import { displayName, type NameBook } from "@/lib/format";
import { fetchAccessSummary } from "@/lib/patientData";
import { personaNames, readPersonas } from "@/lib/personas";
import type { Session } from "@/lib/session";
import { readTimelinePage, type TimelineSectionProps } from "@/lib/timelineSection";
import { isFiltered, readTimelineFilters, timelineQuery, toAuditFilter, type SearchParams } from "@/lib/timelineFilters";

export const dynamic = "force-dynamic";

async function ConsentsSection({ session, names }: { session: Session; names: NameBook }) {
  const [consents, history] = await Promise.all([load(() => fetchConsents(session)), load(() => fetchConsentHistory(session))]);
  const grantees = readPersonas()
    .filter((persona) => ["provider", "insurer", "researcher"].includes(persona.role))
    .map((persona) => persona.address);
  return (
    <>
      {consents.error ? (
        <ErrorState error={consents.error} what="your consents" />
      ) : (
        <ConsentManager consents={consents.data} grantees={grantees} names={names} />
      )}
      <h3 style={{ marginTop: "1rem" }}>Consent history</h3>
      {history.error ? (
        <ErrorState error={history.error} what="your consent history" />
      ) : history.data.length === 0 ? (
        <EmptyState>No grants or revocations yet.</EmptyState>
      ) : (
        <ConsentHistory versions={history.data} names={names} />
      )}
    </>
  );
}

/** The summary and the access-filter's names come from one look at the recent trail. */
const loadSummary = cache(async (session: Session) => load(() => fetchAccessSummary(session)));

async function SummarySection({ session, names, params }: { session: Session; names: NameBook; params: SearchParams }) {
  const summary = await loadSummary(session);
  const state = readTimelineFilters(params);
  // Without the summary the filters still work; only the pick-by-name list of recent accessors is missing.
  const accessors = (summary.data?.recentActors ?? [])
    .map((address) => ({ address, name: displayName(address, names) }))
    .sort((a, b) => a.name.localeCompare(b.name));
  return (
    <>
      {summary.error ? (
        <ErrorState error={summary.error} what="the summary of who accessed your data" />
      ) : (
        <>
          <AccessSummary summary={summary.data} names={names} />
          <WhoCanRead grantees={summary.data.whoCanRead} names={names} />
        </>
      )}
      <div style={{ marginTop: "1rem" }}>
        <AccessFilters key={timelineQuery(state)} state={state} action="/patient" accessors={accessors} />
      </div>
    </>
  );
}

async function RecordsSection({ session, names }: { session: Session; names: NameBook }) {
  const [records, summary] = await Promise.all([load(() => fetchRecords(session)), loadSummary(session)]);
  if (records.error) return <ErrorState error={records.error} what="your records" />;
  if (records.data.length === 0)
    return <EmptyState>No records on the chain for you yet. Records appear here when you or a provider you consented to adds one.</EmptyState>;
  return (
    <PatientRecords
      records={records.data}
      names={names}
      tickets={summary.data?.liveTickets ?? []}
      ended={summary.data?.whoCanRead.flatMap((grantee) => grantee.recentlyEnded) ?? []}
      self={session.address}
    />
  );
}

async function AccessSection({ session, names, params, snapshotHeight }: TimelineSectionProps) {
  await snapshotHeight;
  const { state, after } = readTimelinePage(params);
  const page = await load(() => fetchAuditTimeline(session, toAuditFilter(state, session.address), after));
  if (page.error) return <ErrorState error={page.error} what="who accessed your data" />;
  const { events, totalCount, endCursor, hasNextPage } = page.data;
  if (events.length === 0) {
    return (
      <EmptyState>
        {isFiltered(state) ? "No access matches these filters. Clear them to see everything." : "Nobody has requested or accessed your data yet."}
      </EmptyState>
    );
  }
  return (
    <>
      <EventTimeline events={events} names={names} label="Who accessed my data" />
      <Pager
        shown={events.length}
        total={totalCount}
        newestHref={after ? `/patient${timelineQuery(state)}` : undefined}
        olderHref={hasNextPage && endCursor ? `/patient${timelineQuery(state, { after: endCursor })}` : undefined}
      />
    </>
  );
}

export default async function PatientPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const session = await requireSession(["PATIENT"]);
  const params = await searchParams;
  const names = personaNames();
  // Read before the timeline: the live feed replays what is indexed after it, so nothing falls between the two.
  const snapshotHeight = fetchSnapshotHeight();
  return (
    <Page
      session={session}
      current="/patient"
      title="My health data"
      lede="Who saw your records and who can still, who may see them, and the records themselves."
    >
      <nav className="nav" aria-label="On this page">
        <a href="#access-heading">Who accessed my data</a>
        <a href="#records-heading">My records</a>
        <a href="#consents-heading">My providers and consents</a>
      </nav>
      <section className="panel" aria-labelledby="access-heading">
        <h2 id="access-heading">Who accessed my data</h2>
        <LiveFeed patient={session.address} snapshotHeight={snapshotHeight} />
        <Suspense fallback={<LoadingRows label="the summary" rows={2} />}>
          <SummarySection session={session} names={names} params={params} />
        </Suspense>
        <StreamedTimeline params={params} label="the access timeline">
          <AccessSection session={session} names={names} params={params} snapshotHeight={snapshotHeight} />
        </StreamedTimeline>
      </section>
      <div className="grid-2">
        <section className="panel" aria-labelledby="records-heading">
          <h2 id="records-heading">My records</h2>
          <Suspense fallback={<LoadingRows label="records" />}>
            <RecordsSection session={session} names={names} />
          </Suspense>
        </section>
        <section className="panel" aria-labelledby="consents-heading">
          <h2 id="consents-heading">My providers and consents</h2>
          <Suspense fallback={<LoadingRows label="consents" />}>
            <ConsentsSection session={session} names={names} />
          </Suspense>
        </section>
      </div>
    </Page>
  );
}
