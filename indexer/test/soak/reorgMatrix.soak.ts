import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { prepareReorgActors, replaceIndexedBlocks, setBlockInterval, type BranchLength, type ReorgOutcome } from "../support/reorgDriver.ts";
import { startStack, type Stack } from "../support/stack.ts";
import { publishFigures } from "./figures.ts";

// The full reorg matrix (issue #13): while the chain produces a block a second, the last 1, 2, 3, 5, 8, 10 and 12
// indexed blocks are replaced by a longer, an equal and a shorter branch; every table must equal the new chain.
const DB_SCHEMA = "reorg_matrix";
const REORG_DEPTH = 10;
/** Same budget as test/reorgDepths.test.ts: a rollback is two SubQuery startups plus a head poll. */
const CONVERGE_MS = 90_000;
const DEPTHS = [1, 2, 3, 5, 8, 10, 12];
const BRANCHES: BranchLength[] = ["longer", "equal", "shorter"];
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
  const times = outcomes.map((o) => o.convergedMs).sort((a, b) => a - b);
  publishFigures("reorgMatrix", {
    reorgDepthSetting: REORG_DEPTH,
    cases: outcomes.length,
    followed: outcomes.map(({ depth, branch, convergedMs }) => ({ depth, branch, convergedMs })),
    convergedMsMedian: times[Math.floor(times.length / 2)] ?? null,
    convergedMsMax: times.at(-1) ?? null,
    indexerRestartsOrRewinds: stack?.indexerNotices().filter((line) => /reorg/i.test(line)).length,
  });
  await stack?.stop();
});

for (const depth of DEPTHS) {
  for (const branch of BRANCHES) {
    test(`${depth} indexed block${depth === 1 ? "" : "s"} replaced by a ${branch} branch: tables equal the new chain`, async () => {
      outcomes.push(await replaceIndexedBlocks(stack, DB_SCHEMA, { depth, branch }, CONVERGE_MS));
      assert.ok(stack.indexerRunning(), `the indexer exited:\n${stack.indexerLog()}`);
    });
  }
}
