import type { Projection } from "../db.js";
import type { AccessEventRow } from "../data/accessEvents.js";
import { messageOf } from "@caretrail/sdk/errors";

export type LiveAuditFeed = {
  /**
   * New access events (indexed after this call) for one patient, or for everyone when `patient` is undefined. With
   * `afterBlock`, the events already indexed past that block come first, so a client whose snapshot was read at that
   * height misses nothing indexed between its snapshot and this subscription.
   */
  subscribe: (patient: string | undefined, afterBlock?: number) => AsyncIterableIterator<AccessEventRow>;
  stop: () => void;
};

/** The channel the access_events trigger notifies on; the payload is the table's schema. */
export const ACCESS_EVENTS_CHANNEL = "caretrail_access_events";

/** A replay is a catch-up for one snapshot, not a history export: past this many rows the client should reload. */
export const MAX_REPLAY_EVENTS = 100;

/**
 * One reader of the projection for all subscribers, woken by Postgres: a statement trigger on access_events
 * (installed here, since SubQuery creates the table) sends NOTIFY when SubQuery's flush commits, and the feed then
 * reads the rows past the last (block, log index) it has seen and fans them out. A slow poll stays as a fallback
 * (trigger not installable yet, e.g. before the indexer created the table, or a notification lost in a reconnect).
 */
export function createLiveAuditFeed(projection: Projection, pollIntervalMs = 5_000): LiveAuditFeed {
  const { sql, table, current, dbSchema } = projection;
  const listeners = new Set<{ patient: string | undefined; push: (row: AccessEventRow) => void }>();
  let last: { block: string; logIndex: number } | undefined;
  let timer: NodeJS.Timeout | undefined;
  let polling = false;
  let pollAgain = false;
  let notifying: "no" | "installing" | "yes" = "no";
  let unlisten: (() => Promise<void>) | undefined;

  /** LISTEN, then the trigger; until both hold the fallback poll carries the feed (retried at each poll). */
  async function ensureNotifications(): Promise<void> {
    if (notifying !== "no") return;
    notifying = "installing";
    try {
      if (!unlisten) {
        const listening = await sql.listen(
          ACCESS_EVENTS_CHANNEL,
          (payload) => payload === dbSchema && void poll(),
          () => void poll(),
        );
        unlisten = () => listening.unlisten();
      }
      await sql`create or replace function ${sql(dbSchema)}.caretrail_notify_access_events() returns trigger language plpgsql
        as $$ begin perform pg_notify('caretrail_access_events', TG_TABLE_SCHEMA); return null; end $$`;
      await sql`create or replace trigger caretrail_notify_access_events after insert on ${table("access_events")}
        for each statement execute function ${sql(dbSchema)}.caretrail_notify_access_events()`;
      notifying = "yes";
    } catch {
      notifying = "no"; // no table yet, no rights, or Postgres away: the fallback poll goes on and retries
    }
  }

  async function poll(): Promise<void> {
    if (polling) {
      pollAgain = true; // a notification during a read: read once more after it, or its rows wait for the fallback
      return;
    }
    polling = true;
    pollAgain = false;
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
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- a notification during the poll sets it
    if (pollAgain && listeners.size > 0) await poll();
  }

  /** With nobody listening, stop polling and forget the position: the next subscriber starts from the head. */
  function pause(): void {
    if (timer) clearInterval(timer);
    timer = undefined;
    last = undefined;
  }

  function ensurePolling(): void {
    if (timer) return;
    void ensureNotifications();
    void poll();
    timer = setInterval(() => void ensureNotifications().then(poll), pollIntervalMs);
  }

  /** The stored events past `afterBlock` (oldest first, bounded), read after the listener is in place. */
  async function replay(patient: string | undefined, afterBlock: number): Promise<AccessEventRow[]> {
    return sql<AccessEventRow[]>`
      select * from ${table("access_events")}
      where ${current()} and block_number > ${afterBlock}::numeric ${patient ? sql`and patient_id = ${patient}` : sql``}
      order by block_number, log_index limit ${MAX_REPLAY_EVENTS}`;
  }

  function subscribe(patient: string | undefined, afterBlock?: number): AsyncIterableIterator<AccessEventRow> {
    const queue: AccessEventRow[] = [];
    let wake: (() => void) | undefined;
    // Until the replay is read, live rows wait behind it; a replayed row the live poll also reaches is not sent again.
    let held: AccessEventRow[] | undefined = afterBlock === undefined ? undefined : [];
    let replayed = new Set<string>();
    const deliver = (row: AccessEventRow) => {
      if (replayed.has(row.id)) return;
      queue.push(row);
      wake?.();
    };
    const listener = { patient, push: (row: AccessEventRow) => (held ? held.push(row) : deliver(row)) };
    listeners.add(listener);
    ensurePolling();
    if (afterBlock !== undefined) {
      void replay(patient, afterBlock)
        .catch((error: unknown) => {
          console.error(`live audit feed: the catch-up read failed, following new events only: ${messageOf(error)}`);
          return [];
        })
        .then((rows) => {
          const live = held ?? [];
          held = undefined;
          for (const row of rows) deliver(row);
          replayed = new Set(rows.map((row) => row.id));
          for (const row of live) deliver(row);
        });
    }
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
      void unlisten?.().catch(() => {});
      unlisten = undefined;
      notifying = "no";
    },
  };
}
