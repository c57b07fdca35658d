// Regenerates README.md's reliability table from docs/reliability.json (between the reliability markers).
// `node scripts/renderReliability.mjs --check` exits 1 when the README is stale.
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import path from "node:path";
import { normalizeReport } from "./reliabilityReport.mjs";

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const START = "<!-- reliability:start -->";
const END = "<!-- reliability:end -->";

/** The Markdown table for a reliability report (docs/reliability.json, either shape). */
export function renderTable(stored) {
  const report = normalizeReport(stored);
  const rows = [["Check", "Result", "Figures", "Run"]];
  // Each row names the run its figures come from; a figure from a suite that failed says so.
  const push = (figure, [check, result, figures]) => {
    const source = report.figureSources[figure];
    const suite = report.suites.find((candidate) => candidate.name === source?.suite);
    rows.push([check, suite?.status === "failed" ? `FAILED (${result})` : result, figures, source?.run ?? "-"]);
  };
  const crash = report.figures["indexer-crash"];
  if (crash) {
    const resumed = crash.kills.map((kill) => kill.resumedMs).filter((ms) => ms !== null);
    push("indexer-crash", [
      "Indexer crash soak",
      `${crash.kills.length} SIGKILLs + 1 Postgres restart survived`,
      [
        `${crash.backlog.events} events (${crash.backlog.denseBlocks} dense, ${crash.backlog.sparseBlocks} one-tx blocks)`,
        `missing/extra/different ${crash.totals.missing}/${crash.totals.extra}/${crash.totals.different}`,
        `resumed past the kill height in median ${median(resumed)} ms, max ${Math.max(...resumed)} ms`,
        `converged ${crash.convergeMs} ms after the last start`,
        `seed ${crash.seed}`,
      ].join("; "),
    ]);
  }
  const reorgs = report.figures.reorgMatrix;
  if (reorgs) {
    const depths = [...new Set(reorgs.followed.map((reorg) => reorg.depth))].join(", ");
    push("reorgMatrix", [
      "Indexer reorg matrix",
      `${reorgs.followed.length} reorgs followed`,
      `depths ${depths}, each by a longer, an equal and a shorter branch (INDEXER_REORG_DEPTH ${reorgs.reorgDepthSetting}); ` +
        `tables equal the new chain in median ${reorgs.convergedMsMedian} ms, max ${reorgs.convergedMsMax} ms`,
    ]);
  }
  for (const outage of report.figures.outages ?? []) {
    push("outages", [
      `Indexer, ${outage.what === "chain" ? "the chain" : "Postgres"} away ${outage.outageMs / 1000} s`,
      `${outage.logLines} log lines, nothing lost`,
      `states seen: ${outage.statesSeen.join(", ")}; tables equal the chain ${outage.convergedMs} ms after it came back`,
    ]);
  }
  const campaign = report.figures["contracts-campaign"];
  if (campaign) {
    push("contracts-campaign", [
      "Contract invariant campaign",
      `${campaign.sequences} sequences passed`,
      `${campaign.commands} commands, ${campaign.calls} calls (+${campaign.views} views), ${campaign.attempts} access attempts, ` +
        `${campaign.grants} consent grants, ${campaign.appends} appends, ${campaign.reads} reads logged, ` +
        `in ${Math.round(campaign.seconds)} s; seed ${campaign.seed}`,
    ]);
  }
  const mutants = report.figures["contracts-mutants"];
  if (mutants) {
    push("contracts-mutants", [
      "Contract mutants (500-sequence campaign)",
      `${mutants.caught.length} of ${mutants.caught.length + mutants.missed.length} caught`,
      mutants.caught.map((mutant) => `${mutant.mutation}: failed after ${mutant.sequences} sequences`).join("; ") +
        (mutants.missed.length ? `; missed: ${mutants.missed.join(", ")}` : ""),
    ]);
  }
  const load = report.figures["api-load"];
  if (load) {
    push("api-load", [
      "API load",
      `${load.errors + load.timeouts + load.non2xx + load.graphqlErrors} errors`,
      `${load.connections} clients, ${load.durationSeconds} s: ${load.requests} requests, ${load.requestsPerSecond} req/s, ` +
        `p50/p97.5/p99 ${load.latencyMs.p50}/${load.latencyMs.p97_5}/${load.latencyMs.p99} ms; ` +
        `API RSS ${load.apiRssMb.before} → ${load.apiRssMb.after} MB`,
    ]);
  }
  const outage = report.figures["api-outage"];
  if (outage) {
    for (const api of outage.apis) {
      push("api-outage", [
        `API, Postgres down ${outage.downMs / 1000} s (${api.name})`,
        api.badAnswers.length === 0 ? "every request a clean 503" : `${api.badAnswers.length} bad answers`,
        `${api.requests} requests, p50 ${api.latencyMs.p50} ms, slowest ${api.latencyMs.max} ms; ` +
          `answered again ${api.recoveredMs} ms after Postgres, no restart`,
      ]);
    }
  }
  for (const suite of report.suites) {
    // Suites that passed with figures have their rows above; the others (and any that failed) are listed by name.
    if (suite.status === "passed" && suite.figures.length) continue;
    rows.push([suite.name, suite.status === "passed" ? "passed" : "FAILED", `${Math.round(suite.seconds)} s`, suite.run]);
  }
  const latest = report.runs[report.latestRun];
  for (const name of latest?.missing ?? []) {
    if (!report.suites.some((suite) => suite.name === name))
      rows.push([name, "not run", latest.state === "running" ? "not finished yet" : "did not finish in the latest run", latest.id]);
  }
  const line = (cells) => `| ${cells.map((cell) => String(cell).replaceAll("|", "\\|")).join(" | ")} |`;
  const runs = Object.values(report.runs).sort((a, b) => (a.id < b.id ? 1 : -1));
  return [
    `Generated from docs/reliability.json (\`node scripts/renderReliability.mjs\`); the Run column names the \`npm run test:soak\` run each row comes from.`,
    "",
    ...runs.map((run) => `- ${describeRun(run, run.id === report.latestRun)}`),
    "",
    line(rows[0]),
    line(rows[0].map(() => "---")),
    ...rows.slice(1).map(line),
  ].join("\n");
}

