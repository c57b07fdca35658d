// `npm run indexer`: indexes the deployment in .caretrail/deployment.json (or CARETRAIL_DEPLOYMENT) from
// RPC_URL (default: the deployment's rpcUrl) into DATABASE_URL, DB_* or an embedded Postgres kept in
// .caretrail/postgres, and prints the indexed height against the chain head until stopped.
import path from "node:path";
import pg from "pg";
import { startDatabase, type Database } from "@caretrail/devstack";
import { findRepoRoot, probeRpc, readDeployment } from "@caretrail/sdk";
import { readIndexerProgress } from "../src/indexerProgress.ts";
import { defaultReorgDepth, startIndexer } from "../src/startIndexer.ts";

const DB_SCHEMA = process.env.INDEXER_DB_SCHEMA ?? "caretrail";
const PROGRESS_INTERVAL_MS = 3_000;

async function main(): Promise<void> {
  const deployment = readDeployment();
  const rpcUrl = process.env.RPC_URL ?? deployment.rpcUrl;
  const chainId = await probeRpc(rpcUrl);
  if (chainId === undefined) throw new Error(`Nothing answers JSON-RPC at ${rpcUrl}: start the chain (npm run demo) or set RPC_URL.`);
  if (chainId !== deployment.chainId) {
    throw new Error(`${rpcUrl} serves chain ${chainId} but the deployment is on chain ${deployment.chainId}: set RPC_URL to the deployment's chain, or deploy again.`);
  }

  const database = await databaseFromEnvironment();
  const url = database.url;
  console.log(`indexer   CareTrail ${deployment.address} from block ${deployment.startBlock} via ${rpcUrl}`);
  console.log(`postgres  ${url.replace(/:[^:@/]*@/, ":***@")} schema "${DB_SCHEMA}"${database.embedded ? " (embedded)" : ""}`);
  console.log(`query     psql "${url}" -c 'select kind, outcome, count(*) from ${DB_SCHEMA}.access_events group by 1, 2'`);

  const indexer = await startIndexer({
    target: { chainId: deployment.chainId, address: deployment.address, startBlock: deployment.startBlock, endpoint: rpcUrl },
    database,
    dbSchema: DB_SCHEMA,
    onOutput: printProblems,
    reorgDepth: defaultReorgDepth(deployment.chainId),
  });
  const client = new pg.Client({ connectionString: url });
  await client.connect();

  let caughtUp = false;
  const progressTimer = setInterval(async () => {
    const progress = await readIndexerProgress({ database: client, dbSchema: DB_SCHEMA });
    const head = await chainHead(rpcUrl);
    const indexed = progress.lastProcessedHeight;
    if (indexed === undefined || head === undefined) return;
    if (indexed >= head) {
      if (!caughtUp) console.log(`progress  at the chain head: block ${indexed}`);
      caughtUp = true;
      return;
    }
    caughtUp = false;
    console.log(`progress  indexed block ${indexed} of ${head} (${head - indexed} behind)`);
  }, PROGRESS_INTERVAL_MS);

  const shutdown = async () => {
    clearInterval(progressTimer);
    await indexer.stop();
    await client.end();
    await database.stop();
  };
  process.once("SIGINT", () => void shutdown().then(() => process.exit(0)));
  process.once("SIGTERM", () => void shutdown().then(() => process.exit(0)));
  const exit = await indexer.exited;
  if (exit !== 0 && exit !== "SIGTERM") {
    clearInterval(progressTimer);
    await client.end();
    await database.stop();
    throw new Error(`The SubQuery node exited (${exit}); its errors are printed above.`);
  }
}

/** DATABASE_URL, else SubQuery's own DB_* variables, else an embedded Postgres persisted under .caretrail/postgres. */
async function databaseFromEnvironment(): Promise<Database> {
  const { DB_HOST, DB_PORT, DB_USER, DB_PASS, DB_DATABASE } = process.env;
  if (!process.env.DATABASE_URL && DB_HOST) {
    const auth = `${encodeURIComponent(DB_USER ?? "postgres")}:${encodeURIComponent(DB_PASS ?? "")}`;
    return startDatabase({ databaseUrl: `postgres://${auth}@${DB_HOST}:${DB_PORT ?? 5432}/${DB_DATABASE ?? "postgres"}` });
  }
  return startDatabase({ dataDir: path.join(findRepoRoot(), ".caretrail", "postgres") });
}

async function chainHead(rpcUrl: string): Promise<number | undefined> {
  try {
    const response = await fetch(rpcUrl, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_blockNumber", params: [] }),
      signal: AbortSignal.timeout(2_000),
    });
    return Number(((await response.json()) as { result: string }).result);
  } catch {
    return undefined;
  }
}

// SubQuery logs JSON lines; show warnings and errors, except the dictionary lookup that needs the internet.
function printProblems(line: string): void {
  let entry: { level?: string; message?: string; category?: string };
  try {
    entry = JSON.parse(line);
  } catch {
    return;
  }
  if (entry.level !== "warn" && entry.level !== "error" && entry.level !== "fatal") return;
  if (entry.category === "DictionaryService") return;
  console.error(`subql     ${entry.level}: ${entry.message ?? line}`);
}

main().catch((error: Error) => {
  console.error(`indexer: ${error.message}`);
  process.exit(1);
});
