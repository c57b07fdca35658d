// node --import tsx bench/api/report.ts: bench/results/api-*.json -> bench/api/RESULTS-api.md and docs/api-latency.svg
// (p95 per question kind against the number of access events, from the 10k / 100k / 1M runs).
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { KindSummary } from "./latencies.ts";

type Run = {
  label: string;
  events: number;
  clients: number;
  seconds: { api: number; pg: number };
  load: { seconds: Record<string, number> };
  accessEventsBytes: { total: number; heap: number };
  api: {
    total: { requests: number; requestsPerSecond: number; errors: number };
    perKind: Record<string, KindSummary>;
    peakRssMb: number;
    postgresCpuSeconds: number;
  };
  pg: { total: { requests: number; requestsPerSecond: number; errors: number }; perKind: Record<string, KindSummary> };
  replicas?: number;
  subqlQuery:
    | { ran: false; why: string }
    | { ran: true; version: string; total: { requestsPerSecond: number; errors: number }; perKind: Record<string, KindSummary>; notes: string };
  plans: { kind: string; statement: string; plan: string[] }[];
  at: string;
};

const resultsDir = new URL("../results/", import.meta.url);
const GOALS = { timelineP95: 30, timelineRps: 2_000, aggregateP95: 150, rssMb: 512 };

export function readRuns(): Run[] {
  return readdirSync(resultsDir)
    .filter((name) => /^api-(?!quick).*\.json$/.test(name))
    .map((name) => JSON.parse(readFileSync(new URL(name, resultsDir), "utf8")) as Run)
    .sort((a, b) => (a.label === b.label ? a.events - b.events : a.label.localeCompare(b.label)));
}

const ms = (value: number | undefined) => (value === undefined ? "-" : `${value}`);
const isAggregate = (kind: string) => kind.startsWith("analytics");

function table(run: Run): string {
  const kinds = [...new Set([...Object.keys(run.api.perKind), ...Object.keys(run.pg.perKind)])].filter((kind) => kind !== "transport").sort();
  const lines = [
    `| question | API req/s | API p50 / p95 / p99 ms | errors | pg req/s | pg p50 / p95 ms | pg errors | API/pg req/s ` +
      `| @subql/query req/s | @subql/query p50 / p95 ms (errors) | API/@subql/query req/s | goal p95 |`,
    `|---|---|---|---|---|---|---|---|---|---|---|---|`,
  ];
  const subql = run.subqlQuery.ran ? run.subqlQuery : undefined;
  for (const kind of kinds) {
    const a = run.api.perKind[kind] ?? { requests: 0, requestsPerSecond: 0, p50: 0, p95: 0, p99: 0, max: 0, errors: 0 };
    const p = run.pg.perKind[kind];
    const ratio = p && p.requestsPerSecond ? (a.requestsPerSecond / p.requestsPerSecond).toFixed(2) : "-";
    const q = subql?.perKind[kind];
    const subqlRatio = q && q.requestsPerSecond ? (a.requestsPerSecond / q.requestsPerSecond).toFixed(2) : "-";
    const goal = isAggregate(kind) ? GOALS.aggregateP95 : GOALS.timelineP95;
    const met = a.p95 <= goal && a.errors === 0 ? "met" : "missed";
    const cells = [
      kind,
      a.requestsPerSecond,
      `${ms(a.p50)} / ${ms(a.p95)} / ${ms(a.p99)}`,
      a.errors,
      p?.requestsPerSecond ?? "-",
      `${ms(p?.p50)} / ${ms(p?.p95)}`,
      p?.errors ?? "-",
      ratio,
      q?.requestsPerSecond ?? "-",
      q ? `${ms(q.p50)} / ${ms(q.p95)} (${q.errors})` : "-",
      subqlRatio,
      `${met} (${goal})`,
    ];
    lines.push(`| ${cells.join(" | ")} |`);
  }
  const transport = run.api.perKind.transport;
  return [
    `### ${run.label}, ${run.events.toLocaleString("en")} events (${run.at.slice(0, 16)}Z)`,
    "",
    `${run.clients} clients; API ${run.seconds.api} s, pg ${run.seconds.pg} s. ` +
      `API total ${run.api.total.requestsPerSecond} req/s, ${run.api.total.errors} errors` +
      `${transport ? ` (${transport.firstError})` : ""}; pg total ${run.pg.total.requestsPerSecond} req/s, ${run.pg.total.errors} errors. ` +
      `API peak RSS ${run.api.peakRssMb} MiB (goal ${GOALS.rssMb}); Postgres CPU during the API run ${run.api.postgresCpuSeconds.toFixed(1)} s ` +
      `(${(run.api.postgresCpuSeconds / run.seconds.api).toFixed(2)} cores). Loading took ${run.load.seconds.total} s ` +
      `(${Object.entries(run.load.seconds)
        .filter(([key]) => key !== "total")
        .map(([key, value]) => `${key} ${value}`)
        .join(", ")}); ` +
      `access_events ${(run.accessEventsBytes.total / 2 ** 20).toFixed(0)} MiB with indexes (${(run.accessEventsBytes.heap / 2 ** 20).toFixed(0)} MiB rows). ` +
      `API replicas: ${run.replicas ?? 1}. ` +
      (run.subqlQuery.ran
        ? `@subql/query ${run.subqlQuery.version}: total ${run.subqlQuery.total.requestsPerSecond} req/s, ` +
          `${run.subqlQuery.total.errors} errors, ${run.seconds.pg} s (${run.subqlQuery.notes}).`
        : `@subql/query: not run (${run.subqlQuery.why}).`),
    "",
    ...lines,
    "",
  ].join("\n");
}