/** One sentence about a run: when, where, how loaded, how far it got. */
function describeRun(run, latest) {
  const when = (run.startedAt ?? run.updatedAt).slice(0, 16).replace("T", " ");
  const machine = run.machine ? `${run.machine.cpus} × ${run.machine.cpuModel}, Node ${run.machine.node}` : "machine not recorded";
  const load = run.loadAverage
    ? `load average ${run.loadAverage.start[0].toFixed(1)} at the start, ${run.loadAverage.last[0].toFixed(1)} at the last suite's end`
    : "load not recorded";
  const finished = run.planned.filter((name) => !run.missing.includes(name)).length;
  const state = {
    running: `running: ${finished} of ${run.planned.length} suites finished`,
    complete: `complete: all ${run.planned.length} suites finished`,
    partial: `${finished} of ${run.planned.length} suites finished`,
    stopped: `stopped${run.stoppedIn ? ` during ${run.stoppedIn}` : ""} after ${finished} of ${run.planned.length} suites`,
  }[run.state];
  const missing = run.missing.length ? `; missing: ${run.missing.join(", ")}` : "";
  return `**${run.id}**${latest ? " (latest)" : ""}: ${when} UTC, seed ${run.seed}, ${machine}, ${load}; ${state}${missing}.${run.note ? ` ${run.note}` : ""}`;
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length ? sorted[Math.floor(sorted.length / 2)] : "-";
}

/** README.md with the table between the markers replaced. */
export function renderReadme(readme, report) {
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start < 0 || end < start) throw new Error(`README.md has no ${START} … ${END} section`);
  return `${readme.slice(0, start + START.length)}\n${renderTable(report)}\n${readme.slice(end)}`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const report = JSON.parse(readFileSync(path.join(root, "docs", "reliability.json"), "utf8"));
  const readmePath = path.join(root, "README.md");
  const current = readFileSync(readmePath, "utf8");
  const next = renderReadme(current, report);
  if (process.argv.includes("--check")) {
    if (next !== current) {
      console.error("README.md's reliability table is stale: run node scripts/renderReliability.mjs");
      process.exit(1);
    }
  } else writeFileSync(readmePath, next);
}
