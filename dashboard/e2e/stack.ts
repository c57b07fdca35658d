// The real stack for browser tests and measurements: Hardhat chain, Postgres, contract, seeded story, SubQuery indexer,
// GraphQL API and `next start` of the built dashboard. No mocks.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { JsonRpcProvider } from "ethers";
import { startApi } from "@caretrail/api";
import { startDatabase, devAccount, freePort, startLocalChain } from "@caretrail/devstack";
import { readIndexerProgress, startIndexer } from "@caretrail/indexer";
import { deployCareTrail, writeDeployment, type Deployment } from "@caretrail/sdk";
import { CAST, seedScenario, type SeedReturnType } from "./seedScenario.ts";

const DB_SCHEMA = "dashboard_e2e";
const dashboardDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

export type E2eStack = SeedReturnType & {
  dashboardUrl: string;
  apiUrl: string;
  rpcUrl: string;
  deployment: Deployment;
  deploymentFile: string;
  personasFile: string;
  /** Waits until the indexer has processed the chain's current head. */
  waitForIndexer: () => Promise<void>;
  stop: () => Promise<void>;
};

function startDashboard(port: number, env: Record<string, string>, log: (line: string) => void): ChildProcess {
  const nextBin = createRequire(path.join(dashboardDir, "package.json")).resolve("next/dist/bin/next");
  const child = spawn(process.execPath, [nextBin, "start", "-p", String(port), "-H", "127.0.0.1"], {
    cwd: dashboardDir,
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (chunk: Buffer) => log(chunk.toString().trimEnd()));
  child.stderr?.on("data", (chunk: Buffer) => log(chunk.toString().trimEnd()));
  return child;
}

async function waitUntil(what: string, check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

export async function startE2eStack({ outputDir, log = () => {} }: { outputDir: string; log?: (line: string) => void }): Promise<E2eStack> {
  const stoppers: (() => Promise<unknown>)[] = [];
  const stop = async () => {
    for (const stopOne of stoppers.reverse()) await stopOne().catch((error: unknown) => log(`stop: ${String(error)}`));
  };
  try {
    const chain = await startLocalChain();
    stoppers.push(() => chain.stop());
    const database = await startDatabase();
    stoppers.push(() => database.stop());
    const provider = new JsonRpcProvider(chain.rpcUrl, undefined, { staticNetwork: true, pollingInterval: 100 });
    stoppers.push(async () => provider.destroy());

    const { deployment } = await deployCareTrail({ signer: devAccount(0, provider), rpcUrl: chain.rpcUrl });
    const stateDir = mkdtempSync(path.join(tmpdir(), "caretrail-dashboard-e2e-"));
    stoppers.push(async () => rmSync(stateDir, { recursive: true, force: true }));
    const deploymentFile = writeDeployment(deployment, path.join(stateDir, "deployment.json"));
    const vaultDir = path.join(stateDir, "vault");
    const seeded = await seedScenario(provider, deployment, outputDir, vaultDir);

    const indexerLog: string[] = [];
    const indexer = await startIndexer({
      target: { chainId: deployment.chainId, address: deployment.address, startBlock: deployment.startBlock, endpoint: chain.rpcUrl },
      database,
      dbSchema: DB_SCHEMA,
      onOutput: (line) => {
        if (indexerLog.push(line) > 30) indexerLog.shift();
      },
    });
    stoppers.push(() => indexer.stop());
    const waitForIndexer = async () => {
      const head = await provider.getBlockNumber();
      await waitUntil(
        `the indexer to reach block ${head} (last lines:\n${indexerLog.join("\n")})`,
        async () => ((await readIndexerProgress({ database: database.url, dbSchema: DB_SCHEMA })).lastProcessedHeight ?? -1) >= head,
        180_000,
      );
    };
    await waitForIndexer();

    const api = await startApi({
      databaseUrl: database.url,
      dbSchema: DB_SCHEMA,
      sessionSecret: randomBytes(32).toString("base64url"),
      deployment: { chainId: deployment.chainId, address: deployment.address },
      vaultDir,
      // The vault logs each read on-chain (logRead) before it releases anything, as in the demo.
      vaultOperator: devAccount(CAST.vault, provider),
      livePollIntervalMs: 300,
      log,
    });
    stoppers.push(() => api.stop());

    const port = await freePort();
    const personasFile = path.join(outputDir, "personas.json");
    const dashboard = startDashboard(
      port,
      { CARETRAIL_API_URL: api.url, DEMO_MODE: "1", CARETRAIL_PERSONAS: personasFile, CARETRAIL_DEPLOYMENT: deploymentFile, RPC_URL: chain.rpcUrl },
      log,
    );
    stoppers.push(async () => {
      if (dashboard.exitCode !== null) return;
      dashboard.kill("SIGTERM");
      await new Promise((resolve) => dashboard.once("exit", resolve));
    });
    const dashboardUrl = `http://127.0.0.1:${port}`;
    await waitUntil(
      `the dashboard at ${dashboardUrl} (run \`npm run build -w dashboard\` first)`,
      async () => {
        if (dashboard.exitCode !== null)
          throw new Error(`next start exited with code ${dashboard.exitCode}: build the dashboard first (npm run build -w dashboard)`);
        return (await fetch(`${dashboardUrl}/sign-in`)).ok;
      },
      60_000,
    );
    return { ...seeded, dashboardUrl, apiUrl: api.url, rpcUrl: chain.rpcUrl, deployment, deploymentFile, personasFile, waitForIndexer, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
