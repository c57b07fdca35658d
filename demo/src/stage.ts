import type { LogTail } from "@caretrail/devstack";
import { CareTrailError, messageOf } from "@caretrail/sdk/errors";

/** One step of bringing the stack up failed; `cause` is what it threw, `recentOutput` the last lines its child printed. */
export class StageError extends CareTrailError {
  override name = "StageError";
  constructor(
    readonly stage: string,
    cause: unknown,
    readonly recentOutput: string[],
  ) {
    super(`${stage} failed: ${messageOf(cause)}`, { cause, kind: cause instanceof CareTrailError ? cause.kind : undefined });
  }
}

/**
 * Runs one stage and prints its line when it ends, so stages that run side by side (the dashboard's build
 * alongside the seed, the indexer's catch-up alongside the API) each get one whole line.
 */
export async function runStage<T>(label: string, work: () => Promise<T>, recent?: LogTail): Promise<T> {
  const started = performance.now();
  try {
    const result = await work();
    console.log(`  ${label.padEnd(10)} … ready in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    return result;
  } catch (error) {
    console.log(`  ${label.padEnd(10)} … FAILED`);
    throw new StageError(label, error, recent?.lines() ?? []);
  }
}
