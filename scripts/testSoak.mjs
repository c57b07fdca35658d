// `npm run test:soak`: every package's soak set, one after another, then docs/reliability.json and the
// README's reliability table. Figures come from the soaks themselves (SOAK_REPORT_DIR); SOAK_SEED repeats a run.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { cpus, tmpdir, totalmem } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { renderReadme } from "./renderReliability.mjs";

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const seed = Number(process.env.SOAK_SEED ?? Math.floor(Math.random() * 2 ** 31));
const reportDir = mkdtempSync(path.join(tmpdir(), "caretrail-soak-"));
console.log(`test:soak: seed ${seed} (repeat with SOAK_SEED=${seed}); figures in ${reportDir}`);

const nodeTest = (dir, files) => ({ cwd: path.join(root, dir), command: process.execPath, args: ["--import", "tsx", "--test", "--test-reporter=spec", "--test-concurrency=1", ...files] });
const inDir = (dir, pattern) => (existsSync(path.join(root, dir)) ? readdirSync(path.join(root, dir)).filter((file) => pattern.test(file)).sort().map((file) => path.join(dir.split("/").slice(1).join("/"), file)) : []);

// The contract campaign runs last and the indexer soaks before it: each suite reads its files when it starts.
const suites = [
  { name: "api load soak", ...nodeTest("api", ["test/soak/load.soak.ts"]) },
  { name: "api outage soak", ...nodeTest("api", ["test/soak/outage.soak.ts"]) },
  { name: "indexer crash soak", ...nodeTest("indexer", inDir("indexer/test/soak", /^crash.*\.soak\.ts$/)) },
  ...inDir("indexer/test/soak", /^(outage|reorg).*\.soak\.ts$/).map((file) => ({ name: `indexer ${path.basename(file).replace(/\.soak\.ts$/, "")} soak`, ...nodeTest("indexer", [file]) })),
  { name: "contracts campaign soak", cwd: path.join(root, "contracts"), command: "npm", args: ["run", "test:soak"] },
];

const results = [];
for (const suite of suites) {
  console.log(`\ntest:soak: ${suite.name}`);
  const started = performance.now();
  const run = spawnSync(suite.command, suite.args, { cwd: suite.cwd, stdio: "inherit", env: { ...process.env, SOAK_SEED: String(seed), SOAK_REPORT_DIR: reportDir } });
  results.push({ name: suite.name, passed: run.status === 0, seconds: Math.round((performance.now() - started) / 100) / 10 });
}

const figures = Object.fromEntries(readdirSync(reportDir).filter((file) => file.endsWith(".json")).map((file) => [file.replace(/\.json$/, ""), JSON.parse(readFileSync(path.join(reportDir, file), "utf8"))]));
const report = {
  date: new Date().toISOString(),
  seed,
  machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? "unknown", memoryGb: Math.round(totalmem() / 2 ** 30), node: process.versions.node, platform: process.platform },
  suites: results,
  figures,
};
mkdirSync(path.join(root, "docs"), { recursive: true });
writeFileSync(path.join(root, "docs", "reliability.json"), JSON.stringify(report, null, 2) + "\n");
writeFileSync(path.join(root, "README.md"), renderReadme(readFileSync(path.join(root, "README.md"), "utf8"), report));
console.log("\ntest:soak: results");
for (const result of results) console.log(`  ${result.passed ? "passed" : "FAILED"}  ${result.name} (${result.seconds} s)`);
console.log(`${results.filter((r) => r.passed).length} passed, ${results.filter((r) => !r.passed).length} failed`);
console.log("wrote docs/reliability.json and README.md's reliability table");
process.exit(results.every((result) => result.passed) ? 0 : 1);
