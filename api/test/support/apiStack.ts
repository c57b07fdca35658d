import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { JsonRpcProvider, NonceManager, type Signer } from "ethers";
import postgres from "postgres";
import { startDatabase, type Database, devAccount, startLocalChain, type LocalChain } from "@caretrail/devstack";
import { readIndexerProgress, startIndexer, type IndexerProcess } from "@caretrail/indexer";
import { deployCareTrail, type CareTrail, type Deployment } from "@caretrail/sdk";
import { startApi, type StartApiParameters, type StartedApi } from "../../src/index.ts";
import { cast } from "./scenario.ts";

export type Account = Signer & { address: string };

/** A real chain, a real Postgres, the real indexer and the API over its projection. */
export type ApiStack = {
  chain: LocalChain;
  database: Database;
  /** The Postgres schema the indexer writes. */
  dbSchema: string;
  provider: JsonRpcProvider;
  careTrail: CareTrail;
  deployment: Deployment;
  account: (index: number) => Account;
  api: StartedApi;
  /** Waits until the indexer has processed the current chain head. */
  waitForIndexer: (timeoutMs?: number) => Promise<void>;
  /** Stops the indexer (the projection then lags the chain) and starts it again on the same schema. */
  stopIndexer: () => Promise<void>;
  restartIndexer: () => Promise<void>;
  stop: () => Promise<void>;
};

const DB_SCHEMA = "api_test";

export async function startApiStack(apiOptions: Partial<StartApiParameters> = {}): Promise<ApiStack> {
  const stoppers: (() => Promise<unknown>)[] = [];
  const stopAll = async () => {
    for (const stop of stoppers.reverse()) await stop().catch((error: unknown) => console.error(`stack: ${String(error)}`));
  };
  try {
    const chain = await startLocalChain();
    stoppers.push(() => chain.stop());
    const database = await startDatabase();
    stoppers.push(() => database.stop());
    // SubQuery's historical mode needs btree_gist; create it as the superuser the test runs as.
    const admin = postgres(database.url, { onnotice: () => {} });
    await admin`create extension if not exists btree_gist`;
    await admin.end();

    const provider = new JsonRpcProvider(chain.rpcUrl, undefined, { staticNetwork: true, cacheTimeout: -1, pollingInterval: 50 });
    stoppers.push(async () => provider.destroy());
    const accounts = new Map<number, Account>();
    const account = (index: number) => {
      if (!accounts.has(index)) {
        const wallet = devAccount(index, provider);
        accounts.set(index, Object.assign(new NonceManager(wallet), { address: wallet.address }));
      }
      return accounts.get(index)!;
    };
    const { contract, deployment } = await deployCareTrail({ signer: account(0), rpcUrl: chain.rpcUrl });

    const recentLog: string[] = [];
    const launchIndexer = () =>
      startIndexer({
        target: { chainId: deployment.chainId, address: deployment.address, startBlock: deployment.startBlock, endpoint: chain.rpcUrl },
        database,
        dbSchema: DB_SCHEMA,
        onOutput: (line) => {
          recentLog.push(line);
          if (recentLog.length > 30) recentLog.shift();
        },
      });
    let indexer: IndexerProcess = await launchIndexer();
    stoppers.push(() => indexer.stop());
    const stopIndexer = () => indexer.stop();
    const restartIndexer = async () => {
      indexer = await launchIndexer();
    };

    const waitForIndexer = async (timeoutMs = 120_000) => {
      const head = await provider.getBlockNumber();
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const progress = await readIndexerProgress({ database: database.url, dbSchema: DB_SCHEMA });
        if ((progress.lastProcessedHeight ?? -1) >= head) return;
        if (indexer.process.exitCode !== null || Date.now() > deadline) {
          throw new Error(`The indexer reached block ${progress.lastProcessedHeight} of ${head}. Its last lines:\n${recentLog.join("\n")}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    };
    await waitForIndexer();

    const vaultDir = mkdtempSync(path.join(tmpdir(), "caretrail-vault-"));
    stoppers.push(async () => rmSync(vaultDir, { recursive: true, force: true }));
    const api = await startApi({
      databaseUrl: database.url,
      dbSchema: DB_SCHEMA,
      sessionSecret: "test-session-secret",
      deployment: { chainId: deployment.chainId, address: deployment.address },
      vaultDir,
      // Its own wallet, as in production: sharing the tests' NonceManager would hide nonce collisions.
      vaultOperator: devAccount(cast.vaultOperator, provider),
      livePollIntervalMs: 200,
      log: () => {},
      ...apiOptions,
    });
    stoppers.push(() => api.stop());
    return {
      chain,
      database,
      dbSchema: DB_SCHEMA,
      provider,
      careTrail: contract,
      deployment,
      account,
      api,
      waitForIndexer,
      stopIndexer,
      restartIndexer,
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
