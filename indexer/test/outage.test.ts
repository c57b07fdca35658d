import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { networkInterfaces } from "node:os";
import { after, before, test } from "node:test";
import type { IndexerProcess } from "../src/startIndexer.ts";
import { assertOneLinePerOutage, chainOutage, postgresOutage, type OutageOutcome } from "./support/outageDrill.ts";
import { startCuttableLink, type CuttableLink } from "./support/cuttableLink.ts";
import { prepareReorgActors } from "./support/reorgDriver.ts";
import { startStack, type Stack } from "./support/stack.ts";

// Short outages (8 s); test/soak/outages.soak.ts runs the same drills for 30 s.
const DB_SCHEMA = "outage";
const OUTAGE_MS = 8_000;
const CONVERGE_MS = 60_000;
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
  for (const o of outcomes) console.log(`${o.what} away ${o.outageMs} ms: states ${o.statesSeen.join(", ")}; converged ${o.convergedMs} ms after; lines: ${o.notices.length}`);
  await stack?.stop();
  await link?.close();
});

test("the chain away for 8 s: one line, status chain-unreachable, nothing lost afterwards", async () => {
  const outcome = await chainOutage(stack, DB_SCHEMA, indexer, link, OUTAGE_MS, CONVERGE_MS);
  outcomes.push(outcome);
  assertOneLinePerOutage(outcome);
  assert.ok(outcome.statesSeen.includes("chain-unreachable"), `states seen: ${outcome.statesSeen}`);
  const { rows } = await stack.sql.query(`select state from "${DB_SCHEMA}_indexer".status`);
  assert.notEqual(rows[0]?.state, "chain-unreachable", "the status row still says the chain is away");
});

test("Postgres away for 8 s: one line, status database-unreachable, nothing lost afterwards", async () => {
  const outcome = await postgresOutage(stack, DB_SCHEMA, indexer, OUTAGE_MS, CONVERGE_MS);
  outcomes.push(outcome);
  assertOneLinePerOutage(outcome);
  assert.ok(outcome.statesSeen.includes("database-unreachable"), `states seen: ${outcome.statesSeen}`);
});

test("the indexer is still running after both outages", () => {
  assert.ok(stack.indexerRunning(), `the indexer stopped:\n${stack.indexerLog()}`);
});

// #12: SubQuery's admin API (/admin/rewind among others) must not be reachable from the network.
test("the SubQuery node's admin and health port listens on 127.0.0.1 only", async () => {
  const health = await fetch(`http://127.0.0.1:${indexer.adminPort}/health`);
  assert.equal(health.status, 200, "the health endpoint answers on loopback");
  const listening = listeningAddresses(indexer.adminPort);
  assert.deepEqual(listening, ["127.0.0.1"], `port ${indexer.adminPort} listens on ${listening.join(", ")}`);
  const outside = networkInterfaceAddress();
  if (outside) await assert.rejects(fetch(`http://${outside}:${indexer.adminPort}/health`, { signal: AbortSignal.timeout(3_000) }), `reachable at ${outside}`);
});

/** Local addresses of the sockets listening on `port`, from /proc/net/tcp and tcp6. */
function listeningAddresses(port: number): string[] {
  const addresses: string[] = [];
  for (const file of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    for (const line of readFileSync(file, "utf8").split("\n").slice(1)) {
      const [, local, , state] = line.trim().split(/\s+/);
      if (!local || state !== "0A") continue; // 0A = LISTEN
      const [hex, portHex] = local.split(":");
      if (parseInt(portHex!, 16) !== port) continue;
      addresses.push(hex!.length === 8 ? hex!.match(/../g)!.reverse().map((byte) => parseInt(byte, 16)).join(".") : `ipv6:${hex}`);
    }
  }
  return addresses;
}

function networkInterfaceAddress(): string | undefined {
  return Object.values(networkInterfaces()).flat().find((entry) => entry && entry.family === "IPv4" && !entry.internal)?.address;
}
