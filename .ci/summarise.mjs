// Totals every suite in a test log. Knows the closing lines of the runners this repo uses:
// mocha (Hardhat), node's test runner (spec or TAP) and Playwright. Lines may carry turbo's
// "package:task: " prefix. Prints "N passed, N failed[, N skipped]" and exits 1 on any failure
// or when no suite reported at all.
import { readFileSync } from "node:fs";

// eslint-disable-next-line no-control-regex -- strips the ANSI colour codes (ESC [ … m) test runners print
const text = readFileSync(process.argv[2], "utf8").replace(/\x1b\[[0-9;]*m/g, "");
const patterns = [
  { runner: "mocha", re: /^(?:\S+: )?\s+(\d+) (passing|failing|pending)\b/ },
  { runner: "node", re: /^(?:\S+: )?(?:ℹ|#) (pass|fail|skipped|todo|cancelled) (\d+)$/ },
  { runner: "playwright", re: /^(?:\S+: )?\s+(\d+) (passed|failed|skipped|flaky|did not run)\b(?! *,)/ },
];
const kindOf = {
  passing: "passed",
  pass: "passed",
  passed: "passed",
  failing: "failed",
  fail: "failed",
  failed: "failed",
  cancelled: "failed",
  pending: "skipped",
  skipped: "skipped",
  todo: "skipped",
  "did not run": "skipped",
  flaky: "passed",
};
const totals = { passed: 0, failed: 0, skipped: 0 };
let suites = 0;
for (const line of text.split("\n")) {
  for (const { runner, re } of patterns) {
    const match = line.match(re);
    if (!match) continue;
    const [count, word] = runner === "node" ? [match[2], match[1]] : [match[1], match[2]];
    totals[kindOf[word]] += Number(count);
    if (kindOf[word] === "passed") suites++;
    break;
  }
}
console.log(`${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ""}`);
process.exit(totals.failed > 0 || suites === 0 ? 1 : 0);
