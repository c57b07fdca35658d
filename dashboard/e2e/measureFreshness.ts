// `npm run measure:freshness -w dashboard [-- --samples N]`: how long a provider's access takes to appear in the
// patient's live "Who accessed my data" timeline, at one block per second, on the real stack (chain, indexer, API,
// `next start`, headless chromium). Each sample is timed at four points on this machine's one clock: the receipt
// (mined), the row in Postgres, the event in the patient's own GraphQL query of the API (auditTimeline, signed in as
// the patient), and the list item in the page (a MutationObserver stamps it as it is inserted).
// Printed, not asserted: the figures go into the README and the closing note.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { chromium } from "@playwright/test";
import { JsonRpcProvider } from "ethers";
import { devAccount } from "@caretrail/devstack";
import { openSql } from "@caretrail/indexer";
import { CareTrail__factory, Purpose, RecordCategory, signInToApi } from "@caretrail/sdk";
import { chromiumLaunchOptions } from "./chromium.ts";
import { signedInContext } from "./demoSession.ts";
import { CAST } from "./seedScenario.ts";
import { startE2eStack } from "./stack.ts";

const { values: flags } = parseArgs({ options: { samples: { type: "string", default: "100" } } });
const SAMPLES = Number(flags.samples);
if (!Number.isInteger(SAMPLES) || SAMPLES < 1 || SAMPLES > 1_000) {
  console.error("measure:freshness: --samples takes a whole number from 1 to 1000");
  process.exit(2);
}
const CADENCE_MS = 1_000;
const WAIT_MS = 15_000;

type Hops = { minedToRow: number; minedToApi: number; minedToDashboard: number };

/** The patient's newest access events as the API answers them. */
const NEWEST_EVENTS = "query Newest($patient: Address) { auditTimeline(filter: { patient: $patient }, first: 5) { edges { node { id } } } }";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]!;
};
const describe = (values: number[]) => `median ${percentile(values, 0.5)} ms, p95 ${percentile(values, 0.95)} ms, max ${Math.max(...values)} ms`;

async function main(): Promise<void> {
  const outputDir = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "test-results", "measure");
  console.log("measure   starting the stack (chain, Postgres, indexer, API, dashboard)");
  const stack = await startE2eStack({ outputDir });
  const sql = openSql(stack.databaseUrl, { max: 1 });
  const provider = new JsonRpcProvider(stack.rpcUrl, undefined, { staticNetwork: true, pollingInterval: 20 });
  const browser = await chromium.launch(chromiumLaunchOptions);
  try {
    const patient = devAccount(CAST.patients[1]).address;
    const { token } = await signInToApi(stack.apiUrl, devAccount(CAST.patients[1]));
    const apiAnswers = async (id: string): Promise<boolean> => {
      const response = await fetch(`${stack.apiUrl}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: NEWEST_EVENTS, variables: { patient } }),
      });
      const body = (await response.json()) as { data?: { auditTimeline: { edges: { node: { id: string } }[] } }; errors?: { message: string }[] };
      if (!body.data) throw new Error(`the API refused the timeline query: ${body.errors?.[0]?.message ?? response.status}`);
      return body.data.auditTimeline.edges.some((edge) => edge.node.id === id);
    };
    const context = await signedInContext(browser, stack.dashboardUrl, CAST.patients[1]);
    const page = await context.newPage();
    // Every list item the page inserts is stamped with the wall clock when it appears, keyed by its block.
    await page.addInitScript(() => {
      const seen: Record<string, number> = {};
      (window as unknown as { __seenBlocks: Record<string, number> }).__seenBlocks = seen;
      new MutationObserver(() => {
        for (const item of document.querySelectorAll('[aria-label="Who accessed my data"] li')) {
          const block = /block (\d+)/.exec(item.textContent ?? "")?.[1];
          if (block && !(block in seen)) seen[block] = Date.now();
        }
      }).observe(document, { childList: true, subtree: true, characterData: true });
    });
    await page.goto(`${stack.dashboardUrl}/patient`);
    await page.locator('[data-live-state="live"]').waitFor({ timeout: 30_000 });

    const contract = CareTrail__factory.connect(stack.deployment.address, devAccount(CAST.cardiologist, provider));
    const hops: Hops[] = [];
    console.log(`measure   ${SAMPLES} accesses, one block per second`);
    const pending: Promise<void>[] = [];
    for (let sample = 0; sample < SAMPLES; sample++) {
      const tick = Date.now();
      const receipt = (await (await contract.requestAccess(patient, RecordCategory.Vitals, Purpose.Treatment)).wait())!;
      const minedAt = Date.now();
      const id = `${receipt.hash}-${receipt.logs[0]!.index}`;
      pending.push(
        (async () => {
          let minedToRow: number | undefined;
          let minedToApi: number | undefined;
          for (;;) {
            const elapsed = Date.now() - minedAt;
            if (elapsed > WAIT_MS) throw new Error(`block ${receipt.blockNumber}: not in the page after ${WAIT_MS} ms`);
            if (minedToRow === undefined && (await sql.unsafe(`select 1 from "${stack.dbSchema}".access_events where id = $1`, [id])).length > 0)
              minedToRow = Date.now() - minedAt;
            if (minedToRow !== undefined && minedToApi === undefined && (await apiAnswers(id))) minedToApi = Date.now() - minedAt;
            const shownAt = await page.evaluate(
              (block) => (window as unknown as { __seenBlocks: Record<string, number> }).__seenBlocks[block],
              String(receipt.blockNumber),
            );
            if (minedToRow !== undefined && minedToApi !== undefined && shownAt !== undefined) {
              hops.push({ minedToRow, minedToApi, minedToDashboard: shownAt - minedAt });
              return;
            }
            await sleep(10);
          }
        })(),
      );
      if ((sample + 1) % 25 === 0) console.log(`measure   ${sample + 1}/${SAMPLES} sent`);
      await sleep(Math.max(0, CADENCE_MS - (Date.now() - tick)));
    }
    await Promise.all(pending);
    const rowToDashboard = hops.map((hop) => hop.minedToDashboard - hop.minedToRow);
    console.log(`mined -> row in Postgres:      ${describe(hops.map((hop) => hop.minedToRow))}`);
    console.log(`mined -> answered by the API:  ${describe(hops.map((hop) => hop.minedToApi))}`);
    console.log(`row -> shown in the dashboard: ${describe(rowToDashboard)}`);
    console.log(`mined -> shown in the dashboard: ${describe(hops.map((hop) => hop.minedToDashboard))} (${hops.length} samples)`);
  } finally {
    await browser.close();
    provider.destroy();
    await sql.end();
    await stack.stop();
  }
}

await main();
