import { CareTrailError } from "../errors/careTrailError.js";

/**
 * The line the CLI prints for a failure: CareTrail's own errors are expected mistakes and get their message only;
 * anything else keeps its stack for a bug report.
 */
export function errorReport(error: unknown): string {
  if (error instanceof CareTrailError) return `error: ${error.message}`;
  return `error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`;
}
