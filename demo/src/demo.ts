// `npm run demo`: brings up the whole CareTrail stack in order, each stage behind a readiness check,
// prints where everything is, and on Ctrl-C (or any failure) stops everything it started.
import { existsSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import path from "node:path";
import { JsonRpcProvider } from "ethers";
import {
  devAccount,
  exitWithParentFlags,
  LogTail,
  queryOnce,
  reachableDataDir,
  settingsOrExit,
  startChild,
  startDatabase,
  startLocalChain,
  Stoppers,
  waitFor,
  waitForIndexedHeight,
  type Database,
  type StartedChild,
} from "@caretrail/devstack";
import { defaultReorgDepth, indexedHeightReader, startIndexer } from "@caretrail/indexer";
import { deployCareTrail, findRepoRoot, probeRpc, writeDeployment } from "@caretrail/sdk";
import { seedDemo } from "./seed/seedDemo.js";
import { runStage, StageError } from "./stage.js";
import { readDemoSettings, type DemoSettings } from "./config.js";

// A bad environment stops the demo before it starts anything, with every problem named and no stack.
const settings: DemoSettings = settingsOrExit("demo", readDemoSettings);
/** The demo's own schema; on a shared server (DATABASE_URL) a distinct name keeps it off a real index. */
const DB_SCHEMA = settings.DATABASE_URL ? "caretrail_demo" : "caretrail";
/** The seeded vault operator's development account (see seed/cast.ts). */
const VAULT_OPERATOR_ACCOUNT = 1;
const HARDHAT_CHAIN_ID = 31337;

/** A path as the user would type it from where they ran npm. */
const shown = (target: string) => path.relative(settings.INIT_CWD ?? process.cwd(), target) || ".";

async function assertPortFree(port: number, what: string, variable: string): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    const server = createServer();
    server.once("error", () => reject(new Error(`port ${port} (${what}) is already in use: stop whatever holds it, or set ${variable} to another port`)));
    server.listen(port, "127.0.0.1", () => server.close(() => resolve()));
  });
  return port;
}

/** `next start` of the built dashboard. */
function startDashboard(port: number, env: NodeJS.ProcessEnv, onLine: (line: string) => void): StartedChild {
  const dashboardDir = path.join(findRepoRoot(), "dashboard");
  if (!existsSync(path.join(dashboardDir, ".next", "BUILD_ID"))) {
    throw new Error("the dashboard is not built: run `npm run build` (npm run demo does it first)");
  }
  const nextBin = createRequire(path.join(dashboardDir, "package.json")).resolve("next/dist/bin/next");
  return startChild(process.execPath, [...exitWithParentFlags(), nextBin, "start", "--hostname", "127.0.0.1", "--port", String(port)], {
    cwd: dashboardDir,
    env,
    onLine,
    processGroup: true,
  });
}

/**
 * Builds exactly these packages through turbo (a cache hit after the first run). `npm run demo` built what they
 * depend on (the SDK and devstack) before this process started, so `--only` keeps two builds that run side by
 * side from both touching those packages' outputs.
 */
function turboBuild(packages: string[]): { child: StartedChild; done: Promise<void> } {
  const root = findRepoRoot();
  const turboBin = createRequire(path.join(root, "package.json")).resolve("turbo/bin/turbo");
  // An empty DATABASE_URL or RPC_URL (turbo hashes both) would miss the cache that the unset ones filled.
  const env = Object.fromEntries(Object.entries(process.env).filter(([name, value]) => value || !["DATABASE_URL", "RPC_URL"].includes(name)));
  const filters = packages.map((name) => `--filter=${name}`);
  const child = startChild(process.execPath, [turboBin, "run", "build", ...filters, "--only", "--output-logs=errors-only"], {
    cwd: root,
    env,
    processGroup: true,
  });
  const done = child.exited.then((exit) => {
    if (exit !== 0) throw new Error(`the build of ${packages.join(", ")} exited with ${exit}`);
  });
  return { child, done };
}

async function resetSchema(database: Database): Promise<void> {
  // The demo chain starts empty every time, so rows indexed from an earlier chain are meaningless.
  await queryOnce(database.url, `drop schema if exists "${DB_SCHEMA}" cascade`);
}

