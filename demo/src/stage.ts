/** One step of bringing the stack up, printed as a progress line with its duration. */
export class StageError extends Error {
  override name = "StageError";
  constructor(
    readonly stage: string,
    readonly cause: unknown,
    readonly recentOutput: string[],
  ) {
    super(`${stage} failed: ${cause instanceof Error ? cause.message : String(cause)}`);
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

export async function runStage<T>(label: string, work: () => Promise<T>, recent?: RecentLines): Promise<T> {
  const started = performance.now();
  process.stdout.write(`  ${label.padEnd(10)} … `);
  try {
    const result = await work();
    process.stdout.write(`ready in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
    return result;
  } catch (error) {
    process.stdout.write("FAILED\n");
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
