// `npm run indexer`: indexes the deployment in .caretrail/deployment.json (or CARETRAIL_DEPLOYMENT) from
// RPC_URL (default: the deployment's rpcUrl) into DATABASE_URL, DB_* or an embedded Postgres kept in
// .caretrail/postgres, and prints the indexed height against the chain head until stopped.
import path from "node:path";
import { LogTail, settingsOrExit, startDatabase, type Database } from "@caretrail/devstack";
import { findRepoRoot, jsonRpc, probeRpc, readDeployment } from "@caretrail/sdk";
import { readIndexerProgress } from "../src/indexerProgress.ts";
import { openSql } from "../src/sql.ts";
import { defaultReorgDepth, startIndexer } from "../src/startIndexer.ts";
import { readIndexerSettings, type IndexerSettings } from "../src/config.ts";

// A bad environment stops the runner before it does any work, with every problem named and no stack.
const settings = settingsOrExit("indexer", readIndexerSettings);
const DB_SCHEMA = settings.INDEXER_DB_SCHEMA;
const PROGRESS_INTERVAL_MS = 3_000;
/** Lines of the SubQuery node kept to print when it dies: the info lines before an error explain it. */
const TAIL_LINES = 60;

async function main(): Promise<void> {
  const deployment = readDeployment(settings.CARETRAIL_DEPLOYMENT);
  const rpcUrl = settings.RPC_URL ?? deployment.rpcUrl;
  const chainId = await probeRpc(rpcUrl);
  if (chainId === undefined) throw new Error(`Nothing answers JSON-RPC at ${rpcUrl}: start the chain (npm run demo) or set RPC_URL.`);
  if (chainId !== deployment.chainId) {
    throw new Error(
      `${rpcUrl} serves chain ${chainId} but the deployment is on chain ${deployment.chainId}: set RPC_URL to the deployment's chain, or deploy again.`,
    );
  }

  const database = await databaseFrom(settings);
  const url = database.url;
  console.log(`indexer   CareTrail ${deployment.address} from block ${deployment.startBlock} via ${rpcUrl}`);
  console.log(`postgres  ${url.replace(/:[^:@/]*@/, ":***@")} schema "${DB_SCHEMA}"${database.embedded ? " (embedded)" : ""}`);
  console.log(`query     psql "${url}" -c 'select kind, outcome, count(*) from ${DB_SCHEMA}.access_events group by 1, 2'`);

  const tail = new LogTail(TAIL_LINES);
  // Declared before the start: the node's first lines reach onOutput while startIndexer is still running.
  let indexer: Awaited<ReturnType<typeof startIndexer>> | undefined = undefined;
  indexer = await startIndexer({
    target: { chainId: deployment.chainId, address: deployment.address, startBlock: deployment.startBlock, endpoint: rpcUrl },
    database,
    dbSchema: DB_SCHEMA,
    onOutput: (line) => {
      tail.add(line);
      // During an outage the runner has said so in one line; SubQuery's retries would only repeat it.
      if (!indexer?.status().outage) printProblems(line);
    },
    onNotice: (line) => console.log(line),
    reorgDepth: defaultReorgDepth(deployment.chainId, settings.INDEXER_REORG_DEPTH),
    headPollMs: settings.INDEXER_HEAD_POLL_MS,
    ...(settings.INDEXER_CPU_PROF_DIR ? { cpuProfileDir: settings.INDEXER_CPU_PROF_DIR } : {}),
  });
  const sql = openSql(url, { max: 1 });

  let caughtUp = false;
  const reportProgress = async () => {
    const status = indexer.status();
    const progress = await readIndexerProgress({ database: sql, dbSchema: DB_SCHEMA }).catch(() => undefined);
    const head = await chainHead(rpcUrl);
    const indexed = progress?.lastProcessedHeight;
    if (indexed === undefined || head === undefined || status.outage) return;
    // A reorg or re-index in progress is not "at the head", whatever the heights say.
    if (status.state === "reorg" || status.state === "reindexing") {
      caughtUp = false;
      return;
    }
    if (indexed >= head) {
      if (!caughtUp) console.log(`progress  at the chain head: block ${indexed}`);
      caughtUp = true;
      return;
    }
    caughtUp = false;
    console.log(`progress  indexed block ${indexed} of ${head} (${head - indexed} behind)`);
  };
  const progressTimer = setInterval(() => void reportProgress(), PROGRESS_INTERVAL_MS);

  const shutdown = async () => {
    clearInterval(progressTimer);
    await indexer.stop();
    await sql.end();
    await database.stop();
  };
  process.once("SIGINT", () => void shutdown().then(() => process.exit(0)));
  process.once("SIGTERM", () => void shutdown().then(() => process.exit(0)));
  const exit = await indexer.exited;
  if (exit !== 0 && exit !== "SIGTERM") {
    clearInterval(progressTimer);
    console.error(`\n--- the SubQuery node's last ${tail.lines().length} lines ---`);
    for (const line of tail.lines()) console.error(formatLine(line));
    console.error("---");
    await sql.end().catch(() => {});
    await database.stop();
    throw new Error(
      `The SubQuery node exited (${exit}). ${indexer.status().reason ?? ""}\n` +
        `What to do: read the lines above (the first error usually names the cause). If the chain was reset or redeployed, ` +
        `deploy again (npm run demo) or drop the "${DB_SCHEMA}" and "${DB_SCHEMA}_indexer" schemas ` +
        "and run npm run indexer again to re-index from the start block.",
    );
  }
}

/** DATABASE_URL, else SubQuery's own DB_* variables, else an embedded Postgres persisted under .caretrail/postgres. */
async function databaseFrom({ DATABASE_URL, DB_HOST, DB_PORT, DB_USER, DB_PASS, DB_DATABASE }: IndexerSettings): Promise<Database> {
  if (!DATABASE_URL && DB_HOST) {
    const auth = `${encodeURIComponent(DB_USER)}:${encodeURIComponent(DB_PASS)}`;
    return startDatabase({ databaseUrl: `postgres://${auth}@${DB_HOST}:${DB_PORT}/${DB_DATABASE}` });
  }
  return startDatabase({ dataDir: path.join(findRepoRoot(), ".caretrail", "postgres"), databaseUrl: DATABASE_URL });
}

async function chainHead(rpcUrl: string): Promise<number | undefined> {
  const head = await jsonRpc(rpcUrl, "eth_blockNumber");
  return typeof head === "string" ? Number(head) : undefined;
}

/** A SubQuery JSON line as "time level category: message"; other lines as they are. */
function formatLine(line: string): string {
  try {
    const entry = JSON.parse(line) as { level?: string; message?: string; category?: string; timestamp?: string; payload?: { message?: string } };
    const detail = entry.payload?.message ? ` (${entry.payload.message})` : "";
    return `${entry.timestamp ?? ""} ${entry.level ?? ""} ${entry.category ?? ""}: ${entry.message ?? ""}${detail}`;
  } catch {
    return line;
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

main().catch((error: unknown) => {
  console.error(`indexer: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
