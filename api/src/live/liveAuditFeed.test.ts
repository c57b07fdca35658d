// The live feed is pushed by Postgres (LISTEN/NOTIFY from its trigger on access_events), not by its poll:
// with the fallback poll at a minute, a committed row still reaches a subscriber within a second.
import assert from "node:assert/strict";
import { test } from "node:test";
import postgres from "postgres";
import { startDatabase } from "@caretrail/devstack";
import { connectProjection } from "../db.ts";
import { createLiveAuditFeed } from "./liveAuditFeed.ts";

const SCHEMA = "live_feed_test";

test("a committed access event reaches a subscriber through NOTIFY, long before the fallback poll", async () => {
  const database = await startDatabase();
  const writer = postgres(database.url, { onnotice: () => {}, max: 1 });
  try {
    await writer.unsafe(`drop schema if exists ${SCHEMA} cascade; create schema ${SCHEMA};
      create table ${SCHEMA}.access_events (id text primary key, patient_id text, block_number numeric, log_index int)`);
    const projection = await connectProjection({ databaseUrl: database.url, dbSchema: SCHEMA });
    const feed = createLiveAuditFeed(projection, 60_000);
    try {
      const events = feed.subscribe("0xpatient");
      const insert = (id: string, block: number) =>
        writer`insert into ${writer(SCHEMA)}.access_events values (${id}, '0xpatient', ${block}, 0)`;
      // The feed starts from the head it finds and installs its trigger: give it a moment, then write.
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      const [found] = await writer<{ triggers: number }[]>`
        select count(*)::int as triggers from pg_trigger where tgname = 'caretrail_notify_access_events'`;
      assert.equal(found?.triggers, 1, "the feed installs its trigger on access_events");
      const written = performance.now();
      await insert("after", 2);
      const next = await Promise.race([events.next(), new Promise<"late">((resolve) => setTimeout(() => resolve("late"), 3_000))]);
      assert.notEqual(next, "late", "no event within 3 s: the feed was not woken by NOTIFY");
      assert.equal((next as IteratorResult<{ id: string }>).value.id, "after");
      assert.ok(performance.now() - written < 3_000);
      await events.return?.();
    } finally {
      feed.stop();
      await projection.close();
    }
  } finally {
    await writer.end();
    await database.stop();
  }
});
