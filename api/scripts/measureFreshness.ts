// Freshness: a mined access event -> its row in Postgres -> the API's GraphQL answer, at one block per second.
// Real Hardhat node (automine), Postgres, SubQuery node (as startIndexer runs it) and API. Not asserted anywhere.
//   npx tsx api/scripts/measureFreshness.ts [--samples 100] [--json out.json]
// "mined" is taken just before the transaction is sent (Hardhat mines it before answering), so each figure
// includes the mining itself.
import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import postgres from "postgres";
import { defineSettings, Purpose, readSettings, RecordCategory, Role } from "@caretrail/sdk";
import { indexerTuningSettings } from "@caretrail/indexer";
import { startStack } from "../../indexer/test/support/stack.ts";
import { startApi } from "../src/index.ts";
import { signIn } from "../test/support/client.ts";

const { values } = parseArgs({ options: { samples: { type: "string", default: "100" }, json: { type: "string" } } });
const SAMPLES = Number(values.samples);
const PATIENT = 14;
const REQUESTER = 9;
const PROBE_MS = 10;
const DB_SCHEMA = "freshness";
const { INDEXER_HEAD_POLL_MS } = readSettings(defineSettings({ INDEXER_HEAD_POLL_MS: indexerTuningSettings.INDEXER_HEAD_POLL_MS }));
const TIMELINE = `query ($patient: Address!) { auditTimeline(filter: { patient: $patient }, first: 5) { edges { node { id } } } }`;

const stack = await startStack();
const sql = postgres(stack.database.url, { onnotice: () => {}, max: 2 });
try {
  await stack.startIndexer(DB_SCHEMA, [], { headPollMs: INDEXER_HEAD_POLL_MS });
  await stack.waitForHeight(DB_SCHEMA, await stack.provider.getBlockNumber(), 600_000); // a loaded machine starts slowly
  const api = await startApi({ databaseUrl: stack.database.url, dbSchema: DB_SCHEMA, sessionSecret: "freshness", deployment: stack.deployment, log: () => {} });
  const patient = stack.account(PATIENT);
  const requester = stack.account(REQUESTER);
  await (await stack.careTrail.connect(patient).enrolPatient(`0x${"11".repeat(32)}`)).wait();
  await (await stack.careTrail.connect(stack.account(0)).registerThirdParty(requester.address, Role.Insurer)).wait();
  const client = await signIn(api.url, PATIENT);
  const toRow: number[] = [];
  const toApi: number[] = [];
  for (let sample = 0; sample < SAMPLES; sample++) {
    const slot = Date.now() + 1_000; // one block per second
    const minedAt = performance.now();
    const receipt = await (await stack.careTrail.connect(requester).requestAccess(patient.address, RecordCategory.Labs, Purpose.Payment)).wait();
    const id = `${receipt.hash}-${receipt.logs[0].index}`;
    const [row, api] = await Promise.all([
      until(async () => (await sql`select 1 from freshness.access_events where id = ${id}`).length > 0),
      until(async () => {
        const result = await client.query(TIMELINE, { patient: patient.address.toLowerCase() });
        return (result.data?.auditTimeline?.edges ?? []).some((edge: { node: { id: string } }) => edge.node.id === id);
      }),
    ]);
    toRow.push(row - minedAt);
    toApi.push(api - minedAt);
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, slot - Date.now())));
  }
  const summary = {
    samples: SAMPLES,
    minedToRow: stats(toRow),
    rowToApi: stats(toApi.map((api, i) => api - toRow[i])),
    minedToApi: stats(toApi),
    headPollMs: INDEXER_HEAD_POLL_MS,
    loadAverage: (await import("node:os")).loadavg(),
  };
  console.log(JSON.stringify(summary, null, 2));
  if (values.json) writeFileSync(values.json, JSON.stringify(summary, null, 2) + "\n");
  await api.stop();
} finally {
  await sql.end();
  await stack.stop();
}

async function until(check: () => Promise<boolean>): Promise<number> {
  const deadline = performance.now() + 30_000;
  while (!(await check())) {
    if (performance.now() > deadline) throw new Error("an event was not visible within 30 s");
    await new Promise((resolve) => setTimeout(resolve, PROBE_MS));
  }
  return performance.now();
}

function stats(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => Math.round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]);
  return { medianMs: at(0.5), p95Ms: at(0.95), maxMs: Math.round(sorted.at(-1)) };
}
