import { seededRandom } from "@caretrail/devstack";

/** A small seeded PRNG (mulberry32): the demo story is the same for the same seed on every machine. */
export class SeededRandom {
  /** Uniform in [0, 1). */
  readonly next: () => number;
  constructor(seed: number) {
    this.next = seededRandom(seed);
  }

  /** Integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error("cannot pick from an empty list");
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** A value around `mean`, rounded to `decimals`. */
  around(mean: number, spread: number, decimals = 1): number {
    const factor = 10 ** decimals;
    return Math.round((mean + (this.next() * 2 - 1) * spread) * factor) / factor;
  }
}
