import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import postgres from "postgres";
import { indexedTables } from "../../src/generated/rows.ts";
import type { World } from "../support/world.ts";

/** SubQuery's own columns on every table (the row id and, in historical mode, the block range). */
const SUBQUERY_COLUMNS = new Set(["_id", "_block_range"]);

/** The generated row types (src/generated/rows.ts) name the tables and columns the real indexer creates. */
export function rowTypesSuite(world: () => World): void {
  let sql: postgres.Sql;
  before(() => {
    sql = postgres(world().stack.database.url, { max: 1, onnotice: () => {} });
  });
  after(() => sql.end());

  test("every entity's generated table and columns exist in the indexer's schema, and no column is missing from them", async () => {
    const rows = await sql<{ table_name: string; column_name: string }[]>`
      select table_name, column_name from information_schema.columns where table_schema = ${world().stack.dbSchema}`;
    const actual = new Map<string, string[]>();
    for (const row of rows) if (!SUBQUERY_COLUMNS.has(row.column_name)) actual.set(row.table_name, [...(actual.get(row.table_name) ?? []), row.column_name]);
    for (const [entity, { table, columns }] of Object.entries(indexedTables)) {
      assert.deepEqual(actual.get(table)?.sort(), [...columns].sort(), `${entity}: generated columns differ from ${table} in Postgres`);
    }
  });
}
