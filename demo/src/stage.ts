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

/** Keeps the last lines a child printed, to show when its stage fails. */
export class RecentLines {
  private readonly lines: string[] = [];
  constructor(private readonly limit = 20) {}
  push = (line: string): void => {
    this.lines.push(line);
    if (this.lines.length > this.limit) this.lines.shift();
  };
  get all(): string[] {
    return [...this.lines];
  }
}

/**
 * Runs one stage and prints its line when it ends, so stages that run side by side (the dashboard's build
 * alongside the seed, the indexer's catch-up alongside the API) each get one whole line.
 */
export async function runStage<T>(label: string, work: () => Promise<T>, recent?: RecentLines): Promise<T> {
  const started = performance.now();
  try {
    const result = await work();
    console.log(`  ${label.padEnd(10)} … ready in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    return result;
  } catch (error) {
    console.log(`  ${label.padEnd(10)} … FAILED`);
    throw new StageError(label, error, recent?.all ?? []);
  }
}

/** Polls `check` until it returns a value (not undefined), or fails after `timeoutMs`. */
export async function waitFor<T>(what: string, check: () => Promise<T | undefined>, timeoutMs: number, intervalMs = 250): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