async function main(): Promise<void> {
  const reset = process.argv.includes("--reset");
  const stateDir = settings.CARETRAIL_STATE_DIR ?? path.join(findRepoRoot(), ".caretrail");
  // Everything started from here (API, dashboard) reads the deployment this demo writes.
  const deploymentFile = settings.CARETRAIL_DEPLOYMENT ?? path.join(stateDir, "deployment.json");
  const demoDir = path.join(stateDir, "demo");
  // Each part is pushed once it runs; Ctrl-C or a failure stops them in reverse (the dashboard first, Postgres last).
  const stoppers = new Stoppers((line) => console.error(`  ${line}`));
  let stopping = false;
  const shutdown = async (code: number) => {
    if (stopping) return;
    stopping = true;
    console.log("\nstopping CareTrail demo …");
    await stoppers.stopAll();
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
    // Next.js's build is the slowest step and needs nothing the chain does: it runs alongside everything up to the
    // dashboard's own stage.
    const dashboardBuild = turboBuild(["@caretrail/dashboard"]);
    stoppers.push("dashboard build", dashboardBuild.child.stop);
    const dashboardBuilt = runStage("build", () => dashboardBuild.done, dashboardBuild.child.tail);
    dashboardBuilt.catch(() => {}); // awaited before the dashboard starts; a failure is reported there
    // The indexer's SubQuery project and the API; the chain needs neither (Hardhat's node compiles nothing, and the
    // SDK carries the contract's bytecode), so Postgres, the chain, the deploy and the seed run while they build.
    const stackBuild = turboBuild(["@caretrail/indexer", "@caretrail/api"]);
    stoppers.push("package build", stackBuild.child.stop);

    const database = await runStage("postgres", async () => {
      const port = settings.DATABASE_URL ? undefined : await assertPortFree(settings.DEMO_PG_PORT, "embedded Postgres", "DEMO_PG_PORT");
      const database = await startDatabase({ dataDir: path.join(stateDir, "postgres"), port, databaseUrl: settings.DATABASE_URL });
      stoppers.push("Postgres", database.stop);
      await resetSchema(database);
      return database;
    });

    const chainLog = new LogTail(20);
    let rpcUrl = settings.RPC_URL;
    if (rpcUrl) {
      await runStage("chain", async () => waitFor(`an answer from RPC_URL ${rpcUrl}`, () => probeRpc(rpcUrl!), { timeoutMs: 15_000 }));
    } else {
      const chain = await runStage(
        "chain",
        async () =>
          startLocalChain({
            port: await assertPortFree(settings.CHAIN_PORT, "Hardhat node", "CHAIN_PORT"),
            onOutput: chainLog.add,
            // A quarter in the past, so the seeded days end today.
            startDaysAgo: settings.CARETRAIL_CHAIN_START_DAYS_AGO ?? settings.DEMO_DAYS + 1,
          }),
        chainLog,
      );
      stoppers.push("chain", chain.stop);
      rpcUrl = chain.rpcUrl;
    }
    const provider = new JsonRpcProvider(rpcUrl, undefined, { staticNetwork: true });
    stoppers.push("provider", () => provider.destroy());
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

    const dashboardPort = await assertPortFree(settings.DASHBOARD_PORT, "dashboard", "DASHBOARD_PORT");
    const dashboardUrl = `http://127.0.0.1:${dashboardPort}`;
    const apiPort = await assertPortFree(settings.API_PORT, "API", "API_PORT");
    const apiUrl = `http://127.0.0.1:${apiPort}`;
    // The dashboard reads the personas and the deployment on each request and reaches the API only when asked, so
    // it starts once built (the banner, printed when everything is up, is the first time anyone is sent to it).
    const dashboardLog = new LogTail(20);
    const dashboardUp = dashboardBuilt.then(() =>
      runStage(
        "dashboard",
        async () => {
          const dashboard = startDashboard(
            dashboardPort,
            {
              ...process.env,
              CARETRAIL_API_URL: apiUrl,
              CARETRAIL_PUBLIC_API_URL: apiUrl,
              CARETRAIL_PERSONAS: path.join(demoDir, "personas.json"),
              CARETRAIL_DEPLOYMENT: deploymentFile,
              RPC_URL: rpcUrl,
              DEMO_MODE: "1",
              NEXT_TELEMETRY_DISABLED: "1",
            },
            dashboardLog.add,
          );
          stoppers.push("dashboard", dashboard.stop);
          await waitFor(
            `the dashboard to answer at ${dashboardUrl}`,
            async () => {
              if (!dashboard.running()) throw new Error(`the dashboard exited with code ${dashboard.process.exitCode}`);
              const response = await fetch(`${dashboardUrl}/sign-in`).catch(() => undefined);
              return response && response.status < 500;
            },
            { timeoutMs: 60_000, intervalMs: 500 },
          );
        },
        dashboardLog,
      ),
    );
    dashboardUp.catch(() => {}); // awaited before the banner; a failure is reported there

    // The seed needs only the chain; the indexer starts once built, while it runs, and catches up behind it.
    const seeding = runStage("seed", () =>
      seedDemo({
        provider,
        deployment,
        outputDir: demoDir,
        patients: settings.DEMO_PATIENTS,
        days: settings.DEMO_DAYS,
      }),
    );
    seeding.catch(() => {}); // awaited once the indexer runs; a failure is reported there

    // Imported once built: both load the API's dist, which a fresh clone does not have before this stage.
    const [{ startApi }, { fileInVault }] = await runStage(
      "packages",
      async () => {
        await stackBuild.done;
        return Promise.all([import("@caretrail/api"), import("./seed/fileInVault.js")]);
      },
      stackBuild.child.tail,
    );

    // The demo is ready once the indexer has reached the seeded head.
    const indexerLog = new LogTail(40);
    const indexer = await runStage(
      "indexer",
      () =>
        startIndexer({
          target: { chainId, address: deployment.address, startBlock: deployment.startBlock, endpoint: rpcUrl },
          database,
          dbSchema: DB_SCHEMA,
          onOutput: indexerLog.add,
          reorgDepth: defaultReorgDepth(chainId, settings.INDEXER_REORG_DEPTH),
          headPollMs: settings.INDEXER_HEAD_POLL_MS,
          ...(settings.INDEXER_CPU_PROF_DIR ? { cpuProfileDir: settings.INDEXER_CPU_PROF_DIR } : {}),
        }),
      indexerLog,
    );
    stoppers.push("indexer", indexer.stop);
    const heights = indexedHeightReader(database.url, DB_SCHEMA);
    stoppers.push("progress reader", heights.close);

    const seeded = await seeding;

    const caughtUp = runStage(
      "catch-up",
      () =>
        waitForIndexedHeight({
          height: () => provider.getBlockNumber(),
          readHeight: heights.read,
          isRunning: indexer.running,
          timeoutMs: 120_000,
        }),
      indexerLog,
    );
    caughtUp.catch(() => {}); // awaited before the banner; a failure is reported there

    const vaultDir = path.join(stateDir, "vault");
    await runStage("vault", () => fileInVault(seeded.bundles, vaultDir));

    const apiLog = new LogTail(20);
    const api = await runStage(
      "api",
      async () => {
        // The API builds its read models (indexes, triggers, a backfill) on the indexer's tables when it starts; done
        // while the indexer was still catching up, that deadlocked with the indexer's flush ("Failed to index block").
        await caughtUp;
        return startApi({
          databaseUrl: database.url,
          dbSchema: DB_SCHEMA,
          host: "127.0.0.1",
          port: apiPort,
          deployment: { chainId, address: deployment.address },
          vaultDir,
          vaultOperator: devAccount(VAULT_OPERATOR_ACCOUNT, provider),
          // Wallets sign in on the dashboard's page, so SIWE messages name its host.
          siweDomain: new URL(dashboardUrl).host,
          ...(settings.SESSION_SECRET ? { sessionSecret: settings.SESSION_SECRET } : {}),
          log: apiLog.add,
        });
      },
      apiLog,
    );
    stoppers.push("API", api.stop);

    await dashboardUp;
    await caughtUp;

    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(`\nCareTrail is running (ready in ${seconds} s). Synthetic demo data only.\n`);
    console.log(`  Dashboard       ${dashboardUrl}  (demo mode: pick a persona to sign in)`);
    console.log(`  GraphQL API     ${api.url}/graphql  (GraphiQL in a browser; sign in with SIWE)`);
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
