// How `npm run test:soak` merges each finished suite into docs/reliability.json and what the README table says
// about stopped and partial runs (scripts/reliabilityReport.mjs, scripts/renderReliability.mjs).
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
// @ts-expect-error the root scripts are plain ES modules without type declarations
import { finishRun, normalizeReport, recordSuite, runId, startRun } from "../../../scripts/reliabilityReport.mjs";
// @ts-expect-error the root scripts are plain ES modules without type declarations
import { renderTable } from "../../../scripts/renderReliability.mjs";

const machine = { cpus: 2, cpuModel: "Test CPU", memoryGb: 8, node: "20.20.2", platform: "linux" };
const planned = ["api load soak", "api outage soak", "indexer crash soak"];
const load = (at: number) => ({
  name: "api-load",
  figures: {
    connections: 50,
    durationSeconds: 60,
    requests: at,
    requestsPerSecond: at / 60,
    latencyMs: { p50: 1, p90: 2, p97_5: 3, p99: 4, max: 5 },
    errors: 0,
    timeouts: 0,
    non2xx: 0,
    graphqlErrors: 0,
    apiRssMb: { before: 1, after: 2 },
  },
});
const outage = { downMs: 30000, apis: [{ name: "in-process", requests: 9, latencyMs: { p50: 1, max: 2 }, badAnswers: [], recoveredMs: 3 }] };

/** A suite's entry as `npm run test:soak` records it when the suite ends. */
function suiteEnded(name: string, status: string, seconds: number, finishedAt: string, loadAverage: number[], figures: object = {}) {
  return { name, status, seconds, finishedAt, loadAverage, figures };
}

function firstRun() {
  const id = runId(new Date("2026-12-01T10:00:00Z"), 1);
  let report = startRun(undefined, { id, seed: 1, startedAt: "2026-12-01T10:00:00.000Z", machine, loadAverage: [1.5, 1, 1], planned });
  report = recordSuite(report, id, suiteEnded("api load soak", "passed", 100, "2026-12-01T10:02:00.000Z", [2, 1, 1], { "api-load": load(600).figures }));
  report = recordSuite(report, id, suiteEnded("api outage soak", "passed", 50, "2026-12-01T10:03:00.000Z", [2, 1, 1], { "api-outage": outage }));
  return { id, report };
}

/** The next day's run, started over `earlier`. */
const second = runId(new Date("2026-12-02T10:00:00Z"), 2);
const secondRun = (earlier: unknown) =>
  startRun(earlier, { id: second, seed: 2, startedAt: "2026-12-02T10:00:00.000Z", machine, loadAverage: [5, 1, 1], planned });

test("a run id sorts by time and names the seed", () => {
  assert.equal(runId(new Date("2026-12-02T04:37:59Z"), 42), "20261202T0437Z-42");
});

test("a run written after each suite keeps what finished and lists the suites still missing", () => {
  const { id, report } = firstRun();
  assert.deepEqual(report.runs[id].missing, ["indexer crash soak"]);
  assert.equal(report.runs[id].state, "running");
  assert.deepEqual(report.figureSources["api-load"], { suite: "api load soak", run: id });
  const finished = finishRun(report, id, { finishedAt: "2026-12-01T10:04:00.000Z", loadAverage: [3, 1, 1] });
  assert.equal(finished.runs[id].state, "partial");
  assert.deepEqual(finished.runs[id].loadAverage, { start: [1.5, 1, 1], last: [3, 1, 1] });
  const table = renderTable(finished);
  assert.match(
    table,
    new RegExp(
      /\*\*20261201T1000Z-1\*\* \(latest\): 2026-12-01 10:00 UTC, seed 1, 2 × Test CPU, Node 20\.20\.2, /.source +
        /load average 1\.5 at the start, 3\.0 at the last suite's end; 2 of 3 suites finished; missing: indexer crash soak\./.source,
    ),
  );
  assert.match(table, /\| indexer crash soak \| not run \| did not finish in the latest run \| 20261201T1000Z-1 \|/);
  assert.match(table, /\| API load \| 0 errors \| 50 clients, 60 s: 600 requests.* \| 20261201T1000Z-1 \|/);
});

test("a later run that stops keeps the earlier run's figures for the suites it did not finish", () => {
  const { id: first, report: earlier } = firstRun();
  let report = secondRun(earlier);
  report = recordSuite(report, second, suiteEnded("api load soak", "passed", 90, "2026-12-02T10:02:00.000Z", [5, 1, 1], { "api-load": load(1200).figures }));
  report = recordSuite(report, second, suiteEnded("api outage soak", "stopped", 10, "2026-12-02T10:03:00.000Z", [5, 1, 1]));
  report = finishRun(report, second, { finishedAt: "2026-12-02T10:03:00.000Z", loadAverage: [5, 1, 1] });
  assert.equal(report.runs[second].state, "stopped");
  assert.equal(report.runs[second].stoppedIn, "api outage soak");
  assert.deepEqual(report.runs[second].missing, ["api outage soak", "indexer crash soak"]);
  assert.equal(report.figures["api-load"].requests, 1200, "the newer run's figures replace the older ones");
  assert.deepEqual(report.figureSources["api-outage"], { suite: "api outage soak", run: first }, "the older result stays, with its run");
  assert.deepEqual(Object.keys(report.runs).sort(), [first, second]);
  const table = renderTable(report);
  assert.match(table, /stopped during api outage soak after 1 of 3 suites; missing: api outage soak, indexer crash soak\./);
  assert.match(table, /\| API, Postgres down 30 s \(in-process\) \| every request a clean 503 \| .* \| 20261201T1000Z-1 \|/);
  assert.match(table, /\| API load \| 0 errors \| 50 clients, 60 s: 1200 requests.* \| 20261202T1000Z-2 \|/);
});

test("a suite that fails replaces its earlier figures, and the table says it failed", () => {
  const { report: earlier } = firstRun();
  let report = secondRun(earlier);
  report = recordSuite(report, second, suiteEnded("api outage soak", "failed", 10, "2026-12-02T10:03:00.000Z", [5, 1, 1]));
  assert.equal(report.figures["api-outage"], undefined, "figures the failed suite no longer wrote are dropped");
  report = recordSuite(report, second, suiteEnded("api load soak", "failed", 10, "2026-12-02T10:04:00.000Z", [5, 1, 1], { "api-load": load(60).figures }));
  const table = renderTable(report);
  assert.match(table, /\| api outage soak \| FAILED \| 10 s \| 20261202T1000Z-2 \|/);
  assert.match(table, /\| API load \| FAILED \(0 errors\) \|/);
  assert.doesNotMatch(table, /API, Postgres down/);
});

test("the report written before runs were recorded reads as one stopped run", () => {
  const legacy = JSON.parse(readFileSync(new URL("../../../docs/reliability.json", import.meta.url), "utf8"));
  if (legacy.version === 2) return; // already rewritten by a run
  const report = normalizeReport(legacy);
  const id = report.latestRun;
  assert.equal(report.runs[id].state, "stopped");
  assert.equal(report.figureSources["indexer-crash"].suite, "indexer crash soak");
  assert.equal(report.figureSources["contracts-mutants"].suite, null);
  assert.equal(report.suites.length, legacy.suites.length);
});
