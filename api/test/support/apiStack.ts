import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { JsonRpcProvider } from "ethers";
import {
  devAccount,
  LogTail,
  startChainAndDatabase,
  Stoppers,
  waitForIndexedHeight,
  type Database,
  type DevSigner,
  type LocalChain,
} from "@caretrail/devstack";
import { indexedHeightReader, startIndexer, type IndexerProcess } from "@caretrail/indexer";
import type { CareTrail, Deployment } from "@caretrail/sdk";
import { startApi, type StartApiParameters, type StartedApi } from "../../src/index.ts";
import { cast } from "./scenario.ts";

export type Account = DevSigner;

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
  const stoppers = new Stoppers((line) => console.error(`stack: ${line}`));
  try {
    const deployed = await startChainAndDatabase(stoppers);
    const { chain, database, deployment, provider } = deployed;
    const indexerLog = new LogTail(30);
    const launchIndexer = () =>
      startIndexer({
        target: { chainId: deployment.chainId, address: deployment.address, startBlock: deployment.startBlock, endpoint: chain.rpcUrl },
        database,
        dbSchema: DB_SCHEMA,
        onOutput: indexerLog.add,
      });
    let indexer: IndexerProcess = await launchIndexer();
    stoppers.push("indexer", () => indexer.stop());
    const stopIndexer = () => indexer.stop();
    const restartIndexer = async () => {
      indexer = await launchIndexer();
    };
    const heights = indexedHeightReader(database.url, DB_SCHEMA);
    stoppers.push("progress reader", heights.close);
    const waitForIndexer = async (timeoutMs = 120_000) => {
      await waitForIndexedHeight({
        height: () => provider.getBlockNumber(),
        readHeight: heights.read,
        isRunning: () => indexer.process.exitCode === null,
        tail: indexerLog,
        timeoutMs,
      });
    };
    await waitForIndexer();

    const vaultDir = mkdtempSync(path.join(tmpdir(), "caretrail-vault-"));
    stoppers.push("vault folder", () => rmSync(vaultDir, { recursive: true, force: true }));
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
    stoppers.push("API", api.stop);
    return {
      chain,
      database,
      dbSchema: DB_SCHEMA,
      provider,
      careTrail: deployed.careTrail,
      deployment,
      account: deployed.account,
      api,
      waitForIndexer,
      stopIndexer,
      restartIndexer,
      stop: stoppers.stopAll,
    };
  } catch (error) {
    await stoppers.stopAll();
    throw error;
  }
}
