import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { keccak256, toUtf8Bytes } from "ethers";
import { projectLogs, readTable, type Projection } from "./support/projection.ts";
import { startStack, type Stack } from "./support/stack.ts";

const DB_SCHEMA = "reorg";
/** Reorgs up to this depth are routine for the runner (see src/reorgGuard.ts); deeper ones are recovered too. */
const REORG_DEPTH = 10;
let stack: Stack;
let expected: Projection;
let newHead: number;

/** Enrols dev accounts `from`..`to` as patients, one transaction (and block) each. */
async function enrol(from: number, to: number, label: string): Promise<void> {
  for (let index = from; index <= to; index++) {
    await (await stack.careTrail.connect(stack.account(index)).enrolPatient(keccak256(toUtf8Bytes(`${label}:${index}`)))).wait();
  }
}

before(async () => {
  stack = await startStack();
  await enrol(1, 2, "before");
  const forkPoint = await stack.provider.getBlockNumber();
  await stack.startIndexer(DB_SCHEMA, [], { reorgDepth: REORG_DEPTH });
  await stack.waitForHeight(DB_SCHEMA, forkPoint);

  // The indexer sees three blocks, which the node then replaces with four different ones.
  const snapshot = await stack.provider.send("evm_snapshot", []);
  await enrol(3, 5, "orphaned");
  await stack.waitForHeight(DB_SCHEMA, forkPoint + 3);
  await stack.provider.send("evm_revert", [snapshot]);
  await enrol(6, 9, "canonical");
  newHead = await stack.provider.getBlockNumber();
  expected = await projectLogs(stack.provider, stack.deployment.address, stack.deployment.startBlock, newHead);
  await stack.waitForHeight(DB_SCHEMA, newHead);
  // SubQuery checks the new blocks' parents against the hashes it kept a little after reaching the head.
  await new Promise((resolve) => setTimeout(resolve, 12_000));
});

after(async () => {
  await stack?.stop();
});

// The runner compares the hashes of the indexed blocks with the chain's and rolls SubQuery back on a mismatch.
test("after a reorg the tables equal the projection of the new chain", async () => {
  for (const [table, rows] of expected) {
    const columns = Object.keys(rows.values().next().value!);
    const actual = await readTable(stack.sql, DB_SCHEMA, table, columns);
    assert.deepEqual([...actual.entries()].sort(byId), [...rows.entries()].sort(byId), `table ${table} differs from the new chain`);
  }
});

function byId([a]: [string, unknown], [b]: [string, unknown]): number {
  return a.localeCompare(b);
}
