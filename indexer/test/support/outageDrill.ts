// Outage drills for the indexer: the chain or Postgres goes away for a while and comes back; meanwhile the
// chain keeps producing CareTrail events. runOutageDrills is the whole suite: test/outage.test.ts runs it with
// short outages, test/soak/outages.soak.ts with 30 s ones.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { restartDatabase, devAccount } from "@caretrail/devstack";
import { Purpose, RecordCategory } from "@caretrail/sdk";
import type { IndexerProcess } from "../../src/startIndexer.ts";
import type { IndexerState } from "../../src/indexerState.ts";
import { waitUntilProjectionMatches } from "./reorgDriver.ts";
import { startCuttableLink, type CuttableLink } from "./cuttableLink.ts";
import { prepareReorgActors } from "./reorgDriver.ts";
import { startStack, type Stack } from "./stack.ts";

export type OutageOutcome = { what: "chain" | "postgres"; outageMs: number; statesSeen: IndexerState[]; notices: string[]; convergedMs: number };

/** Insurer access requests against the reorg actors' patient: events to index during and around an outage. */
async function sendRequests(stack: Stack, count: number): Promise<void> {
  const insurer = stack.careTrail.connect(devAccount(5, stack.provider));
  const patient = devAccount(1, stack.provider).address;
  for (let i = 0; i < count; i++) await (await insurer.requestAccess(patient, RecordCategory.Labs, Purpose.Payment)).wait();
}

async function during(outageMs: number, indexer: IndexerProcess, work: () => Promise<void>): Promise<IndexerState[]> {
  const states = new Set<IndexerState>();
  const watch = setInterval(() => states.add(indexer.status().state), 250);
  await work();
  await new Promise((resolve) => setTimeout(resolve, outageMs));
  clearInterval(watch);
  return [...states];
}

/** Cuts the chain link for `outageMs` while the chain mines events behind it; the tables must then equal the chain. */
export async function chainOutage(
  stack: Stack,
  dbSchema: string,
  indexer: IndexerProcess,
  link: CuttableLink,
  outageMs: number,
  convergeMs: number,
): Promise<OutageOutcome> {
  const before = stack.indexerNotices().length;
  await sendRequests(stack, 3);
  await link.cut();
  const statesSeen = await during(outageMs, indexer, () => sendRequests(stack, 5));
  await link.restore();
  const started = Date.now();
  const difference = await waitUntilProjectionMatches(stack, dbSchema, await stack.provider.getBlockNumber(), convergeMs);
  assert.equal(difference, undefined, `after the chain came back: ${difference}\n${stack.indexerLog()}`);
  return { what: "chain", outageMs, statesSeen, notices: stack.indexerNotices().slice(before), convergedMs: Date.now() - started };
}

/** Stops Postgres for `outageMs` (same port and data folder) while the chain mines events; the tables must then equal the chain. */
export async function postgresOutage(stack: Stack, dbSchema: string, indexer: IndexerProcess, outageMs: number, convergeMs: number): Promise<OutageOutcome> {
  const before = stack.indexerNotices().length;
  await sendRequests(stack, 3);
  const statesSeen = (await restartDatabase(stack.database, { whileDown: () => during(outageMs, indexer, () => sendRequests(stack, 5)) }))!;
  await stack.reconnectSql();
  const started = Date.now();
  const difference = await waitUntilProjectionMatches(stack, dbSchema, await stack.provider.getBlockNumber(), convergeMs);
  assert.equal(difference, undefined, `after Postgres came back: ${difference}\n${stack.indexerLog()}`);
  return { what: "postgres", outageMs, statesSeen, notices: stack.indexerNotices().slice(before), convergedMs: Date.now() - started };
}

/** One line when it went away and one when it came back: no line per retry. */
export function assertOneLinePerOutage(outcome: OutageOutcome): void {
  const away = outcome.notices.filter((line) => line.includes("is not answering"));
  const back = outcome.notices.filter((line) => line.includes("back after"));
  assert.equal(away.length, 1, `${outcome.what}: expected one "not answering" line, got:\n${outcome.notices.join("\n")}`);
  assert.ok(back.length >= 1, `${outcome.what}: no "back" line:\n${outcome.notices.join("\n")}`);
  assert.ok(outcome.notices.length <= 4, `${outcome.what}: too many lines for one outage:\n${outcome.notices.join("\n")}`);
}

export type OutageDrillOptions = {
  dbSchema: string;
  outageMs: number;
  convergeMs: number;
  /** Called once at the end with what each drill saw (figures for the soak, a summary for the short run). */
  report: (outcomes: OutageOutcome[]) => void;
};

/**
 * Registers the outage suite with node:test: a stack whose indexer reaches the chain through a cuttable link, the
 * chain away for `outageMs`, then Postgres away for `outageMs`; each time one line each way, the status row saying
 * why, and the tables equal to the chain afterwards. Returns the running indexer, for tests of its own.
 */
export function runOutageDrills({ dbSchema, outageMs, convergeMs, report }: OutageDrillOptions): () => IndexerProcess {
  let stack: Stack;
  let link: CuttableLink;
  let indexer: IndexerProcess;
  const outcomes: OutageOutcome[] = [];
  const seconds = `${outageMs / 1000} s`;

  before(async () => {
    stack = await startStack();
    await prepareReorgActors(stack);
    link = await startCuttableLink(stack.chain.port);
    indexer = await stack.startIndexer(dbSchema, [], { reorgDepth: 10, endpoint: link.url });
    await stack.waitForHeight(dbSchema, await stack.provider.getBlockNumber());
  });

  after(async () => {
    report(outcomes);
    await stack?.stop();
    await link?.close();
  });

  test(`the chain away for ${seconds}: one line, status chain-unreachable, nothing lost afterwards`, async () => {
    const outcome = await chainOutage(stack, dbSchema, indexer, link, outageMs, convergeMs);
    outcomes.push(outcome);
    assertOneLinePerOutage(outcome);
    assert.ok(outcome.statesSeen.includes("chain-unreachable"), `states seen: ${outcome.statesSeen.join(", ")}`);
    const rows = await stack.sql.unsafe(`select state from "${dbSchema}_indexer".status`);
    assert.notEqual(rows[0]?.state, "chain-unreachable", "the status row still says the chain is away");
  });

  test(`Postgres away for ${seconds}: one line, status database-unreachable, nothing lost afterwards`, async () => {
    const outcome = await postgresOutage(stack, dbSchema, indexer, outageMs, convergeMs);
    outcomes.push(outcome);
    assertOneLinePerOutage(outcome);
    assert.ok(outcome.statesSeen.includes("database-unreachable"), `states seen: ${outcome.statesSeen.join(", ")}`);
  });

  test("the indexer is still running after both outages", () => {
    assert.ok(stack.indexerRunning(), `the indexer stopped:\n${stack.indexerLog()}`);
  });

  return () => indexer;
}
