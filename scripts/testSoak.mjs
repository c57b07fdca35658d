// `npm run test:soak`: every package's soak set, one after another. After each suite its figures go into
// docs/reliability.json and the README's reliability table is regenerated (scripts/reliabilityReport.mjs says
// how runs merge). Figures come from the soaks themselves (SOAK_REPORT_DIR); SOAK_SEED repeats a run;
// SOAK_SUITES=name,name runs only the suites whose names contain one of those words.
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir, totalmem } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { renderReadme } from "./renderReliability.mjs";
import { finishRun, recordSuite, runId, startRun } from "./reliabilityReport.mjs";

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const seed = Number(process.env.SOAK_SEED ?? Math.floor(Math.random() * 2 ** 31));
const reportDir = mkdtempSync(path.join(tmpdir(), "caretrail-soak-"));
console.log(`test:soak: seed ${seed} (repeat with SOAK_SEED=${seed}); figures in ${reportDir}`);

const nodeTest = (dir, files) => ({
  cwd: path.join(root, dir),
  command: process.execPath,
  args: ["--import", "tsx", "--test", "--test-reporter=spec", "--test-concurrency=1", ...files],
});
const inDir = (dir, pattern) =>
  existsSync(path.join(root, dir))
    ? readdirSync(path.join(root, dir))
        .filter((file) => pattern.test(file))
        .sort()
        .map((file) => path.join(dir.split("/").slice(1).join("/"), file))
    : [];

// The contract campaign runs last and the indexer soaks before it: each suite reads its files when it starts.
const suites = [
  { name: "api load soak", ...nodeTest("api", ["test/soak/load.soak.ts"]) },
  { name: "api outage soak", ...nodeTest("api", ["test/soak/outage.soak.ts"]) },
  { name: "indexer crash soak", ...nodeTest("indexer", inDir("indexer/test/soak", /^crash.*\.soak\.ts$/)) },
  ...inDir("indexer/test/soak", /^(outage|reorg).*\.soak\.ts$/).map((file) => ({
    name: `indexer ${path.basename(file).replace(/\.soak\.ts$/, "")} soak`,
    ...nodeTest("indexer", [file]),
  })),
  { name: "contracts campaign soak", cwd: path.join(root, "contracts"), command: "npm", args: ["run", "test:soak"] },
];
// Suites left out by SOAK_SUITES still count as planned: the report lists them as missing from this run.
const selected = (suite) => !process.env.SOAK_SUITES || process.env.SOAK_SUITES.split(",").some((word) => suite.name.includes(word.trim()));

const reportPath = path.join(root, "docs", "reliability.json");
const readmePath = path.join(root, "README.md");
const startedAt = new Date();
const id = runId(startedAt, seed);
const machine = {
  cpus: cpus().length,
  cpuModel: cpus()[0]?.model ?? "unknown",
  memoryGb: Math.round(totalmem() / 2 ** 30),
  node: process.versions.node,
  platform: process.platform,
};
const load = () => loadavg().map((value) => Math.round(value * 100) / 100);

/** Writes the report and the README's table (after every suite, so a stopped run keeps what finished). */
function save(report) {
  mkdirSync(path.dirname(reportPath), { recursive: true });
  writeFileSync(reportPath, JSON.stringify(report, null, 2) + "\n");
  writeFileSync(readmePath, renderReadme(readFileSync(readmePath, "utf8"), report));
}

let report = startRun(existsSync(reportPath) ? JSON.parse(readFileSync(reportPath, "utf8")) : undefined, {
  id,
  seed,
  startedAt: startedAt.toISOString(),
  machine,
  loadAverage: load(),
  planned: suites.map((suite) => suite.name),
});
save(report);
console.log(`test:soak: run ${id}, load average ${load().join(" ")}`);

/** The figure files in the report directory, with their modification times (a suite may rewrite one). */
const figureFiles = () =>
  new Map(
    readdirSync(reportDir)
      .filter((file) => file.endsWith(".json"))
      .map((file) => [file, statSync(path.join(reportDir, file)).mtimeMs]),
  );

// Ctrl-C reaches the suite too (same process group); SIGTERM to this process is passed on. Either way the suite
// that was running is recorded as stopped and no further suite starts.
let stopSignal = null;
let current = null;
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    stopSignal = signal;
    if (current && current.exitCode === null && current.signalCode === null) current.kill(signal);
  });
}

const results = [];
for (const suite of suites.filter(selected)) {
  if (stopSignal) break;
  console.log(`\ntest:soak: ${suite.name}`);
  const started = performance.now();
  const before = figureFiles();
  current = spawn(suite.command, suite.args, {
    cwd: suite.cwd,
    stdio: "inherit",
    env: { ...process.env, SOAK_SEED: String(seed), SOAK_REPORT_DIR: reportDir },
  });
  const [code, signal] = await new Promise((resolve) => current.once("exit", (exitCode, exitSignal) => resolve([exitCode, exitSignal])));
  current = null;
  const seconds = Math.round((performance.now() - started) / 100) / 10;
  const status = stopSignal ? "stopped" : code === 0 ? "passed" : "failed";
  const figures = {};
  for (const [file, mtime] of figureFiles()) {
    if (before.get(file) !== mtime) figures[file.replace(/\.json$/, "")] = JSON.parse(readFileSync(path.join(reportDir, file), "utf8"));
  }
  results.push({ name: suite.name, status, seconds, signal });
  report = recordSuite(report, id, { name: suite.name, status, seconds, finishedAt: new Date().toISOString(), loadAverage: load(), figures });
  save(report);
  console.log(`test:soak: ${suite.name} ${status} in ${seconds} s; docs/reliability.json and README.md updated`);
}
report = finishRun(report, id, { finishedAt: new Date().toISOString(), loadAverage: load() });
save(report);

console.log(`\ntest:soak: results of run ${id}`);
for (const result of results) console.log(`  ${result.status === "passed" ? "passed" : result.status.toUpperCase()}  ${result.name} (${result.seconds} s)`);
const missing = report.runs[id].missing;
if (missing.length) console.log(`  not run: ${missing.join(", ")}`);
const passed = results.filter((r) => r.status === "passed").length;
console.log(`${passed} passed, ${results.length - passed} failed${missing.length ? `, ${missing.length} skipped` : ""}`);
console.log("wrote docs/reliability.json and README.md's reliability table");
process.exit(stopSignal ? 130 : results.every((result) => result.status === "passed") ? 0 : 1);
