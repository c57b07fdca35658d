// `npm run demo`: brings up the whole CareTrail stack in order, each stage behind a readiness check,
// prints where everything is, and on Ctrl-C (or any failure) stops everything it started.
import { existsSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import path from "node:path";
import { JsonRpcProvider } from "ethers";
import {
  queryOnce,
  reachableDataDir,
  startDatabase,
  type Database,
  devAccount,
  exitWithParentFlags,
  startLocalChain,
  type LocalChain,
} from "@caretrail/devstack";
import { defaultReorgDepth, readIndexerProgress, startIndexer, type IndexerProcess } from "@caretrail/indexer";
import { startApi, type StartedApi } from "@caretrail/api";
import { deployCareTrail, findRepoRoot, probeRpc, writeDeployment } from "@caretrail/sdk";
import { fileInVault } from "./seed/fileInVault.js";
import { seedDemo } from "./seed/seedDemo.js";
import { startChild, type SupervisedChild } from "./childProcess.js";
import { RecentLines, runStage, StageError, waitFor } from "./stage.js";
import { readDemoSettings, type DemoSettings } from "./config.js";

const settings: DemoSettings = settingsOrExit();
/** The demo's own schema; on a shared server (DATABASE_URL) a distinct name keeps it off a real index. */
const DB_SCHEMA = settings.DATABASE_URL ? "caretrail_demo" : "caretrail";
/** The seeded vault operator's development account (see seed/cast.ts). */
const VAULT_OPERATOR_ACCOUNT = 1;
const HARDHAT_CHAIN_ID = 31337;

/** A path as the user would type it from where they ran npm. */
const shown = (target: string) => path.relative(settings.INIT_CWD ?? process.cwd(), target) || ".";

type Running = {
  database?: Database;
  chain?: LocalChain;
  indexer?: IndexerProcess;
  api?: StartedApi;
  dashboard?: SupervisedChild;
  dashboardBuild?: SupervisedChild;
  provider?: JsonRpcProvider;
};

async function assertPortFree(port: number, what: string, variable: string): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    const server = createServer();
    server.once("error", () => reject(new Error(`port ${port} (${what}) is already in use: stop whatever holds it, or set ${variable} to another port`)));
    server.listen(port, "127.0.0.1", () => server.close(() => resolve()));
  });
  return port;
}

/** `next start` of the built dashboard. */
function startDashboard(port: number, env: NodeJS.ProcessEnv, onLine: (line: string) => void): SupervisedChild {
  const dashboardDir = path.join(findRepoRoot(), "dashboard");
  if (!existsSync(path.join(dashboardDir, ".next", "BUILD_ID"))) {
    throw new Error("the dashboard is not built: run `npm run build` (npm run demo does it first)");
  }
  const nextBin = createRequire(path.join(dashboardDir, "package.json")).resolve("next/dist/bin/next");
  return startChild(process.execPath, [...exitWithParentFlags(), nextBin, "start", "--hostname", "127.0.0.1", "--port", String(port)], {
    cwd: dashboardDir,
    env,
    onLine,
  });
}

/**
 * Builds the dashboard through turbo (a cache hit after the first run), alongside the chain's stages: Next.js's
 * build is the slowest step, and it needs nothing the chain does. The other packages were built before the demo
 * started (`npm run demo` builds them first).
 */
function buildDashboard(onLine: (line: string) => void): { child: SupervisedChild; done: Promise<void> } {
  const root = findRepoRoot();
  const turboBin = createRequire(path.join(root, "package.json")).resolve("turbo/bin/turbo");
  // An empty DATABASE_URL or RPC_URL (turbo hashes both) would miss the cache that the unset ones filled.
  const env = Object.fromEntries(Object.entries(process.env).filter(([name, value]) => value || !["DATABASE_URL", "RPC_URL"].includes(name)));
  const child = startChild(process.execPath, [turboBin, "run", "build", "--filter=@caretrail/dashboard", "--output-logs=errors-only"], {
    cwd: root,
    env,
    onLine,
  });
  const done = new Promise<void>((resolve, reject) =>
    child.process.once("exit", (code, signal) => (code === 0 ? resolve() : reject(new Error(`the dashboard's build exited with ${code ?? signal}`)))),
  );
  return { child, done };
}

