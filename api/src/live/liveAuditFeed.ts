import type { Projection } from "../db.js";
import type { AccessEventRow } from "../data/accessEvents.js";

export type LiveAuditFeed = {
  /** New access events (indexed after this call) for one patient, or for everyone when `patient` is undefined. */
  subscribe: (patient: string | undefined) => AsyncIterableIterator<AccessEventRow>;
  stop: () => void;
};

/**
 * One poller over the projection for all subscribers: SubQuery writes rows, it does not notify, so the API polls
 * for rows past the last (block, log index) it has seen and fans them out.
 */
export function createLiveAuditFeed(projection: Projection, pollIntervalMs = 1_000): LiveAuditFeed {
  const { sql, table, current } = projection;
  const listeners = new Set<{ patient: string | undefined; push: (row: AccessEventRow) => void }>();
  let last: { block: string; logIndex: number } | undefined;
  let timer: NodeJS.Timeout | undefined;
  let polling = false;

  async function poll(): Promise<void> {
    if (polling) return;
    polling = true;
    try {
      if (!last) {
        const [head] = await sql<{ block_number: string; log_index: number }[]>`
          select block_number, log_index from ${table("access_events")} where ${current()} order by block_number desc, log_index desc limit 1`;
        last = head ? { block: head.block_number, logIndex: head.log_index } : { block: "-1", logIndex: 0 };
        return;
      }
      const rows = await sql<AccessEventRow[]>`
        select * from ${table("access_events")}
        where ${current()} and (block_number, log_index) > (${last.block}::numeric, ${last.logIndex}::int)
        order by block_number, log_index limit 1000`;
      for (const row of rows) {
        for (const listener of listeners) if (!listener.patient || listener.patient === row.patient_id) listener.push(row);
        last = { block: row.block_number, logIndex: row.log_index };
      }
    } catch (error) {
      console.error(`live audit feed: polling the projection failed, retrying in ${pollIntervalMs} ms: ${(error as Error).message}`);
    } finally {
      polling = false;
    }
  }

  /** With nobody listening, stop polling and forget the position: the next subscriber starts from the head. */
  function pause(): void {
    if (timer) clearInterval(timer);
    timer = undefined;
    last = undefined;
  }

  function ensurePolling(): void {
    if (timer) return;
    void poll();
    timer = setInterval(() => void poll(), pollIntervalMs);
  }

  function subscribe(patient: string | undefined): AsyncIterableIterator<AccessEventRow> {
    const queue: AccessEventRow[] = [];
    let wake: (() => void) | undefined;
    const listener = { patient, push: (row: AccessEventRow) => (queue.push(row), wake?.()) };
    listeners.add(listener);
    ensurePolling();
    let done = false;
    const finish = () => {
      done = true;
      listeners.delete(listener);
      wake?.();
      if (listeners.size === 0) pause();
    };
    return {
      [Symbol.asyncIterator]() {
        return this;
      },
      async next() {
        while (!done && queue.length === 0) await new Promise<void>((resolve) => (wake = resolve));
        return done ? { done: true, value: undefined } : { done: false, value: queue.shift()! };
      },
      async return() {
        finish();
        return { done: true, value: undefined };
      },
    };
  }

  return {
    subscribe,
    stop: () => {
      listeners.clear();
      pause();
    },
  };
}
