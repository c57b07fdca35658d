import type { JsonRpcProvider, Signer } from "ethers";
import { LogTail, startChainAndDatabase, Stoppers, waitForIndexedHeight, type Database, type LocalChain } from "@caretrail/devstack";
import type { CareTrail, Deployment } from "@caretrail/sdk";
import { readIndexerProgress } from "../../src/indexerProgress.ts";
import { openSql, type Sql } from "../../src/sql.ts";
import { startIndexer, type IndexerProcess } from "../../src/startIndexer.ts";

/** A Hardhat node, a Postgres and a fresh CareTrail deployment: everything an indexer test needs. */
export type Stack = {
  chain: LocalChain;
  database: Database;
  provider: JsonRpcProvider;
  careTrail: CareTrail;
  deployment: Deployment;
  /** Dev account `index`, with a nonce manager so transactions can be sent without waiting. */
  account: (index: number) => Signer & { address: string };
  /** A pool on the test's Postgres (closed by stop()). */
  sql: Sql;
  /** `endpoint` replaces the chain's URL for the indexer (e.g. a link a test can cut). */
  startIndexer: (dbSchema: string, extraArgs?: string[], options?: { reorgDepth?: number; endpoint?: string; headPollMs?: number }) => Promise<IndexerProcess>;
  /** Replaces `sql` with a new connection (after a Postgres outage closed the old one). */
  reconnectSql: () => Promise<void>;
  /** Waits until the indexer's _metadata says it has processed `height`. */
  waitForHeight: (dbSchema: string, height: number, timeoutMs?: number) => Promise<void>;
  /** Every line the runners printed themselves (reorgs, outages, restarts). */
  indexerNotices: () => string[];
  /** True while one of the started indexers is running. */
  indexerRunning: () => boolean;
  /** The last lines the indexers printed, for failure messages. */
  indexerLog: () => string;
  stop: () => Promise<void>;
};

export async function startStack(): Promise<Stack> {
  const stoppers = new Stoppers((line) => console.error(`stack: ${line}`));
  try {
    const deployed = await startChainAndDatabase(stoppers);
    const { chain, database, deployment } = deployed;
    const connectSql = () => openSql(database.url, { max: 2 });
    let sql = connectSql();
    stoppers.push("test's Postgres pool", () => sql.end().catch(() => {}));
    const indexers: IndexerProcess[] = [];
    stoppers.push("indexers", () => Promise.all(indexers.map((indexer) => indexer.stop())));
    const recent = new LogTail(40);
    const notices: string[] = [];
    const running = () => indexers.some((indexer) => indexer.running());
    const echo = (line: string) => {
      if (process.env.INDEXER_LOG) console.error(line);
    };
    return {
      chain,
      database,
      provider: deployed.provider,
      careTrail: deployed.careTrail,
      deployment,
      account: deployed.account,
      get sql() {
        return sql;
      },
      reconnectSql: async () => {
        await sql.end().catch(() => {});
        sql = connectSql();
      },
      startIndexer: async (dbSchema, extraArgs = [], { endpoint = chain.rpcUrl, ...options } = {}) => {
        const indexer = await startIndexer({
          ...options,
          target: { chainId: deployment.chainId, address: deployment.address, startBlock: deployment.startBlock, endpoint },
          database,
          dbSchema,
          extraArgs,
          onNotice: (line) => {
            notices.push(line);
            recent.add(`runner: ${line}`);
            echo(line);
          },
          onOutput: (line) => {
            recent.add(line);
            echo(line);
          },
        });
        indexers.push(indexer);
        return indexer;
      },
      waitForHeight: async (dbSchema, height, timeoutMs = 120_000) => {
        const readHeight = async () => (await readIndexerProgress({ database: sql, dbSchema })).lastProcessedHeight;
        await waitForIndexedHeight({ height, readHeight, isRunning: running, tail: recent, timeoutMs });
      },
      indexerRunning: running,
      indexerNotices: () => [...notices],
      indexerLog: () => recent.text(),
      stop: stoppers.stopAll,
    };
  } catch (error) {
    await stoppers.stopAll();
    throw error;
  }
}
