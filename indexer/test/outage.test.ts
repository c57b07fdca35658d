import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { networkInterfaces } from "node:os";
import { test } from "node:test";
import { runOutageDrills } from "./support/outageDrill.ts";

// Short outages (8 s); test/soak/outages.soak.ts runs the same drills for 30 s.
const runningIndexer = runOutageDrills({
  dbSchema: "outage",
  outageMs: 8_000,
  convergeMs: 60_000,
  report: (outcomes) => {
    for (const o of outcomes)
      console.log(`${o.what} away ${o.outageMs} ms: states ${o.statesSeen.join(", ")}; converged ${o.convergedMs} ms after; lines: ${o.notices.length}`);
  },
});

// #12: SubQuery's admin API (/admin/rewind among others) must not be reachable from the network.
test("the SubQuery node's admin and health port listens on 127.0.0.1 only", async () => {
  const indexer = runningIndexer();
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
      addresses.push(
        hex!.length === 8
          ? hex!
              .match(/../g)!
              .reverse()
              .map((byte) => parseInt(byte, 16))
              .join(".")
          : `ipv6:${hex}`,
      );
    }
  }
  return addresses;
}

function networkInterfaceAddress(): string | undefined {
  return Object.values(networkInterfaces())
    .flat()
    .find((entry) => entry && entry.family === "IPv4" && !entry.internal)?.address;
}
