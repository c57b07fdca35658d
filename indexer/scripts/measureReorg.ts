// Times reorg recovery: one indexer follows a chain producing a block a second; each round replaces the last
// `depth` indexed blocks (REORG_CASES, e.g. "12:equal,2:longer") and times the tables' return to the new chain.
// `npx tsx scripts/measureReorg.ts [rounds]`; INDEXER_LOG=1 prints the indexer's lines to stderr.
import { prepareReorgActors, replaceIndexedBlocks, setBlockInterval, type BranchLength } from "../test/support/reorgDriver.ts";
import { startStack } from "../test/support/stack.ts";

const rounds = Number(process.argv[2] ?? 5);
const cases = (process.env.REORG_CASES ?? "12:equal,2:longer").split(",").map((spec) => {
  const [depth, branch] = spec.split(":");
  return { depth: Number(depth), branch: branch as BranchLength };
});
const reorgDepth = 10;
const dbSchema = "reorg_measure";

const stack = await startStack();
const times = new Map<string, number[]>(cases.map((c) => [`${c.depth}:${c.branch}`, []]));
try {
  await prepareReorgActors(stack);
  await stack.startIndexer(dbSchema, [], { reorgDepth });
  await stack.waitForHeight(dbSchema, await stack.provider.getBlockNumber());
  await setBlockInterval(stack, 1_000);
  for (let round = 1; round <= rounds; round++) {
    for (const reorg of cases) {
      const outcome = await replaceIndexedBlocks(stack, dbSchema, reorg, 120_000);
      times.get(`${reorg.depth}:${reorg.branch}`)!.push(outcome.convergedMs);
      console.log(`round ${round}: depth ${reorg.depth} ${reorg.branch}: tables equal the new chain after ${outcome.convergedMs} ms`);
    }
  }
} finally {
  await stack.stop();
}
for (const [name, values] of times) {
  const sorted = [...values].sort((a, b) => a - b);
  console.log(
    `depth ${name}: median ${sorted[Math.floor(sorted.length / 2)]} ms, min ${sorted[0]} ms, max ${sorted.at(-1)} ms ` +
      `over ${sorted.length} (${values.join(", ")})`,
  );
}
