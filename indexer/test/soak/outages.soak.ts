import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { IndexerProcess } from "../../src/startIndexer.ts";
import { assertOneLinePerOutage, chainOutage, postgresOutage, type OutageOutcome } from "../support/outageDrill.ts";
import { startCuttableLink, type CuttableLink } from "../support/cuttableLink.ts";
import { prepareReorgActors } from "../support/reorgDriver.ts";
import { startStack, type Stack } from "../support/stack.ts";
import { publishFigures } from "./figures.ts";

// The chain away for 30 s and back, then Postgres away for 30 s and back (issue #13); test/outage.test.ts is the 8 s version.
const DB_SCHEMA = "outage_soak";
const OUTAGE_MS = 30_000;
const CONVERGE_MS = 90_000;
let stack: Stack;
let link: CuttableLink;
let indexer: IndexerProcess;
const outcomes: OutageOutcome[] = [];

before(async () => {
  stack = await startStack();
  await prepareReorgActors(stack);
  link = await startCuttableLink(stack.chain.port);
  indexer = await stack.startIndexer(DB_SCHEMA, [], { reorgDepth: 10, endpoint: link.url });
  await stack.waitForHeight(DB_SCHEMA, await stack.provider.getBlockNumber());
});

after(async () => {
  publishFigures("outages", outcomes.map(({ what, outageMs, statesSeen, notices, convergedMs }) => ({ what, outageMs, statesSeen, logLines: notices.length, convergedMs })));
  await stack?.stop();
  await link?.close();
});

test("the chain away for 30 s: one line, chain-unreachable meanwhile, nothing lost", async () => {
  const outcome = await chainOutage(stack, DB_SCHEMA, indexer, link, OUTAGE_MS, CONVERGE_MS);
  outcomes.push(outcome);
  assertOneLinePerOutage(outcome);
  assert.ok(outcome.statesSeen.includes("chain-unreachable"));
});

test("Postgres away for 30 s: one line, database-unreachable meanwhile, nothing lost", async () => {
  const outcome = await postgresOutage(stack, DB_SCHEMA, indexer, OUTAGE_MS, CONVERGE_MS);
  outcomes.push(outcome);
  assertOneLinePerOutage(outcome);
  assert.ok(outcome.statesSeen.includes("database-unreachable"));
});

test("the indexer is still running after both outages", () => {
  assert.ok(stack.indexerRunning(), stack.indexerLog());
});
