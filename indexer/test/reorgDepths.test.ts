import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { prepareReorgActors, replaceIndexedBlocks, setBlockInterval, type ReorgOutcome } from "./support/reorgDriver.ts";
import { startStack, type Stack } from "./support/stack.ts";

// The short version of test/soak/reorgMatrix.soak.ts: a shallow reorg replaced by a longer branch, one deeper
// than INDEXER_REORG_DEPTH (10) replaced by a branch as long, and a shorter branch on an idle chain.
const DB_SCHEMA = "reorg_depths";
const REORG_DEPTH = 10;
/** A rollback restarts SubQuery (its reindex command, then the node: two startups of ~5 s each on an idle
 * machine, several times that on a loaded one) and waits for its 5 s head poll. */
const CONVERGE_MS = 90_000;
let stack: Stack;
const outcomes: ReorgOutcome[] = [];

before(async () => {
  stack = await startStack();
  await prepareReorgActors(stack);
  await stack.startIndexer(DB_SCHEMA, [], { reorgDepth: REORG_DEPTH });
  await stack.waitForHeight(DB_SCHEMA, await stack.provider.getBlockNumber());
  await setBlockInterval(stack, 1_000);
});

after(async () => {
  if (outcomes.length) console.log(`reorgs followed: ${outcomes.map((o) => `depth ${o.depth} ${o.branch} in ${o.convergedMs} ms`).join(", ")}`);
  console.log(stack?.indexerNotices().join("\n"));
  await stack?.stop();
});

test("2 indexed blocks replaced by 3 (chain producing a block a second): tables equal the new chain", async () => {
  outcomes.push(await replaceIndexedBlocks(stack, DB_SCHEMA, { depth: 2, branch: "longer" }, CONVERGE_MS));
});

test("12 indexed blocks, deeper than the reorg depth, replaced by 12 others: no crash, tables equal the new chain", async () => {
  outcomes.push(await replaceIndexedBlocks(stack, DB_SCHEMA, { depth: 12, branch: "equal" }, CONVERGE_MS));
});

test("on an idle chain, 3 indexed blocks replaced by 2: tables equal the new, shorter chain", async () => {
  await setBlockInterval(stack, 0);
  outcomes.push(await replaceIndexedBlocks(stack, DB_SCHEMA, { depth: 3, branch: "shorter" }, CONVERGE_MS));
});

test("the indexer is still running after every reorg", () => {
  assert.ok(stack.indexerRunning(), `the indexer exited:\n${stack.indexerLog()}`);
});
