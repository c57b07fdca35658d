import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { readIndexerProgress } from "../src/indexerProgress.ts";
import { sendAccessBacklog } from "./support/backlog.ts";
import { EVENT_TABLES, projectLogs, readTable, type Projection } from "./support/projection.ts";
import { startStack, type Stack } from "./support/stack.ts";

const DB_SCHEMA = "restart";
const BACKLOG_REQUESTS = 5_000; // two events each: 10,000 access events
let stack: Stack;
let expected: Projection;
let head: number;
let killedAt: number | undefined;

before(async () => {
  stack = await startStack();
  await sendAccessBacklog(stack, BACKLOG_REQUESTS);
  head = await stack.provider.getBlockNumber();
  expected = await projectLogs(stack.provider, stack.deployment.address, stack.deployment.startBlock, head);

  const first = await stack.startIndexer(DB_SCHEMA);
  // Kill it once it has committed part of the backlog but not all of it.
  const backlogStart = head - Math.floor((head - stack.deployment.startBlock) / 2);
  await stack.waitForHeight(DB_SCHEMA, backlogStart, 180_000);
  first.process.kill("SIGKILL");
  await first.exited;
  killedAt = (await readIndexerProgress({ database: stack.sql, dbSchema: DB_SCHEMA })).lastProcessedHeight;

  await stack.startIndexer(DB_SCHEMA);
  await stack.waitForHeight(DB_SCHEMA, head, 180_000);
});

after(async () => {
  await stack?.stop();
});

test("the backlog holds at least 10,000 events and the indexer was killed part-way through it", () => {
  assert.ok(expected.get("access_events")!.size >= 10_000, `only ${expected.get("access_events")!.size} access events`);
  assert.ok(killedAt !== undefined && killedAt < head, `the indexer had already reached ${killedAt} of ${head} when killed`);
});

test("after the restart no event row is missing or duplicated", async () => {
  for (const table of EVENT_TABLES) {
    const rows = await stack.sql.unsafe<{ total: string; distinct_ids: string }[]>(
      `select count(*) as total, count(distinct id) as distinct_ids from "${DB_SCHEMA}"."${table}"`,
    );
    const want = expected.get(table)?.size ?? 0;
    assert.equal(Number(rows[0]!.distinct_ids), want, `${table}: rows missing or extra`);
    assert.equal(Number(rows[0]!.total), want, `${table}: duplicated rows`);
  }
});

test("after the restart every table equals the projection from eth_getLogs", async () => {
  for (const [table, rows] of expected) {
    const columns = Object.keys(rows.values().next().value!);
    const actual = await readTable(stack.sql, DB_SCHEMA, table, columns);
    assert.deepEqual([...actual.entries()].sort(byId), [...rows.entries()].sort(byId), `table ${table} differs from the chain`);
  }
});

function byId([a]: [string, unknown], [b]: [string, unknown]): number {
  return a.localeCompare(b);
}
