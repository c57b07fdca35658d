/** Median, extremes and 95th percentile of a sample (nearest rank). */
export type Summary = { median: number; min: number; max: number; p95: number; samples: number };

export function summarize(values: number[]): Summary {
  if (values.length === 0) throw new Error("summarize: no values");
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length / 2;
  const median = sorted.length % 2 ? sorted[Math.floor(middle)]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
  const p95 = sorted[Math.min(sorted.length - 1, Math.ceil(0.95 * sorted.length) - 1)]!;
  return { median, min: sorted[0]!, max: sorted.at(-1)!, p95, samples: sorted.length };
}
