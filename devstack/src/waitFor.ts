import { CareTrailError } from "@caretrail/sdk";

export type WaitForParameters = { timeoutMs: number; intervalMs?: number };

/** `waitFor` gave up; the message names what it waited for. */
export class WaitTimeoutError extends CareTrailError {
  override name = "WaitTimeoutError";
  static override readonly kind = "SERVICE_UNAVAILABLE";
}

/**
 * Polls `check` until it returns a value other than undefined or false, and returns that value. An error `check` throws
 * ends the wait (a check that may fail before the thing is up catches its own errors). `what` may be a function, read at
 * the timeout, so the message can carry the last lines a child printed.
 */
export async function waitFor<T>(
  what: string | (() => string),
  check: () => Promise<T | undefined | false>,
  { timeoutMs, intervalMs = 250 }: WaitForParameters,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new WaitTimeoutError(`timed out after ${timeoutMs / 1000} s waiting for ${typeof what === "string" ? what : what()}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
