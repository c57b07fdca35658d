import assert from "node:assert/strict";
import { test } from "node:test";
import pg from "pg";
import { startDatabase } from "./startDatabase.js";

test("startDatabase serves a Postgres that answers queries and stops cleanly", async () => {
  const database = await startDatabase();
  try {
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    const { rows } = await client.query<{ answer: number }>("select 1 + 1 as answer");
    await client.end();
    assert.equal(rows[0]?.answer, 2);
  } finally {
    await database.stop();
  }
});
