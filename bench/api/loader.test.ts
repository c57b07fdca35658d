// The loader writes the indexer's rows: real events on a Hardhat chain (the API tests' scenario: grants, denials,
// an emergency access, reads, a revocation), indexed by the real indexer; the same events read back from the chain's
// logs and materialised by the loader into empty copies of the indexer's tables; the rows compared column by column.
import assert from "node:assert/strict";
import { test } from "node:test";
import postgres from "postgres";
import { startWorld } from "@caretrail/api/testing";
import { stageChainEvents } from "./chainEvents.ts";
import { createStage, materialiseEvents } from "./loader.ts";

const INDEXED = "api_test";
const LOADED = "loader_check";

test("the loader's rows equal the indexer's for the same chain events", { timeout: 15 * 60_000 }, async () => {
  const { stack } = await startWorld();
  const sql = postgres(stack.database.url, { onnotice: () => {}, max: 2 }) as postgres.Sql<Record<string, never>>;
  try {
    await stack.waitForIndexer();
    await stack.stopIndexer();
    await sql.unsafe(`drop schema if exists ${LOADED} cascade; create schema ${LOADED};
      create table ${LOADED}.access_events (like ${INDEXED}.access_events including all);
      create table ${LOADED}.access_tickets (like ${INDEXED}.access_tickets including all);`);
    await createStage(sql, LOADED);
    const staged = await stageChainEvents(sql, LOADED, stack.provider, stack.deployment);
    await materialiseEvents(sql, LOADED);

    const rows = async (query: string) => (await sql.unsafe(query)).map((row) => JSON.stringify(row)).sort();
    // Every column but SubQuery's random _id; _block_range as text.
    const columns = async (table: string, except: string[]) =>
      (
        await sql<
          { column_name: string }[]
        >`select column_name from information_schema.columns where table_schema = ${INDEXED} and table_name = ${table} order by ordinal_position`
      )
        .map((row) => row.column_name)
        .filter((name) => !except.includes(name))
        .map((name) => (name === "_block_range" ? "_block_range::text" : `"${name}"`))
        .join(", ");

    const eventColumns = await columns("access_events", ["_id"]);
    const indexedEvents = await rows(`select ${eventColumns} from ${INDEXED}.access_events`);
    assert.ok(staged >= 20 && indexedEvents.length === staged, `the scenario indexed ${indexedEvents.length} access events; the chain logged ${staged}`);
    assert.deepEqual(await rows(`select ${eventColumns} from ${LOADED}.access_events`), indexedEvents);

    // Tickets as issued: the indexer's first version of each. Voiding (revocations, suspensions) is the mappings' later
    // update and is not loaded: the synthetic events have none.
    const ticketColumns = await columns("access_tickets", ["_id", "_block_range", "voided", "void_reason", "voided_at_block", "voided_at", "voided_by_event"]);
    const issued = await rows(
      `select distinct on (id) ${ticketColumns}, lower(_block_range) as issued_at from ${INDEXED}.access_tickets order by id, lower(_block_range)`,
    );
    assert.ok(issued.length >= 5, `the scenario issued ${issued.length} tickets`);
    assert.deepEqual(await rows(`select ${ticketColumns}, lower(_block_range) as issued_at from ${LOADED}.access_tickets`), issued);
  } finally {
    await sql.end();
    await stack.stop();
  }
});
