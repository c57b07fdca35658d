// The live feed is pushed by Postgres (LISTEN/NOTIFY from its trigger on access_events), not by its poll:
// with the fallback poll at a minute, a committed row still reaches a subscriber within a second.
import assert from "node:assert/strict";
import { test } from "node:test";
import postgres from "postgres";
import { startDatabase } from "@caretrail/devstack";
import { connectProjection } from "../db.ts";
import { createLiveAuditFeed } from "./liveAuditFeed.ts";

const SCHEMA = "live_feed_test";

type FeedBench = {
  writer: postgres.Sql;
  feed: ReturnType<typeof createLiveAuditFeed>;
  insert: (id: string, patient: string, block: number) => Promise<unknown>;
};

/** A Postgres with an access_events table in `schema` and a feed over it (fallback poll at a minute). */
async function withFeed(schema: string, before: (insert: FeedBench["insert"]) => Promise<void>, run: (bench: FeedBench) => Promise<void>): Promise<void> {
  const database = await startDatabase();
  const writer = postgres(database.url, { onnotice: () => {}, max: 1 });
  const insert = (id: string, patient: string, block: number) => writer`insert into ${writer(schema)}.access_events values (${id}, ${patient}, ${block}, 0)`;
  try {
    await writer.unsafe(`drop schema if exists ${schema} cascade; create schema ${schema};
      create table ${schema}.access_events (id text primary key, patient_id text, block_number numeric, log_index int)`);
    await before(insert);
    const projection = await connectProjection({ databaseUrl: database.url, dbSchema: schema });
    const feed = createLiveAuditFeed(projection, 60_000);
    try {
      await run({ writer, feed, insert });
    } finally {
      feed.stop();
      await projection.close();
    }
  } finally {
    await writer.end();
    await database.stop();
  }
}

const within = <T>(promise: Promise<T>, ms: number) => Promise.race([promise, new Promise<"late">((resolve) => setTimeout(() => resolve("late"), ms))]);

test("a committed access event reaches a subscriber through NOTIFY, long before the fallback poll", async () => {
  await withFeed(
    SCHEMA,
    async () => {},
    async ({ writer, feed, insert }) => {
      const events = feed.subscribe("0xpatient");
      // The feed starts from the head it finds and installs its trigger: give it a moment, then write.
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      const [found] = await writer<{ triggers: number }[]>`
      select count(*)::int as triggers from pg_trigger where tgname = 'caretrail_notify_access_events'`;
      assert.equal(found?.triggers, 1, "the feed installs its trigger on access_events");
      const written = performance.now();
      await insert("after", "0xpatient", 2);
      const next = await within(events.next(), 3_000);
      assert.notEqual(next, "late", "no event within 3 s: the feed was not woken by NOTIFY");
      assert.equal((next as IteratorResult<{ id: string }>).value.id, "after");
      assert.ok(performance.now() - written < 3_000);
      await events.return?.();
    },
  );
});

test("a subscriber with afterBlock first gets what was indexed past its snapshot, then live events, each once", async () => {
  // The client's snapshot was read at height 3; the others were indexed before it subscribed.
  const indexedBefore = async (insert: FeedBench["insert"]) => {
    await insert("in-snapshot", "0xpatient", 3);
    await insert("missed-1", "0xpatient", 4);
    await insert("someone-else", "0xother", 4);
    await insert("missed-2", "0xpatient", 5);
  };
  await withFeed(`${SCHEMA}_replay`, indexedBefore, async ({ feed, insert }) => {
    const plain = feed.subscribe("0xpatient");
    const caughtUp = feed.subscribe("0xpatient", 3);
    const ids: string[] = [];
    for (let i = 0; i < 2; i++) {
      const next = await within(caughtUp.next(), 3_000);
      assert.notEqual(next, "late", `only ${ids.length} of the 2 events indexed past the snapshot were replayed`);
      ids.push((next as IteratorResult<{ id: string }>).value.id);
    }
    assert.deepEqual(ids, ["missed-1", "missed-2"]);
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    await insert("live", "0xpatient", 6);
    const live = await within(caughtUp.next(), 3_000);
    assert.equal((live as IteratorResult<{ id: string }>).value.id, "live");
    const again = await within(caughtUp.next(), 1_000);
    assert.equal(again, "late", "each event reaches a subscriber once");
    // Without afterBlock a subscriber starts at the head: nothing from before it subscribed.
    const first = await within(plain.next(), 3_000);
    assert.equal((first as IteratorResult<{ id: string }>).value.id, "live");
    await plain.return?.();
    await caughtUp.return?.();
  });
});
