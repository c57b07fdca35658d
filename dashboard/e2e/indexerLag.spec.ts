import { expect, test, type Page } from "@playwright/test";
import { stack } from "./helpers.ts";

// The "data may be behind" banner (components/DataFreshnessBanner.tsx): the chain runs ahead of the indexer by far
// more than BEHIND_THRESHOLD_BLOCKS (10), the banner says so on every page; once the indexer has caught up it goes.
/** Empty blocks mined at once: the indexer needs several seconds for them (its head poll alone is 5 s). */
const BLOCKS_AHEAD = 1_500;

async function rpc(method: string, params: unknown[]): Promise<unknown> {
  const response = await fetch(stack().rpcUrl, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }),
  });
  const reply = (await response.json()) as { result?: unknown; error?: { message: string } };
  if (reply.error) throw new Error(`${method}: ${reply.error.message}`);
  return reply.result;
}

/** The banner's text after a fresh load of the sign-in page (a server component: each load asks the API). */
async function bannerText(page: Page): Promise<string | null> {
  await page.goto(`${stack().dashboardUrl}/sign-in`);
  const banner = page.getByTestId("data-behind-banner");
  return (await banner.count()) > 0 ? await banner.innerText() : null;
}

test("the banner shows while the chain is more than 10 blocks ahead of the indexer, and goes once it has caught up", async ({ page }) => {
  test.setTimeout(240_000);
  await expect.poll(() => bannerText(page), { message: "the data is current before the chain runs ahead", timeout: 90_000 }).toBeNull();

  // One-second blocks, so chain time moves on by less than half an hour (tickets live an hour).
  await rpc("hardhat_mine", [`0x${BLOCKS_AHEAD.toString(16)}`, "0x1"]);
  await expect
    .poll(() => bannerText(page), { message: "the banner while the indexer is behind", intervals: [250], timeout: 60_000 })
    .toMatch(/\d+ blocks? behind the chain/);
  await expect(page.getByTestId("data-behind-banner")).toHaveAttribute("role", "status");

  await expect.poll(() => bannerText(page), { message: "the banner after the indexer caught up", intervals: [1_000], timeout: 180_000 }).toBeNull();
});
