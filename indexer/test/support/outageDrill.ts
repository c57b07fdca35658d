// Outage drills for the indexer: the chain or Postgres goes away for a while and comes back; meanwhile the
// chain keeps producing CareTrail events. Shared by test/outage.test.ts (short) and test/soak/outages.soak.ts.
import assert from "node:assert/strict";
import { devAccount, Purpose, RecordCategory } from "@caretrail/sdk";
import type { IndexerProcess } from "../../src/startIndexer.ts";
import type { IndexerState } from "../../src/indexerState.ts";
import { waitUntilProjectionMatches } from "./reorgDriver.ts";
import type { CuttableLink } from "./cuttableLink.ts";
import type { Stack } from "./stack.ts";

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
export async function chainOutage(stack: Stack, dbSchema: string, indexer: IndexerProcess, link: CuttableLink, outageMs: number, convergeMs: number): Promise<OutageOutcome> {
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
  await stack.database.stopServer();
  const statesSeen = await during(outageMs, indexer, () => sendRequests(stack, 5));
  await stack.database.startServer();
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
