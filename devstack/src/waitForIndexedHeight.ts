import { CareTrailError } from "@caretrail/sdk";
import type { LogTail } from "./logTail.js";

export type WaitForIndexedHeightParameters = {
  /** The block to reach, or how to read it when the wait starts (the chain head). */
  height: number | (() => Promise<number>);
  /** The indexer's last processed block (undefined before its first); the indexer's package reads it, devstack cannot. */
  readHeight: () => Promise<number | undefined>;
  /** False once the indexer has exited: then waiting longer is pointless. */
  isRunning: () => boolean;
  /** The indexer's last lines, shown when the wait fails. */
  tail?: Pick<LogTail, "text">;
  timeoutMs?: number;
  intervalMs?: number;
};

/** The indexer exited, or did not reach the block in time; the message carries its last lines. */
export class IndexerBehindError extends CareTrailError {
  override name = "IndexerBehindError";
  static override readonly kind = "SERVICE_UNAVAILABLE";
}

/** Waits until an indexer has processed `height` (by default the chain head when called) and returns that height. */
export async function waitForIndexedHeight({
  height,
  readHeight,
  isRunning,
  tail,
  timeoutMs = 120_000,
  intervalMs = 250,
}: WaitForIndexedHeightParameters): Promise<number> {
  const target = typeof height === "number" ? height : await height();
  const lastLines = () => (tail ? `. Its last lines:\n${tail.text()}` : "");
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const indexed = await readHeight();
    if ((indexed ?? -1) >= target) return target;
    if (!isRunning()) throw new IndexerBehindError(`The indexer exited before block ${target} (it reached block ${indexed ?? "none"})${lastLines()}`);
    if (Date.now() > deadline) throw new IndexerBehindError(`The indexer reached block ${indexed ?? "none"} of ${target} within ${timeoutMs} ms${lastLines()}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
