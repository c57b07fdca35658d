/** Per question kind: every latency (bounded by the run's length) and every failure, summarised at the end. */
export type KindSummary = {
  requests: number;
  requestsPerSecond: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  errors: number;
  firstError?: string;
};

export class Latencies {
  seconds = 0;
  private readonly samples = new Map<string, number[]>();
  private readonly errors = new Map<string, { count: number; first: string }>();

  add(kind: string, ms: number): void {
    const list = this.samples.get(kind) ?? [];
    list.push(ms);
    this.samples.set(kind, list);
  }

  fail(kind: string, message: string): void {
    const entry = this.errors.get(kind) ?? { count: 0, first: message.slice(0, 200) };
    entry.count++;
    this.errors.set(kind, entry);
  }

  summary(): Record<string, KindSummary> {
    const kinds = new Set([...this.samples.keys(), ...this.errors.keys()]);
    const result: Record<string, KindSummary> = {};
    for (const kind of [...kinds].sort()) {
      const sorted = (this.samples.get(kind) ?? []).slice().sort((a, b) => a - b);
      const at = (q: number) => (sorted.length ? Math.round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]! * 10) / 10 : 0);
      const failures = this.errors.get(kind);
      result[kind] = {
        requests: sorted.length,
        requestsPerSecond: Math.round(sorted.length / (this.seconds || 1)),
        p50: at(0.5),
        p95: at(0.95),
        p99: at(0.99),
        max: at(1),
        errors: failures?.count ?? 0,
        ...(failures ? { firstError: failures.first } : {}),
      };
    }
    return result;
  }

  total(): { requests: number; requestsPerSecond: number; errors: number } {
    const requests = [...this.samples.values()].reduce((sum, list) => sum + list.length, 0);
    const errors = [...this.errors.values()].reduce((sum, entry) => sum + entry.count, 0);
    return { requests, requestsPerSecond: Math.round(requests / (this.seconds || 1)), errors };
  }
}
