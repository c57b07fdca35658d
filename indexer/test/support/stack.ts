import { JsonRpcProvider, NonceManager, type Signer } from "ethers";
import { startDatabase, type Database, devAccount, startLocalChain, type LocalChain } from "@caretrail/devstack";
import { deployCareTrail, type CareTrail, type Deployment } from "@caretrail/sdk";
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
  const chain = await startLocalChain();
  const indexers: IndexerProcess[] = [];
  let database: Database | undefined;
  try {
    database = await startDatabase();
    const provider = new JsonRpcProvider(chain.rpcUrl, undefined, { staticNetwork: true, cacheTimeout: -1, pollingInterval: 50 });
    const accounts = new Map<number, Signer & { address: string }>();
    const account = (index: number) => {
      if (!accounts.has(index)) {
        const wallet = devAccount(index, provider);
        accounts.set(index, Object.assign(new NonceManager(wallet), { address: wallet.address }));
      }
      return accounts.get(index)!;
    };
    const { contract, deployment } = await deployCareTrail({ signer: account(0), rpcUrl: chain.rpcUrl });
    const connectSql = () => openSql(database!.url, { max: 2 });
    let sql = connectSql();
    const db = database;
    const recent: string[] = [];
    const notices: string[] = [];
    const running = () => indexers.some((indexer) => indexer.running());
    return {
      chain,
      database: db,
      provider,
      careTrail: contract,
      deployment,
      account,
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
          database: db,
          dbSchema,
          extraArgs,
          onNotice: (line) => {
            notices.push(line);
            recent.push(`runner: ${line}`);
            if (recent.length > 40) recent.shift();
            if (process.env.INDEXER_LOG) console.error(line);
          },
          onOutput: (line) => {
            recent.push(line);
            if (recent.length > 40) recent.shift();
            if (process.env.INDEXER_LOG) console.error(line);
          },
        });
        indexers.push(indexer);
        return indexer;
      },
      waitForHeight: async (dbSchema, height, timeoutMs = 120_000) => {
        const deadline = Date.now() + timeoutMs;
        for (;;) {
          const progress = await readIndexerProgress({ database: sql, dbSchema });
          if ((progress.lastProcessedHeight ?? -1) >= height) return;
          if (!running()) throw new Error(`The indexer exited before block ${height}:\n${recent.join("\n")}`);
          if (Date.now() > deadline) {
            throw new Error(`The indexer reached block ${progress.lastProcessedHeight} of ${height} within ${timeoutMs} ms:\n${recent.join("\n")}`);
          }
          await new Promise((resolve) => setTimeout(resolve, 250));
        }
      },
      indexerRunning: running,
      indexerNotices: () => [...notices],
      indexerLog: () => recent.join("\n"),
      stop: async () => {
        await Promise.all(indexers.map((indexer) => indexer.stop()));
        await sql.end().catch(() => {});
        provider.destroy();
        await db.stop();
        await chain.stop();
      },
    };
  } catch (error) {
    await Promise.all(indexers.map((indexer) => indexer.stop()));
    await database?.stop();
    await chain.stop();
    throw error;
  }
}
