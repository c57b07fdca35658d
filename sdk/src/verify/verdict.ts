import type { Hex } from "../hex.js";

/** "warn" marks something a reader must know that does not make the record false (it was amended). */
export type CheckStatus = "pass" | "fail" | "warn" | "skip";
export type Check = { name: string; status: CheckStatus; reason: string };

export type Verdict = {
  kind: "record" | "disclosure";
  recordId: Hex;
  /** True when no check failed. */
  valid: boolean;
  checks: Check[];
};

export function verdictOf(kind: Verdict["kind"], recordId: Hex, checks: Check[]): Verdict {
  return { kind, recordId, valid: checks.every((check) => check.status !== "fail"), checks };
}

export const pass = (name: string, reason: string): Check => ({ name, status: "pass", reason });
export const fail = (name: string, reason: string): Check => ({ name, status: "fail", reason });
export const warn = (name: string, reason: string): Check => ({ name, status: "warn", reason });
export const skip = (name: string, reason: string): Check => ({ name, status: "skip", reason });
