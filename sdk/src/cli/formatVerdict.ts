import type { CheckStatus, Verdict } from "../verify/verdict.js";

const LABEL: Record<CheckStatus, string> = { pass: "PASS", fail: "FAIL", warn: "WARN", skip: "SKIP" };

export function formatVerdict(verdict: Verdict): string {
  const width = Math.max(...verdict.checks.map((check) => check.name.length));
  const lines = verdict.checks.map((check) => `${LABEL[check.status]}  ${check.name.padEnd(width)}  ${check.reason}`);
  const failures = verdict.checks.filter((check) => check.status === "fail").length;
  const summary = verdict.valid
    ? `${verdict.kind} ${verdict.recordId} is VALID`
    : `${verdict.kind} ${verdict.recordId} is NOT VALID: ${failures} check${failures === 1 ? "" : "s"} failed`;
  return [...lines, "", summary].join("\n");
}
