import { OpenGraphiql } from "@/components/analyst/OpenGraphiql";
import type { ReactNode } from "react";
import { ChartFrame, type Column } from "@/components/charts/ChartFrame";
import { KIND_COLUMNS, KIND_KEYS } from "@/components/charts/columns";
import { AccessesByRoleChart, AccessesOverTimeChart, ConsentChangesChart, TopAccessorsChart } from "@/components/charts/LazyCharts";
import { Page } from "@/components/Page";
import { ErrorState } from "@/components/StatusViews";
import {
  accessesByRole,
  accessesOverTime,
  consentsOverTime,
  RANGE_PRESETS,
  rateTile,
  suppressedGroups,
  suppressedLabel,
  tableRows,
  timeRangeOf,
  topAccessors,
  windowLabel,
  type RateTile,
  type TableRow,
} from "@/lib/chartData";
import { fetchAnalytics, load, requireSession } from "@/lib/data";
import { personaNames } from "@/lib/personas";
import type { SearchParams } from "@/lib/timelineFilters";

export const dynamic = "force-dynamic";

const RATES_QUERY =
  'query { analytics(filter: { from: "2026-11-01T00:00:00Z" }) { window { from to bucket snapped } ' +
  "denialRate { value numerator denominator suppressed } emergencyRate { value suppressed } } }";
const EXAMPLE_QUERIES = `# Denial and emergency rates since 1 November 2026, and the whole weeks the answer covers
# (GraphiQL opened with the button above carries your session)
${RATES_QUERY}

# Weekly grid: every week x kind x role cell; suppressed = fewer than 5 patients, possibly none
query { analytics { accesses { bucketStart kind actorRole count patients suppressed } } }

# Busiest accessors (at least 5 patients; counts noised and rounded to 5) and what your questions have cost
query { analytics { busiestAccessors(first: 5) { actor actorRole accesses patients } privacyBudget { epsilonSpent epsilonRemaining } } }`;

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

type AccessKindsFrameProps = {
  title: string;
  description: string;
  rows: Parameters<typeof tableRows>[0];
  first: Column<TableRow>;
  k: number;
  children: ReactNode;
};

/** A chart of the four access kinds per row (a week, a role), beside its table, where suppressed cells say so. */
function AccessKindsFrame({ title, description, rows, first, k, children }: AccessKindsFrameProps) {
  return (
    <ChartFrame title={title} description={description} rows={tableRows(rows, KIND_KEYS, k)} columns={[first, ...KIND_COLUMNS]} empty="No weeks in this range.">
      {children}
    </ChartFrame>
  );
}

/** One end of a custom range; an invalid range points both ends at the range error. */
function RangeEnd({ name, label, value, invalid }: { name: "from" | "to"; label: string; value: string | undefined; invalid: boolean }) {
  return (
    <div>
      <label htmlFor={`range-${name}`}>{label}</label>
      <input
        id={`range-${name}`}
        type="date"
        name={name}
        defaultValue={value}
        aria-invalid={invalid ? true : undefined}
        aria-describedby={invalid ? "range-error" : undefined}
      />
    </div>
  );
}

