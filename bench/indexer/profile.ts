// `npm run bench -- profile-indexer [--events N]`: where CareTrail's indexer (B) spends a catch-up. Builds one dense
// backlog, indexes it with B under V8's --cpu-prof, and sums the profile's self time by component (SubQuery's store
// and dispatch, the vm2 sandbox, ethers, sequelize and pg, CareTrail's handlers, GC, idle). Writes
// bench/results/profile-indexer.json and prints the table.
import { writeFileSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { withDenseBacklog } from "./denseBacklog.ts";
import { careTrailRunner } from "./runners/careTrail.ts";
import { machine, sampleLoad } from "../src/machine.ts";
import { resultsDir } from "../src/results.ts";
import { largestProfile, summariseProfile, summariseStages, type Components } from "../src/cpuProfile.ts";

/** Components in the order they are tried: the first pattern a frame's URL (or name) matches claims its self time. */
const INDEXER_COMPONENTS: Components = [
  ["idle", (f) => f.functionName === "(idle)"],
  ["garbage collection", (f) => f.functionName === "(garbage collector)"],
  ["native / program", (f) => f.functionName === "(program)" || f.functionName === "(root)"],
  ["vm2 sandbox (proxies, bridge)", (f) => /\/vm2\//.test(f.url)],
  ["CareTrail handlers (sandboxed bundle)", (f) => /subql\/dist\/index\.js$/.test(f.url) || (f.url === "" && f.functionName.startsWith("handle"))],
  ["ethers (ABI decoding)", (f) => /@ethersproject|\/ethers\//.test(f.url)],
  ["sequelize", (f) => /\/(x-)?sequelize\//.test(f.url)],
  ["pg driver", (f) => /\/pg(-[a-z]+)?\//.test(f.url)],
  ["lodash", (f) => /\/lodash\//.test(f.url)],
  ["SubQuery store and cache", (f) => /@subql\/node-core\/dist\/indexer\/(store|storeModelProvider|storeCache)/.test(f.url)],
  ["SubQuery dispatch, fetch and the rest of node-core", (f) => /@subql\/node-core\//.test(f.url)],
  ["SubQuery node-ethereum (RPC, block wrapping)", (f) => /@subql\/node-ethereum\//.test(f.url)],
  ["other node_modules", (f) => /node_modules/.test(f.url)],
  ["Node.js internals", (f) => f.url.startsWith("node:") || f.url === ""],
];

/** `keep` leaves the .cpuprofile in its temporary folder (printed) for a closer look in DevTools or a script. */
/**
 * The stages the issue asks about, inclusive of what each calls (summariseStages: the innermost claiming frame wins).
 * A flush's SQL runs in sequelize and pg after the store hands it over, so those count as "Postgres"; the mapping's
 * own store calls (get, bulkCreate into the cache) are the store cache's.
 */
const INDEXER_STAGES: Components = [
  ["Postgres reads and writes (sequelize, pg)", (f) => /\/(x-)?sequelize\/|\/pg(-[a-z]+)?\//.test(f.url)],
  ["SubQuery store cache (get, set, flush bookkeeping, cloneDeep)", (f) => /@subql\/node-core\/dist\/indexer\/(store|storeModelProvider)/.test(f.url)],
  [
    "SubQuery log decoding (parseLog)",
    (f) => /node-ethereum\/dist\/ethereum\/api\.ethereum\.js$/.test(f.url) && /parseLog|decodeLogArgs|^get$/.test(f.functionName),
  ],
  ["CareTrail mapping (its decoding, working set, handlers)", (f) => /subql\/dist\/index\.js$/.test(f.url)],
  ["vm2 sandbox", (f) => /\/vm2\//.test(f.url)],
  ["RPC fetch and block wrapping (node-ethereum, ethers providers)", (f) => /@subql\/node-ethereum\/dist\/ethereum\//.test(f.url)],
  ["dispatch (indexer manager, block dispatcher, filters)", (f) => /@subql\/node-(core|ethereum)\/dist\/indexer\//.test(f.url)],
  ["logging", (f) => /\/pino|\/winston|@subql\/utils\/dist\/logger/.test(f.url)],
  ["rest of SubQuery (node-core)", (f) => /@subql\/node-core\//.test(f.url)],
];

export async function profileIndexer(events: number, keep = false): Promise<void> {
  const log = (message: string) => console.log(`profile   ${message}`);
  const profileDir = mkdtempSync(path.join(os.tmpdir(), "caretrail-indexer-profile-"));
  try {
    await withDenseBacklog(events, log, async ({ backlog, rpcUrl, database, sql }) => {
      log(`${backlog.events} events in ${backlog.blocks} blocks; indexing with B under --cpu-prof`);
      const load = sampleLoad();
      const outcome = await careTrailRunner.run({ backlog, rpcUrl, database, sql, schema: "bench_profile_b", cpuProfileDir: profileDir });
      const profile = largestProfile(profileDir);
      const summary = summariseProfile(profile, INDEXER_COMPONENTS);
      const stages = summariseStages(profile, INDEXER_STAGES);
      const result = {
        figure: "profile-indexer",
        inputs: { events: backlog.events, blocks: backlog.blocks, shape: "dense" },
        rate: Math.round((backlog.events / outcome.ms) * 1000),
        wallMs: outcome.ms,
        ...summary,
        stages,
        machine: machine(),
        load: load.stop(),
        at: new Date().toISOString(),
      };
      writeFileSync(path.join(resultsDir, "profile-indexer.json"), JSON.stringify(result, null, 2) + "\n");
      log(
        `${result.rate} events/s (${(outcome.ms / 1000).toFixed(1)} s); ` +
          `the node was busy ${(summary.busyMs / 1000).toFixed(1)} s of ${(summary.totalMs / 1000).toFixed(1)} s sampled`,
      );
      for (const component of summary.components) log(`${component.shareOfBusy.toFixed(1).padStart(5)}%  ${component.name} (${component.ms} ms)`);
      log("by stage, inclusive of what each calls:");
      for (const stage of stages) log(`${stage.shareOfBusy.toFixed(1).padStart(5)}%  ${stage.name} (${stage.ms} ms)`);
      log("heaviest functions (self time):");
      for (const fn of summary.topFunctions) log(`  ${String(fn.ms).padStart(8)} ms  ${fn.name}  ${fn.where}`);
    });
  } finally {
    if (keep) log(`the profile is in ${profileDir}`);
    else rmSync(profileDir, { recursive: true, force: true });
  }
}

export async function profileIndexerCli(args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { events: { type: "string" }, keep: { type: "boolean" } } });
  await profileIndexer(Number(values.events ?? 20_000), values.keep);
}