async function resetSchema(database: Database): Promise<void> {
  // The demo chain starts empty every time, so rows indexed from an earlier chain are meaningless.
  await queryOnce(database.url, `drop schema if exists "${DB_SCHEMA}" cascade`);
}

/** Stops one part, reporting (not hiding) a failure so the rest still stop. */
async function stopPart(name: string, stop: (() => Promise<void>) | undefined): Promise<void> {
  await stop?.().catch((error: unknown) => console.error(`  could not stop the ${name}: ${error instanceof Error ? error.message : String(error)}`));
}

async function stopAll(running: Running): Promise<void> {
  await stopPart("dashboard build", running.dashboardBuild?.stop);
  await stopPart("dashboard", running.dashboard?.stop);
  await stopPart("API", running.api?.stop);
  running.provider?.destroy();
  await stopPart("indexer", running.indexer?.stop);
  await stopPart("chain", running.chain?.stop);
  await stopPart("Postgres", running.database?.stop);
}

async function main(): Promise<void> {
  const reset = process.argv.includes("--reset");
  const stateDir = settings.CARETRAIL_STATE_DIR ?? path.join(findRepoRoot(), ".caretrail");
  // Everything started from here (API, dashboard) reads the deployment this demo writes.
  const deploymentFile = settings.CARETRAIL_DEPLOYMENT ?? path.join(stateDir, "deployment.json");
  const demoDir = path.join(stateDir, "demo");
  const running: Running = {};
  let stopping = false;
  const shutdown = async (code: number) => {
    if (stopping) return;
    stopping = true;
    console.log("\nstopping CareTrail demo …");
    await stopAll(running);
    console.log("stopped.");
    process.exit(code);
  };
  process.on("SIGINT", () => void shutdown(0));
  process.on("SIGTERM", () => void shutdown(0));

  const started = performance.now();
  console.log("CareTrail demo: starting the stack");
  try {
    if (reset) {
      rmSync(reachableDataDir(path.join(stateDir, "postgres")), { recursive: true, force: true });
      rmSync(stateDir, { recursive: true, force: true });
      console.log(`  reset      removed ${stateDir}`);
    }
    const dashboardBuildLog = new RecentLines(40);
    const dashboardBuild = buildDashboard(dashboardBuildLog.push);
    running.dashboardBuild = dashboardBuild.child;
    const dashboardBuilt = runStage("build", () => dashboardBuild.done, dashboardBuildLog);
    dashboardBuilt.catch(() => {}); // awaited before the dashboard starts; a failure is reported there

    running.database = await runStage("postgres", async () => {
      const port = settings.DATABASE_URL ? undefined : await assertPortFree(settings.DEMO_PG_PORT, "embedded Postgres", "DEMO_PG_PORT");
      const database = await startDatabase({ dataDir: path.join(stateDir, "postgres"), port, databaseUrl: settings.DATABASE_URL });
      await resetSchema(database);
      return database;
    });

    const chainLog = new RecentLines();
    let rpcUrl = settings.RPC_URL;
    if (rpcUrl) {
      await runStage("chain", async () => waitFor(`an answer from RPC_URL ${rpcUrl}`, () => probeRpc(rpcUrl!), 15_000));
    } else {
      running.chain = await runStage(
        "chain",
        async () =>
          startLocalChain({
            port: await assertPortFree(settings.CHAIN_PORT, "Hardhat node", "CHAIN_PORT"),
            onOutput: chainLog.push,
            // A quarter in the past, so the seeded days end today.
            startDaysAgo: settings.CARETRAIL_CHAIN_START_DAYS_AGO ?? settings.DEMO_DAYS + 1,
          }),
        chainLog,
      );
      rpcUrl = running.chain.rpcUrl;
    }
    const provider = new JsonRpcProvider(rpcUrl, undefined, { staticNetwork: true });
    running.provider = provider;
    const chainId = Number((await provider.getNetwork()).chainId);
    if (chainId !== HARDHAT_CHAIN_ID)
      throw new StageError(
        "chain",
        new Error(`the demo seeds with Hardhat's development accounts, so it needs chain ${HARDHAT_CHAIN_ID}; RPC_URL serves chain ${chainId}`),
        [],
      );

    const { deployment } = await runStage("deploy", async () => {
      const result = await deployCareTrail({ signer: devAccount(0, provider), rpcUrl: rpcUrl });
      writeDeployment(result.deployment, deploymentFile);
      return result;
    });

    // The indexer follows the chain while it is seeded; the demo is ready once it has reached the seeded head.
    const indexerLog = new RecentLines(40);
    const database = running.database;
    running.indexer = await runStage(
      "indexer",
      () =>
        startIndexer({
          target: { chainId, address: deployment.address, startBlock: deployment.startBlock, endpoint: rpcUrl },
          database,
          dbSchema: DB_SCHEMA,
          onOutput: indexerLog.push,
          reorgDepth: defaultReorgDepth(chainId, settings.INDEXER_REORG_DEPTH),
          headPollMs: settings.INDEXER_HEAD_POLL_MS,
          ...(settings.INDEXER_CPU_PROF_DIR ? { cpuProfileDir: settings.INDEXER_CPU_PROF_DIR } : {}),
        }),
      indexerLog,
    );
    const indexer = running.indexer;
    /** The indexer's height, once it has created its tables (undefined before). */
    const indexedHeight = async () => {
      if (indexer.process.exitCode !== null) throw new Error(`the indexer exited with code ${indexer.process.exitCode}`);
      return (await readIndexerProgress({ database: database.url, dbSchema: DB_SCHEMA })).lastProcessedHeight;
    };

    const seeded = await runStage("seed", () =>
      seedDemo({
        provider,
        deployment,
        outputDir: demoDir,
        patients: settings.DEMO_PATIENTS,
        days: settings.DEMO_DAYS,
      }),
    );

    const caughtUp = runStage(
      "catch-up",
      async () => {
        const head = await provider.getBlockNumber();
        await waitFor(`the indexer to reach block ${head}`, async () => ((await indexedHeight()) ?? -1) >= head || undefined, 120_000, 250);
      },
      indexerLog,
    );
    caughtUp.catch(() => {}); // awaited before the banner; a failure is reported there

    const vaultDir = path.join(stateDir, "vault");
    await runStage("vault", () => fileInVault(seeded.bundles, vaultDir));

    const dashboardPort = await assertPortFree(settings.DASHBOARD_PORT, "dashboard", "DASHBOARD_PORT");
    const dashboardUrl = `http://127.0.0.1:${dashboardPort}`;
    const apiLog = new RecentLines();
    running.api = await runStage(
      "api",
      async () => {
        // The API builds its read models (indexes, triggers, a backfill) on the indexer's tables when it starts; done
        // while the indexer was still catching up, that deadlocked with the indexer's flush ("Failed to index block").
        await caughtUp;
        return startApi({
          databaseUrl: database.url,
          dbSchema: DB_SCHEMA,
          host: "127.0.0.1",
          port: await assertPortFree(settings.API_PORT, "API", "API_PORT"),
          deployment: { chainId, address: deployment.address },
          vaultDir,
          vaultOperator: devAccount(VAULT_OPERATOR_ACCOUNT, provider),
          // Wallets sign in on the dashboard's page, so SIWE messages name its host.
          siweDomain: new URL(dashboardUrl).host,
          ...(settings.SESSION_SECRET ? { sessionSecret: settings.SESSION_SECRET } : {}),
          log: apiLog.push,
        });
      },
      apiLog,
    );

    await dashboardBuilt;
    const dashboardLog = new RecentLines();
    running.dashboard = await runStage(
      "dashboard",
      async () => {
        const dashboard = startDashboard(
          dashboardPort,
          {
            ...process.env,
            CARETRAIL_API_URL: running.api!.url,
            CARETRAIL_PUBLIC_API_URL: running.api!.url,
            CARETRAIL_PERSONAS: path.join(demoDir, "personas.json"),
            CARETRAIL_DEPLOYMENT: deploymentFile,
            RPC_URL: rpcUrl,
            DEMO_MODE: "1",
            NEXT_TELEMETRY_DISABLED: "1",
          },
          dashboardLog.push,
        );
        await waitFor(
          `the dashboard to answer at ${dashboardUrl}`,
          async () => {
            if (dashboard.process.exitCode !== null) throw new Error(`the dashboard exited with code ${dashboard.process.exitCode}`);
            const response = await fetch(`${dashboardUrl}/sign-in`).catch(() => undefined);
            return response && response.status < 500 ? true : undefined;
          },
          60_000,
          500,
        );
        return dashboard;
      },
      dashboardLog,
    );
    await caughtUp;

    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(`\nCareTrail is running (ready in ${seconds} s). Synthetic demo data only.\n`);
    console.log(`  Dashboard       ${dashboardUrl}  (demo mode: pick a persona to sign in)`);
    console.log(`  GraphQL API     ${running.api.url}/graphql  (GraphiQL in a browser; sign in with SIWE)`);
    console.log(`  Chain JSON-RPC  ${rpcUrl}  (chain id ${chainId})`);
    console.log(`  Contract        ${deployment.address}  (deployed at block ${deployment.startBlock})`);
    console.log(`  Postgres        ${database.url}  (schema "${DB_SCHEMA}")`);
    console.log(
      `  Demo data       ${seeded.transactions} transactions over ${seeded.blocks} blocks: ` +
        `${seeded.records} records, ${seeded.accessRequests} access requests, ${seeded.reads} reads`,
    );
    console.log(`  Personas        ${shown(path.join(demoDir, "personas.json"))} (synthetic names, Hardhat development keys)`);
    console.log(`  Signed records  ${shown(path.join(demoDir, "records"))}/*.json`);
    console.log(`\n  Query the projection, e.g. who accessed whose data:`);
    console.log(
      `    psql "${database.url}" -c 'select kind, outcome, purpose, patient_id, actor, block_timestamp ` +
        `from ${DB_SCHEMA}.access_events order by block_number, log_index'`,
    );
    const firstRecord = seeded.bundles[0]?.record.recordId;
    if (firstRecord) {
      // The CLI finds .caretrail/deployment.json at the repository root by itself; name any other one.
      const deploymentFlag =
        path.resolve(deploymentFile) === path.join(findRepoRoot(), ".caretrail", "deployment.json") ? "" : ` --deployment ${shown(deploymentFile)}`;
      console.log(`  Verify a record against the chain:`);
      console.log(`    npx caretrail verify ${shown(path.join(demoDir, "records", `${firstRecord}.json`))} --rpc ${rpcUrl}${deploymentFlag}`);
    }
    console.log("\nPress Ctrl-C to stop everything.");
  } catch (error) {
    if (error instanceof StageError) {
      console.error(`\n${error.message}`);
      if (error.recentOutput.length) console.error(`last lines of ${error.stage}:\n  ${error.recentOutput.join("\n  ")}`);
    } else {
      console.error(`\ndemo failed: ${error instanceof Error ? error.message : String(error)}`);
    }
    await shutdown(1);
  }
}

void main();

/** A bad environment stops the demo before it starts anything, with every problem named and no stack. */
function settingsOrExit(): DemoSettings {
  try {
    return readDemoSettings();
  } catch (error) {
    console.error(`demo: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}
