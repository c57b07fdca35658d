// The real stack for browser tests and measurements: Hardhat chain, Postgres, contract, seeded story, SubQuery indexer,
// GraphQL API and `next start` of the built dashboard. No mocks.
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { startApi } from "@caretrail/api";
import {
  devAccount,
  freePort,
  LogTail,
  startChild,
  startChainAndDatabase,
  Stoppers,
  waitFor,
  waitForIndexedHeight,
  type StartedChild,
} from "@caretrail/devstack";
import { indexedHeightReader, startIndexer } from "@caretrail/indexer";
import { writeDeployment, type Deployment } from "@caretrail/sdk";
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
  /** The projection's Postgres and schema, for measurements that time a row's arrival. */
  databaseUrl: string;
  dbSchema: string;
  /** Waits until the indexer has processed the chain's current head. */
  waitForIndexer: () => Promise<void>;
  stop: () => Promise<void>;
};

function startDashboard(port: number, env: Record<string, string>, log: (line: string) => void): StartedChild {
  const nextBin = createRequire(path.join(dashboardDir, "package.json")).resolve("next/dist/bin/next");
  return startChild(process.execPath, [nextBin, "start", "-p", String(port), "-H", "127.0.0.1"], {
    cwd: dashboardDir,
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", ...env },
    onLine: log,
  });
}

export async function startE2eStack({ outputDir, log = () => {} }: { outputDir: string; log?: (line: string) => void }): Promise<E2eStack> {
  const stoppers = new Stoppers((line) => log(`stop: ${line}`));
  try {
    const deployed = await startChainAndDatabase(stoppers, { pollingInterval: 100 });
    const { chain, database, deployment, provider } = deployed;

    const stateDir = mkdtempSync(path.join(tmpdir(), "caretrail-dashboard-e2e-"));
    stoppers.push("state folder", () => rmSync(stateDir, { recursive: true, force: true }));
    const deploymentFile = writeDeployment(deployment, path.join(stateDir, "deployment.json"));
    const vaultDir = path.join(stateDir, "vault");
    const seeded = await seedScenario(deployed, deployment, outputDir, vaultDir);

    const indexerLog = new LogTail(30);
    const indexer = await startIndexer({
      target: { chainId: deployment.chainId, address: deployment.address, startBlock: deployment.startBlock, endpoint: chain.rpcUrl },
      database,
      dbSchema: DB_SCHEMA,
      onOutput: indexerLog.add,
    });
    stoppers.push("indexer", indexer.stop);
    const heights = indexedHeightReader(database.url, DB_SCHEMA);
    stoppers.push("progress reader", heights.close);
    const waitForIndexer = async () => {
      await waitForIndexedHeight({
        height: () => provider.getBlockNumber(),
        readHeight: heights.read,
        isRunning: indexer.running,
        tail: indexerLog,
        timeoutMs: 180_000,
      });
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
    stoppers.push("API", api.stop);

    const port = await freePort();
    const personasFile = path.join(outputDir, "personas.json");
    const dashboard = startDashboard(
      port,
      { CARETRAIL_API_URL: api.url, DEMO_MODE: "1", CARETRAIL_PERSONAS: personasFile, CARETRAIL_DEPLOYMENT: deploymentFile, RPC_URL: chain.rpcUrl },
      log,
    );
    stoppers.push("dashboard", () => dashboard.stop());
    const dashboardUrl = `http://127.0.0.1:${port}`;
    await waitFor(
      `the dashboard at ${dashboardUrl} (run \`npm run build -w dashboard\` first)`,
      async () => {
        if (!dashboard.running()) {
          throw new Error(
            `next start exited with code ${dashboard.process.exitCode}: build the dashboard first (npm run build -w dashboard):\n${dashboard.tail.text()}`,
          );
        }
        return (await fetch(`${dashboardUrl}/sign-in`).catch(() => undefined))?.ok;
      },
      { timeoutMs: 60_000 },
    );
    return {
      ...seeded,
      dashboardUrl,
      apiUrl: api.url,
      rpcUrl: chain.rpcUrl,
      deployment,
      deploymentFile,
      personasFile,
      databaseUrl: database.url,
      dbSchema: DB_SCHEMA,
      waitForIndexer,
      stop: stoppers.stopAll,
    };
  } catch (error) {
    await stoppers.stopAll();
    throw error;
  }
}
