// Measures the indexer (not asserted anywhere): catch-up throughput over a backlog of 20,000 events and
// the time from a mined event to its row (median of 10). Real Hardhat node, Postgres and SubQuery node.
import { Purpose, RecordCategory } from "@caretrail/sdk";
import { readIndexerProgress } from "../indexer/src/indexerProgress.ts";
import { sendAccessBacklog } from "../indexer/test/support/backlog.ts";
import { fetchLogs } from "../indexer/test/support/projection.ts";
import { startStack } from "../indexer/test/support/stack.ts";

const BACKLOG_REQUESTS = 10_000; // AccessRequested + AccessGranted/AccessDenied each: 20,000 events
const FRESHNESS_SAMPLES = 10;
const DB_SCHEMA = "bench";

const stack = await startStack();
for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => void stack.stop().then(() => process.exit(130)));
try {
  const sendStarted = Date.now();
  await sendAccessBacklog(stack, BACKLOG_REQUESTS);
  const head = await stack.provider.getBlockNumber();
  // Baseline, measured in this run: only reading the same logs from the node, the indexer's input.
  const readStarted = Date.now();
  const events = (await fetchLogs(stack.provider, stack.deployment.address, stack.deployment.startBlock, head)).length;
  const readMs = Date.now() - readStarted;
  console.log(`backlog     ${events} events in ${head - stack.deployment.startBlock + 1} blocks, sent in ${seconds(Date.now() - sendStarted)}`);
  console.log(`baseline    eth_getLogs alone reads them at ${rate(events, readMs)} events/s (${seconds(readMs)})`);

  const started = Date.now();
  await stack.startIndexer(DB_SCHEMA);
  let firstBlockAt: number | undefined;
  for (;;) {
    const progress = await readIndexerProgress({ database: stack.sql, dbSchema: DB_SCHEMA });
    if (firstBlockAt === undefined && progress.lastProcessedHeight !== undefined) firstBlockAt = Date.now();
    if ((progress.lastProcessedHeight ?? -1) >= head) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const caughtUp = Date.now();
  console.log(`catch-up    ${rate(events, caughtUp - started)} events/s overall (${seconds(caughtUp - started)} including startup)`);
  console.log(`            ${rate(events, caughtUp - firstBlockAt!)} events/s once the first block was committed (startup ${seconds(firstBlockAt! - started)})`);
  console.log(`            indexing takes ${((caughtUp - firstBlockAt!) / readMs).toFixed(1)}x the time of reading the logs alone`);

  const patient = await stack.account(14).getAddress();
  const latencies: number[] = [];
  for (let sample = 0; sample < FRESHNESS_SAMPLES; sample++) {
    const receipt = await (await stack.careTrail.connect(stack.account(10)).requestAccess(patient, RecordCategory.Labs, Purpose.Payment)).wait();
    const minedAt = Date.now();
    const id = `${receipt!.hash}-${receipt!.logs[0]!.index}`;
    for (;;) {
      const { rowCount } = await stack.sql.query(`select 1 from "${DB_SCHEMA}".access_events where id = $1`, [id]);
      if (rowCount) break;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    latencies.push(Date.now() - minedAt);
    // Spread the samples over the node's 5 s head polling interval.
    await new Promise((resolve) => setTimeout(resolve, 700 + sample * 300));
  }
  latencies.sort((a, b) => a - b);
  const median = (latencies[4]! + latencies[5]!) / 2;
  console.log(`freshness   mined event to row: median ${seconds(median)}, min ${seconds(latencies[0]!)}, max ${seconds(latencies.at(-1)!)} (${FRESHNESS_SAMPLES} samples)`);
} finally {
  await stack.stop();
}

function rate(events: number, ms: number): string {
  return Math.round((events / ms) * 1000).toLocaleString("en-US");
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}
