import assert from "node:assert/strict";
import { test } from "node:test";
import { freshnessWarning, type IndexerStatus } from "./freshness";

const following: IndexerStatus = { healthy: true, state: "FOLLOWING", reason: null, lastProcessedHeight: 100, chainHead: 101, lagBlocks: 1 };

test("no banner while the indexer follows the chain closely", () => {
  assert.equal(freshnessWarning(following), null);
});

test("a banner with the lag when the indexer is far behind", () => {
  assert.match(
    freshnessWarning({ ...following, healthy: false, state: "CATCHING_UP", chainHead: 400, lagBlocks: 300 })!,
    /^Data may be behind: 300 blocks behind the chain/,
  );
});

test("a banner naming the outage or reorg, even with no lag known", () => {
  assert.match(freshnessWarning({ ...following, healthy: false, state: "CHAIN_UNREACHABLE", lagBlocks: null })!, /cannot reach the chain/);
  assert.match(freshnessWarning({ ...following, healthy: false, state: "REINDEXING", lagBlocks: 12 })!, /re-indexing; 12 blocks behind/);
  assert.match(freshnessWarning({ ...following, healthy: false, state: "SILENT" })!, /stopped reporting/);
});
