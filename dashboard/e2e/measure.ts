// `npm run measure -w dashboard`: figures for the closing note, printed, not asserted. Starts the real stack, then
// measures first contentful paint of the patient timeline (median of 5, headless chromium), seeds 10,000 access
// events for one patient and measures the timeline again, paging and filtering included.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium, type Browser } from "@playwright/test";
import { JsonRpcProvider } from "ethers";
import { devAccount } from "@caretrail/devstack";
import { CareTrail__factory, Purpose, RecordCategory } from "@caretrail/sdk";
import { chromiumLaunchOptions } from "./chromium.ts";
import { signedInContext } from "./demoSession.ts";
import { CAST } from "./seedScenario.ts";
import { startE2eStack, type E2eStack } from "./stack.ts";

const RUNS = 5;
const EVENTS = 10_000;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** FCP of a cold page load (new page, same signed-in context), in ms, and the time until the timeline's rows are visible. */
async function paintTimes(browser: Browser, stack: E2eStack, devAccountIndex: number, url: string): Promise<{ fcp: number; rows: number; pager: string }> {
  const context = await signedInContext(browser, stack.dashboardUrl, devAccountIndex);
  const fcps: number[] = [];
  const rows: number[] = [];
  let pager = "";
  for (let run = 0; run < RUNS; run++) {
    const page = await context.newPage();
    const started = Date.now();
    await page.goto(url);
    await page.getByRole("list", { name: "Who accessed my data" }).locator("li").first().waitFor();
    rows.push(Date.now() - started);
    fcps.push(await page.evaluate(() => performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? Number.NaN));
    pager = (await page.getByRole("navigation", { name: "Timeline pages" }).locator("span").first().textContent()) ?? "";
    await page.close();
  }
  await context.close();
  return { fcp: median(fcps), rows: median(rows), pager };
}

async function seedAccesses(stack: E2eStack, patient: string, requests: number): Promise<number> {
  const provider = new JsonRpcProvider(stack.rpcUrl, undefined, { staticNetwork: true });
  const started = Date.now();
  try {
    // Fill blocks instead of mining one per transaction, and give every field up front so sending is one RPC call.
    await provider.send("evm_setAutomine", [false]);
    const doctor = devAccount(CAST.cardiologist, provider);
    const contract = CareTrail__factory.connect(stack.deployment.address, doctor);
    const { maxFeePerGas, maxPriorityFeePerGas } = await provider.getFeeData();
    const firstNonce = await provider.getTransactionCount(doctor.address, "pending");
    const overrides = (nonce: number) => ({
      nonce,
      gasLimit: 80_000,
      maxFeePerGas: maxFeePerGas! * 2n,
      maxPriorityFeePerGas: maxPriorityFeePerGas!,
      chainId: stack.deployment.chainId,
    });
    const BATCH = 100;
    for (let sent = 0; sent < requests; sent += BATCH) {
      await Promise.all(
        Array.from({ length: Math.min(BATCH, requests - sent) }, (_, offset) =>
          contract.requestAccess(patient, RecordCategory.Vitals, Purpose.Treatment, overrides(firstNonce + sent + offset)),
        ),
      );
    }
    while (Number(await provider.send("eth_getBlockTransactionCountByNumber", ["pending"])) > 0) await provider.send("evm_mine", []);
    await provider.send("evm_setAutomine", [true]);
  } finally {
    provider.destroy();
  }
  return Date.now() - started;
}

async function pageThrough(browser: Browser, stack: E2eStack, devAccountIndex: number, pages: number): Promise<number[]> {
  const context = await signedInContext(browser, stack.dashboardUrl, devAccountIndex);
  const page = await context.newPage();
  await page.goto(`${stack.dashboardUrl}/patient`);
  const times: number[] = [];
  for (let step = 0; step < pages; step++) {
    const started = Date.now();
    const firstBefore = await page.getByRole("list", { name: "Who accessed my data" }).locator("li").first().textContent();
    await page.getByRole("link", { name: "Older events →" }).click();
    await page.waitForFunction((before) => document.querySelector('[aria-label="Who accessed my data"] li')?.textContent !== before, firstBefore);
    times.push(Date.now() - started);
  }
  await context.close();
  return times;
}

async function main(): Promise<void> {
  const outputDir = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "test-results", "measure");
  const stack = await startE2eStack({ outputDir });
  const browser = await chromium.launch(chromiumLaunchOptions);
  try {
    const [ada, ben] = CAST.patients;
    const demo = await paintTimes(browser, stack, ada, `${stack.dashboardUrl}/patient`);
    console.log(
      `patient timeline, demo data: FCP median ${demo.fcp.toFixed(0)} ms, timeline rows visible after ${demo.rows} ms (median of ${RUNS}); ${demo.pager}`,
    );

    const seedMs = await seedAccesses(stack, devAccount(ben).address, EVENTS / 2);
    const indexStarted = Date.now();
    await stack.waitForIndexer();
    console.log(
      `seeded ${EVENTS} access events for one patient (${EVENTS / 2} granted requests) in ${(seedMs / 1000).toFixed(1)} s; ` +
        `indexed ${((Date.now() - indexStarted) / 1000).toFixed(1)} s later`,
    );

    const large = await paintTimes(browser, stack, ben, `${stack.dashboardUrl}/patient`);
    console.log(
      `patient timeline, ${EVENTS} events: FCP median ${large.fcp.toFixed(0)} ms, ` +
        `timeline rows visible after ${large.rows} ms (median of ${RUNS}); ${large.pager}`,
    );
    const filtered = await paintTimes(browser, stack, ben, `${stack.dashboardUrl}/patient?kind=GRANT&outcome=GRANTED`);
    console.log(`same, filtered to grants: FCP median ${filtered.fcp.toFixed(0)} ms, rows after ${filtered.rows} ms; ${filtered.pager}`);
    const steps = await pageThrough(browser, stack, ben, 10);
    console.log(`"Older events" x10 at ${EVENTS} events: median ${median(steps)} ms, max ${Math.max(...steps)} ms per page of 50`);
  } finally {
    await browser.close();
    await stack.stop();
  }
}

await main();
