// docs/reliability.json as `npm run test:soak` keeps it: written after every suite, so a stopped or partly failed
// run keeps what finished. Each suite's latest finished result wins; a suite a run did not finish keeps its result
// from an earlier run (with that run's id), and the run lists it as missing. Pure functions: scripts/testSoak.mjs
// does the I/O, api/test/soak/reliabilityReport.test.ts tests these.

export const REPORT_VERSION = 2;

/** A run id that sorts by time and names the seed: 20261202T0437Z-1422617742. */
export function runId(startedAt, seed) {
  return `${startedAt.toISOString().slice(0, 16).replaceAll("-", "").replace(":", "")}Z-${seed}`;
}

/**
 * Reads any stored report (version 2, or the single-run shape written before it) as version 2.
 * The older shape becomes one run whose suites are the ones it lists; every figure in it is that run's.
 */
export function normalizeReport(stored) {
  if (!stored) return { version: REPORT_VERSION, latestRun: null, runs: {}, suites: [], figures: {}, figureSources: {} };
  if (stored.version === REPORT_VERSION) return structuredClone(stored);
  const id = runId(new Date(stored.date), stored.seed);
  const suites = (stored.suites ?? []).map((suite) => ({
    name: suite.name,
    status: suite.passed ? "passed" : "failed",
    seconds: suite.seconds,
    run: id,
    finishedAt: stored.date,
    figures: [],
  }));
  const figureSources = {};
  for (const figure of Object.keys(stored.figures ?? {})) {
    const suite = suites.find((candidate) => LEGACY_FIGURE_SUITES[figure] === candidate.name);
    figureSources[figure] = { suite: suite ? suite.name : null, run: id };
    suite?.figures.push(figure);
  }
  return {
    version: REPORT_VERSION,
    latestRun: id,
    runs: {
      [id]: {
        id,
        seed: stored.seed,
        startedAt: null,
        updatedAt: stored.date,
        state: "stopped",
        machine: stored.machine,
        loadAverage: null,
        planned: suites.map((suite) => suite.name),
        missing: [],
        ...(stored.note ? { note: stored.note } : {}),
      },
    },
    suites,
    figures: structuredClone(stored.figures ?? {}),
    figureSources,
  };
}

/** Which suite wrote each figure in the single-run reports (they did not record it). */
const LEGACY_FIGURE_SUITES = {
  "api-load": "api load soak",
  "api-outage": "api outage soak",
  "indexer-crash": "indexer crash soak",
  outages: "indexer outages soak",
  reorgMatrix: "indexer reorgMatrix soak",
  "contracts-campaign": "contracts campaign soak",
};

/** The report with a new run started: it plans `planned` suites, none finished yet (all missing). */
export function startRun(report, { id, seed, startedAt, machine, loadAverage, planned }) {
  const next = normalizeReport(report);
  next.runs[id] = {
    id,
    seed,
    startedAt,
    updatedAt: startedAt,
    state: "running",
    machine,
    loadAverage: { start: loadAverage, last: loadAverage },
    planned: [...planned],
    missing: [...planned],
  };
  next.latestRun = id;
  return prune(next);
}

/**
 * The report after one suite of run `id` ended: status "passed" | "failed" | "stopped". A passed or failed suite
 * replaces that suite's earlier result and figures (figures it no longer writes are dropped); a stopped one
 * changes nothing but the run's record, so the earlier result stays and the suite stays missing.
 */
export function recordSuite(report, id, { name, status, seconds, finishedAt, loadAverage, figures }) {
  const next = normalizeReport(report);
  const run = next.runs[id];
  if (!run) throw new Error(`no run ${id} in the report`);
  run.updatedAt = finishedAt;
  if (loadAverage) run.loadAverage = { ...(run.loadAverage ?? {}), last: loadAverage };
  if (status === "stopped") {
    run.state = "stopped";
    run.stoppedIn = name;
    return prune(next);
  }
  const previous = next.suites.find((suite) => suite.name === name);
  for (const figure of previous?.figures ?? []) {
    delete next.figures[figure];
    delete next.figureSources[figure];
  }
  // A figure another suite wrote before belongs to this one now.
  for (const figure of Object.keys(figures)) {
    const owner = next.suites.find((suite) => suite.name !== name && suite.figures.includes(figure));
    if (owner) owner.figures = owner.figures.filter((other) => other !== figure);
    next.figures[figure] = figures[figure];
    next.figureSources[figure] = { suite: name, run: id };
  }
  const entry = { name, status, seconds, run: id, finishedAt, figures: Object.keys(figures).sort() };
  next.suites = previous ? next.suites.map((suite) => (suite === previous ? entry : suite)) : [...next.suites, entry];
  run.missing = run.missing.filter((missing) => missing !== name);
  return prune(next);
}

/** The report at the end of run `id`: complete when every planned suite finished, else partial or stopped. */
export function finishRun(report, id, { finishedAt, loadAverage }) {
  const next = normalizeReport(report);
  const run = next.runs[id];
  run.updatedAt = finishedAt;
  if (loadAverage) run.loadAverage = { ...(run.loadAverage ?? {}), last: loadAverage };
  if (run.state !== "stopped") run.state = run.missing.length ? "partial" : "complete";
  return prune(next);
}

/** Drops runs nothing refers to any more (no suite result or figure, not the latest). */
function prune(report) {
  const used = new Set([report.latestRun, ...report.suites.map((suite) => suite.run), ...Object.values(report.figureSources).map((source) => source.run)]);
  for (const id of Object.keys(report.runs)) if (!used.has(id)) delete report.runs[id];
  return report;
}
