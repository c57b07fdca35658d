// `npm run bench -- profile-indexer [--events N]`: where CareTrail's indexer (B) spends a catch-up. Builds one dense
// backlog, indexes it with B under V8's --cpu-prof, and sums the profile's self time by component (SubQuery's store
// and dispatch, the vm2 sandbox, ethers, sequelize and pg, CareTrail's handlers, GC, idle). Writes
// bench/results/profile-indexer.json and prints the table.
import { writeFileSync, mkdtempSync, rmSync } from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { FetchRequest, JsonRpcProvider, NonceManager } from "ethers";
import { devAccount, startDatabase, startLocalChain } from "@caretrail/devstack";
import { openSql } from "@caretrail/indexer";
import { deployCareTrail } from "@caretrail/sdk";
import { generateBacklog } from "./backlog.ts";
import { careTrailRunner } from "./runners/careTrail.ts";
import { machine, sampleLoad } from "../src/machine.ts";
import { resultsDir } from "../src/results.ts";
import { largestProfile, summariseProfile, type Components } from "../src/cpuProfile.ts";

/** Components in the order they are tried: the first pattern a frame's URL (or name) matches claims its self time. */
const INDEXER_COMPONENTS: Components = [
  ["idle", (f) => f.functionName === "(idle)"],
  ["garbage collection", (f) => f.functionName === "(garbage collector)"],
  ["native / program", (f) => f.functionName === "(program)" || f.functionName === "(root)"],
  ["vm2 sandbox (proxies, bridge)", (f) => /\/vm2\//.test(f.url)],
  ["CareTrail handlers (sandboxed bundle)", (f) => /subql\/dist\/index\.js$/.test(f.url) || (f.url === "" && f.functionName.startsWith("handle"))],
  ["ethers (ABI decoding)", (f) => /@ethersproject|\/ethers\//.test(f.url)],
  ["sequelize", (f) => /\/sequelize\//.test(f.url)],
  ["pg driver", (f) => /\/pg(-[a-z]+)?\//.test(f.url)],
  ["lodash", (f) => /\/lodash\//.test(f.url)],
  ["SubQuery store and cache", (f) => /@subql\/node-core\/dist\/indexer\/(store|storeModelProvider|storeCache)/.test(f.url)],
  ["SubQuery dispatch, fetch and the rest of node-core", (f) => /@subql\/node-core\//.test(f.url)],
  ["SubQuery node-ethereum (RPC, block wrapping)", (f) => /@subql\/node-ethereum\//.test(f.url)],
  ["other node_modules", (f) => /node_modules/.test(f.url)],
  ["Node.js internals", (f) => f.url.startsWith("node:") || f.url === ""],
];

export async function profileIndexer(events: number): Promise<void> {
  const log = (message: string) => console.log(`profile   ${message}`);
  const chain = await startLocalChain();
  const database = await startDatabase();
  const sql = openSql(database.url, { max: 2 });
  const rpc = new FetchRequest(chain.rpcUrl);
  rpc.getUrlFunc = FetchRequest.createGetUrlFunc({ agent: new http.Agent({ keepAlive: false }) });
  const provider = new JsonRpcProvider(rpc, undefined, { staticNetwork: true, cacheTimeout: -1, pollingInterval: 50 });
  const profileDir = mkdtempSync(path.join(os.tmpdir(), "caretrail-indexer-profile-"));
  try {
    await sql`create extension if not exists btree_gist`;
    const { deployment } = await deployCareTrail({ signer: new NonceManager(devAccount(0, provider)), rpcUrl: chain.rpcUrl });
    const backlog = await generateBacklog({
      provider,
      rpcUrl: chain.rpcUrl,
      deployment,
      shape: "dense",
      events,
      patients: 1_000,
      providers: 200,
      onProgress: log,
    });
    log(`${backlog.events} events in ${backlog.blocks} blocks; indexing with B under --cpu-prof`);
    const load = sampleLoad();
    const outcome = await careTrailRunner.run({ backlog, rpcUrl: chain.rpcUrl, database, sql, schema: "bench_profile_b", cpuProfileDir: profileDir });
    const summary = summariseProfile(largestProfile(profileDir), INDEXER_COMPONENTS);
    const result = {
      figure: "profile-indexer",
      inputs: { events: backlog.events, blocks: backlog.blocks, shape: "dense" },
      rate: Math.round((backlog.events / outcome.ms) * 1000),
      wallMs: outcome.ms,
      ...summary,
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
    log("heaviest functions (self time):");
    for (const fn of summary.topFunctions) log(`  ${String(fn.ms).padStart(8)} ms  ${fn.name}  ${fn.where}`);
  } finally {
    rmSync(profileDir, { recursive: true, force: true });
    await sql.end().catch(() => {});
    provider.destroy();
    await database.stop();
    await chain.stop();
  }
}

export async function profileIndexerCli(args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { events: { type: "string" } } });
  await profileIndexer(Number(values.events ?? 20_000));
}
