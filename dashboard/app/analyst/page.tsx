import Link from "next/link";
import { ChartFrame } from "@/components/charts/ChartFrame";
import { OUTCOME_COLUMNS } from "@/components/charts/columns";
import { AccessesByRoleChart, AccessesOverTimeChart, ConsentChangesChart, TopAccessorsChart } from "@/components/charts/LazyCharts";
import { Page } from "@/components/Page";
import { ErrorState } from "@/components/StatusViews";
import { accessesByRole, accessesOverTime, consentsOverTime, RANGE_PRESETS, rateTile, suppressedGroups, timeRangeOf, topAccessors, type RateTile } from "@/lib/chartData";
import { publicApiUrl } from "@/lib/config";
import { fetchAnalytics, load, requireSession } from "@/lib/data";
import { personaNames } from "@/lib/personas";
import type { SearchParams } from "@/lib/timelineFilters";

export const dynamic = "force-dynamic";

const EXAMPLE_QUERIES = `# Denial and emergency rates since 1 January 2026 (GraphiQL needs a session: POST /auth/nonce, then /auth/verify)
query { analytics(filter: { from: "2026-01-01T00:00:00Z" }) { k denialRate { value numerator denominator } emergencyRate { value } } }

# Daily accesses by outcome and role
query { analytics { accesses(bucket: DAY) { bucketStart outcome actorRole count suppressed } } }

# Who is the busiest accessor?
query { analytics { busiestAccessors(first: 5) { actor actorRole accesses patients } } }`;

function RateCard({ label, tile }: { label: string; tile: RateTile }) {
  return (
    <div className="tile" data-rate={label}>
      {label}
      <strong>{tile.value}</strong>
      <span className="who">{tile.detail}</span>
    </div>
  );
}

const PRESET_LABELS: Record<string, string> = { "7d": "7 days", "30d": "30 days", "90d": "90 days", all: "All time" };

export default async function AnalystPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const session = await requireSession(["RESEARCHER", "AUDITOR", "GOVERNANCE"]);
  const params = await searchParams;
  const text = (name: string) => (typeof params[name] === "string" ? (params[name] as string) : undefined);
  const preset = text("range") ?? "30d";
  const range = timeRangeOf(preset, text("from"), text("to"), new Date());
  const bucket = text("bucket") === "WEEK" ? "WEEK" : "DAY";
  const analytics = await load(() => fetchAnalytics(session, { from: range.from, to: range.to }, bucket));
  const overTime = accessesOverTime(analytics.data?.accesses ?? []);
  const byRole = accessesByRole(analytics.data?.accesses ?? []);
  const consentChanges = consentsOverTime(analytics.data?.consents ?? []);
  const accessors = topAccessors(analytics.data?.busiestAccessors ?? [], personaNames());
  return (
    <Page session={session} current="/analyst" title="Access analytics" lede={`De-identified aggregates · ${range.label}. Groups touching fewer than k patients are suppressed.`}>
      <form className="form-row panel" action="/analyst" method="get" aria-label="Time range">
        <fieldset>
          <legend>Range</legend>
          <div className="checks">
            {RANGE_PRESETS.map((option) => (
              <label key={option}>
                <input type="radio" name="range" value={option} defaultChecked={preset === option && !text("from") && !text("to")} /> {PRESET_LABELS[option]}
              </label>
            ))}
          </div>
        </fieldset>
        <div>
          <label htmlFor="range-from">From</label>
          <input id="range-from" type="date" name="from" defaultValue={text("from")} />
        </div>
        <div>
          <label htmlFor="range-to">To</label>
          <input id="range-to" type="date" name="to" defaultValue={text("to")} />
        </div>
        <div>
          <label htmlFor="range-bucket">Per</label>
          <select id="range-bucket" name="bucket" defaultValue={bucket}>
            <option value="DAY">day</option>
            <option value="WEEK">week</option>
          </select>
        </div>
        <div>
          <button type="submit">Show</button>
        </div>
      </form>
      {analytics.error ? (
        <ErrorState error={analytics.error} what="analytics" />
      ) : (
        <>
          <div className="tiles">
            <RateCard label="Denial rate" tile={rateTile(analytics.data.denialRate)} />
            <RateCard label="Emergency access rate" tile={rateTile(analytics.data.emergencyRate)} />
            <div className="tile">
              k-anonymity threshold
              <strong>{analytics.data.k}</strong>
              <span className="who">{suppressedGroups([...analytics.data.accesses, ...analytics.data.consents])} small groups suppressed</span>
            </div>
          </div>
          <div className="grid-2">
            <ChartFrame title="Accesses over time" description="Access decisions per period, by outcome." rows={overTime} columns={[{ key: "bucket", label: "Period" }, ...OUTCOME_COLUMNS]} empty="No accesses in this range.">
              <AccessesOverTimeChart data={overTime} />
            </ChartFrame>
            <ChartFrame title="Accesses by role" description="Who asks for patient data, and what they get." rows={byRole} columns={[{ key: "role", label: "Role" }, ...OUTCOME_COLUMNS]} empty="No accesses in this range.">
              <AccessesByRoleChart data={byRole} />
            </ChartFrame>
            <ChartFrame
              title="Consent grants vs revocations"
              description="How patients change who may see their data."
              rows={consentChanges}
              columns={[{ key: "bucket", label: "Period" }, { key: "granted", label: "Grants" }, { key: "revoked", label: "Revocations" }]}
              empty="No consent changes in this range."
            >
              <ConsentChangesChart data={consentChanges} />
            </ChartFrame>
            <ChartFrame
              title="Top accessors"
              description="Actors with the most access events (only those touching at least k patients)."
              rows={accessors}
              columns={[{ key: "name", label: "Accessor" }, { key: "accesses", label: "Accesses" }, { key: "patients", label: "Patients" }]}
              empty="No accessor touched enough patients to be shown."
            >
              <TopAccessorsChart data={accessors} />
            </ChartFrame>
          </div>
        </>
      )}
      <section className="panel" aria-labelledby="graphiql-heading">
        <h2 id="graphiql-heading">Ask your own questions</h2>
        <p>
          <Link href={`${publicApiUrl()}/graphql`}>Open GraphiQL on the CareTrail API</Link> and paste one of these:
        </p>
        <pre className="mono table-scroll">{EXAMPLE_QUERIES}</pre>
      </section>
    </Page>
  );
}