export default async function AnalystPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const session = await requireSession(["RESEARCHER", "AUDITOR", "GOVERNANCE"]);
  const params = await searchParams;
  const text = (name: string) => (typeof params[name] === "string" ? params[name] : undefined);
  const preset = text("range") ?? "30d";
  const range = timeRangeOf(preset, text("from"), text("to"), new Date());
  const analytics = range.error ? undefined : await load(() => fetchAnalytics(session, { from: range.from, to: range.to }));
  const k = analytics?.data?.k ?? 5;
  const overTime = accessesOverTime(analytics?.data?.accesses ?? []);
  const byRole = accessesByRole(analytics?.data?.accesses ?? []);
  const consentChanges = consentsOverTime(analytics?.data?.consents ?? []);
  const accessors = topAccessors(analytics?.data?.busiestAccessors ?? [], personaNames());
  const hiddenBecause = `fewer than ${k} patients (possibly none) are behind them`;
  const suppressedNote = `Hatched markers and "${suppressedLabel(k)}" mark values hidden because ${hiddenBecause}; they are not zero.`;
  const answeredFor = analytics?.data ? ` · answered for ${windowLabel(analytics.data.window)}` : "";
  return (
    <Page
      session={session}
      current="/analyst"
      title="Access analytics"
      lede={`De-identified aggregates · ${range.label}${answeredFor}. Groups of fewer than ${k} patients are suppressed.`}
    >
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
        <RangeEnd name="from" label="From" value={text("from")} invalid={Boolean(range.error)} />
        <RangeEnd name="to" label="To" value={text("to")} invalid={Boolean(range.error)} />
        <div>
          <button type="submit">Show</button>
        </div>
        <p className="who">Counted per week: the finest bucket the data can fill with groups of {k} patients.</p>
        {range.error ? (
          <p id="range-error" className="state error" role="alert">
            {range.error}
          </p>
        ) : null}
      </form>
      {!analytics ? null : analytics.error ? (
        <ErrorState error={analytics.error} what="analytics" />
      ) : (
        <>
          <div className="tiles">
            <RateCard label="Denial rate" tile={rateTile(analytics.data.denialRate, k)} />
            <RateCard label="Emergency access rate" tile={rateTile(analytics.data.emergencyRate, k)} />
            <div className="tile" data-tile="k-anonymity">
              k-anonymity threshold
              <strong>{k}</strong>
              <span className="who">
                {suppressedGroups([...analytics.data.accesses, ...analytics.data.consents])} of{" "}
                {analytics.data.accesses.length + analytics.data.consents.length} cells suppressed
              </span>
            </div>
            <div className="tile" data-tile="privacy-budget">
              Privacy budget left today
              <strong>ε {analytics.data.privacyBudget.epsilonRemaining}</strong>
              <span className="who">of {analytics.data.privacyBudget.epsilonTotal}; repeated questions are free</span>
            </div>
          </div>
          <p className="who">{suppressedNote} Published counts carry a little random noise, fixed per question.</p>
          <div className="grid-2">
            <AccessKindsFrame
              title="Accesses over time"
              description="Decisions per week (granted, emergency and denied stack: each request gets one), records read beside them."
              rows={overTime}
              first={{ key: "bucket", label: "Week of" }}
              k={k}
            >
              <AccessesOverTimeChart data={overTime} k={k} />
            </AccessKindsFrame>
            <AccessKindsFrame
              title="Accesses by role"
              description="Who asks for patient data, and what they get, over the whole range."
              rows={byRole}
              first={{ key: "role", label: "Role" }}
              k={k}
            >
              <AccessesByRoleChart data={byRole} k={k} />
            </AccessKindsFrame>
            <ChartFrame
              title="Consent grants vs revocations"
              description="How patients change who may see their data, per week."
              rows={tableRows(consentChanges, ["granted", "revoked"], k)}
              columns={[
                { key: "bucket", label: "Week of" },
                { key: "granted", label: "Grants" },
                { key: "revoked", label: "Revocations" },
              ]}
              empty="No weeks in this range."
            >
              <ConsentChangesChart data={consentChanges} k={k} />
            </ChartFrame>
            <ChartFrame
              title="Top accessors"
              description={`Actors whose accesses touched at least ${k} patients; counts noised and rounded to multiples of 5.`}
              rows={accessors}
              columns={[
                { key: "name", label: "Accessor" },
                { key: "accesses", label: "Accesses (about)" },
                { key: "patients", label: "Patients (about)" },
              ]}
              empty={`No accessor touched ${k} or more patients in this range.`}
            >
              <TopAccessorsChart data={accessors} />
            </ChartFrame>
          </div>
        </>
      )}
      <section className="panel" aria-labelledby="graphiql-heading">
        <h2 id="graphiql-heading">Ask your own questions</h2>
        <OpenGraphiql />
        <pre className="mono table-scroll">{EXAMPLE_QUERIES}</pre>
      </section>
    </Page>
  );
}
