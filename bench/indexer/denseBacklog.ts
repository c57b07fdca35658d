// One local chain and Postgres holding a dense hospital-mix backlog, for the bench commands that study CareTrail's
// indexer on one backlog (profile-indexer, indexer-levers); stopped when `work` ends.
import http from "node:http";
import { FetchRequest, JsonRpcProvider, NonceManager } from "ethers";
import { devAccount, startDatabase, startLocalChain, type Database } from "@caretrail/devstack";
import { openSql, type Sql } from "@caretrail/indexer";
import { deployCareTrail } from "@caretrail/sdk";
import { generateBacklog, type Backlog } from "./backlog.ts";

export type DenseBacklogStack = { backlog: Backlog; rpcUrl: string; database: Database; sql: Sql };

export async function withDenseBacklog<T>(events: number, log: (message: string) => void, work: (stack: DenseBacklogStack) => Promise<T>): Promise<T> {
  const chain = await startLocalChain();
  const database = await startDatabase();
  const sql = openSql(database.url, { max: 2 });
  // One connection per request: Hardhat drops idle keep-alive sockets during long backlog writes.
  const rpc = new FetchRequest(chain.rpcUrl);
  rpc.getUrlFunc = FetchRequest.createGetUrlFunc({ agent: new http.Agent({ keepAlive: false }) });
  const provider = new JsonRpcProvider(rpc, undefined, { staticNetwork: true, cacheTimeout: -1, pollingInterval: 50 });
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
    return await work({ backlog, rpcUrl: chain.rpcUrl, database, sql });
  } finally {
    await sql.end().catch(() => {});
    provider.destroy();
    await database.stop();
    await chain.stop();
  }
}