/** p95 (log scale) against events (log scale), one line per question kind of the "after" runs. */
export function chart(runs: Run[]): string {
  const width = 720,
    height = 420,
    left = 60,
    right = 230,
    top = 30,
    bottom = 50;
  const series = new Map<string, [number, number][]>();
  for (const run of runs.filter((candidate) => candidate.label === "after")) {
    for (const [kind, summary] of Object.entries(run.api.perKind)) {
      if (kind === "transport" || summary.requests === 0) continue;
      series.set(kind, [...(series.get(kind) ?? []), [run.events, Math.max(summary.p95, 0.1)]]);
    }
  }
  const xs = [1e4, 1e6],
    ys = [0.1, 1e4];
  const x = (value: number) => left + ((Math.log10(value) - Math.log10(xs[0]!)) / (Math.log10(xs[1]!) - Math.log10(xs[0]!))) * (width - left - right);
  const y = (value: number) => top + (1 - (Math.log10(value) - Math.log10(ys[0]!)) / (Math.log10(ys[1]!) - Math.log10(ys[0]!))) * (height - top - bottom);
  const colours = ["#1b6ca8", "#d1495b", "#edae49", "#00798c", "#30638e", "#6a4c93", "#8ac926", "#ff595e", "#444", "#c77dff", "#2a9d8f"];
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif" font-size="11">`,
    `<text x="${left}" y="18" font-size="13">CareTrail API p95 latency (ms) vs access events, 50 clients (bench/api, measured)</text>`,
  ];
  for (const tick of [1e4, 1e5, 1e6])
    parts.push(
      `<line x1="${x(tick)}" y1="${top}" x2="${x(tick)}" y2="${height - bottom}" stroke="#ddd"/>` +
        `<text x="${x(tick)}" y="${height - bottom + 15}" text-anchor="middle">${tick.toLocaleString("en")}</text>`,
    );
  for (const tick of [0.1, 1, 10, 100, 1000, 10000])
    parts.push(
      `<line x1="${left}" y1="${y(tick)}" x2="${width - right}" y2="${y(tick)}" stroke="#ddd"/>` +
        `<text x="${left - 5}" y="${y(tick) + 4}" text-anchor="end">${tick}</text>`,
    );
  for (const goal of [30, 150])
    parts.push(
      `<line x1="${left}" y1="${y(goal)}" x2="${width - right}" y2="${y(goal)}" stroke="#999" stroke-dasharray="4 3"/>` +
        `<text x="${width - right + 4}" y="${y(goal) + 4}" fill="#999">goal ${goal} ms</text>`,
    );
  parts.push(`<text x="${(left + width - right) / 2}" y="${height - 12}" text-anchor="middle">access events (log)</text>`);
  [...series.entries()].forEach(([kind, points], index) => {
    const colour = colours[index % colours.length]!;
    const sorted = points.sort((a, b) => a[0] - b[0]);
    parts.push(
      `<polyline fill="none" stroke="${colour}" stroke-width="2" points="${sorted.map(([e, p]) => `${x(e).toFixed(1)},${y(p).toFixed(1)}`).join(" ")}"/>`,
    );
    for (const [e, p] of sorted) parts.push(`<circle cx="${x(e).toFixed(1)}" cy="${y(p).toFixed(1)}" r="3" fill="${colour}"/>`);
    parts.push(
      `<rect x="${width - right + 70}" y="${top + index * 16}" width="10" height="10" fill="${colour}"/>` +
        `<text x="${width - right + 84}" y="${top + index * 16 + 9}">${kind}</text>`,
    );
  });
  parts.push("</svg>");
  return parts.join("\n") + "\n";
}

