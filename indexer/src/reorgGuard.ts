import type { IndexedBlock } from "./chainWatchProxy.ts";

/** Reads the chain's current block hashes; heights the chain does not have (it got shorter) map to undefined. */
export type CanonicalHashes = (heights: number[]) => Promise<Map<number, string | undefined>>;

export type Divergence = {
  /** The highest indexed height whose block is still on the chain (startBlock - 1 when none is). */
  forkHeight: number;
  /** How many indexed blocks the chain replaced or dropped. */
  depth: number;
};

const WALK_BATCH = 64;

/**
 * Compares the blocks the tables were indexed from with the chain, up to `lastProcessedHeight`. The indexed
 * blocks are checked to link by parent hash, so one canonical lookup at the top proves every height below it;
 * only on a mismatch does it walk down to the fork point. Any divergence counts: a longer, an equal or a
 * shorter replacement, of any depth.
 */
export async function findDivergence(
  indexed: ReadonlyMap<number, IndexedBlock>,
  lastProcessedHeight: number,
  startBlock: number,
  canonical: CanonicalHashes,
): Promise<Divergence | undefined> {
  const brokenLink = lowestBrokenLink(indexed, startBlock, lastProcessedHeight);
  const top = brokenLink === undefined ? lastProcessedHeight : brokenLink - 1;
  if (brokenLink === undefined) {
    const tip = indexed.get(lastProcessedHeight);
    if (tip === undefined) return undefined; // indexed before this runner kept hashes: nothing to compare
    if ((await canonical([lastProcessedHeight])).get(lastProcessedHeight) === tip.hash) return undefined;
  }
  // Walk down from `top` to the highest height whose indexed block is still the chain's.
  for (let high = top; high >= startBlock; high -= WALK_BATCH) {
    const heights = Array.from({ length: Math.min(WALK_BATCH, high - startBlock + 1) }, (_, i) => high - i);
    const hashes = await canonical(heights);
    for (const height of heights) {
      const block = indexed.get(height);
      if (block === undefined || hashes.get(height) === block.hash) return { forkHeight: height, depth: lastProcessedHeight - height };
    }
  }
  return { forkHeight: startBlock - 1, depth: lastProcessedHeight - startBlock + 1 };
}

/** The lowest height in [from, to] whose indexed block does not name the indexed block below it as parent. */
function lowestBrokenLink(indexed: ReadonlyMap<number, IndexedBlock>, from: number, to: number): number | undefined {
  for (let height = from + 1; height <= to; height++) {
    const block = indexed.get(height);
    const below = indexed.get(height - 1);
    if (block && below && block.parentHash !== below.hash) return height;
  }
  return undefined;
}