/** bench/results/api-*.json -> bench/api/RESULTS-api.md and docs/api-latency.svg; returns the number of runs. */
export function writeApiReport(): number {
  const runs = readRuns();
  const slowest = runs.filter((run) => run.events === 1_000_000);
  // With the read models, the largest run measured so far is at 100k events.
  const slowestAfter = runs.filter((run) => run.events === 100_000 && run.label === "after");
  const markdown = [
    "# API bench results (generated by `node --import tsx bench/api/report.ts` from bench/results/api-*.json; do not edit)",
    "",
    "Goals at 1M events: timeline and provenance p95 <= 30 ms at >= 2,000 req/s in the mix, aggregates p95 <= 150 ms, 0 errors, RSS <= 512 MiB.",
    "`before` is the API as it was (SubQuery's GiST indexes only, full counts, timestamptz bounds, analytics from raw events); `after` adds the",
    "read models of api/src/data/readModels.ts (both measured with other work on the 2 cores); `window-unbounded` is the API with the read models",
    "before time windows became block ranges, and `current` the API as it is, both on an otherwise idle machine; `two-replicas` is `current`",
    "with its 50 clients split over two API processes on the same database, run straight after it. Baselines ran in the same run:",
    "(a) the same statements through `pg`, (b) @subql/query over the same schema (see each run's note for what it cannot express).",
    "",
    ...runs.map(table),
    "## Plans of the three slowest questions (1M events)",
    "",
    ...slowest.flatMap((run) => run.plans.map((plan) => [`### ${run.label}: ${plan.kind}`, "", "```", plan.statement, ...plan.plan, "```", ""].join("\n"))),
    "## Plans of the three slowest questions (100k events, with the read models)",
    "",
    "The three question kinds with the highest p95 in the `after` run at 100k, each one's main statement as the API sends it, " +
      "`explain (analyze, buffers)` right after the load run. Where a plan takes milliseconds and the question's p95 above is seconds, " +
      "the time went elsewhere: the question's other statements, queueing for the pool of 8, or the API's own CPU on a loaded machine.",
    "",
    ...slowestAfter.flatMap((run) =>
      run.plans.map((plan) =>
        [`### ${run.label}, ${run.events.toLocaleString("en-US")} events: ${plan.kind}`, "", "```", plan.statement, ...plan.plan, "```", ""].join("\n"),
      ),
    ),
  ].join("\n");
  writeFileSync(new URL("./RESULTS-api.md", import.meta.url), markdown);
  writeFileSync(new URL("../../docs/api-latency.svg", import.meta.url), chart(runs));
  return runs.length;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  console.log(`${writeApiReport()} runs -> bench/api/RESULTS-api.md, docs/api-latency.svg`);
}
