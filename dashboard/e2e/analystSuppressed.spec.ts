import { expect, test } from "@playwright/test";
import { expectSuppressionMarked, saveScreenshot, signInAs } from "./helpers.ts";

// The e2e story has no vault reads and one insurer grant: those groups are under k = 5 and must read as suppressed.
test("an analyst reads a suppressed period as suppressed, not as zero", async ({ page }) => {
  await signInAs(page, "Researcher", /\/analyst$/);
  const overTime = page.locator('figure[data-chart="Accesses over time"]');
  await expect(overTime.locator(".recharts-surface").first()).toBeVisible();
  // The hatched marker and its legend entry are drawn, and the table says what it means.
  const table = await expectSuppressionMarked(overTime);
  const readCells = await table.locator("tbody tr td:nth-child(5)").allTextContents();
  expect(readCells.length).toBeGreaterThan(0);
  for (const text of readCells) expect(text).not.toBe("0");
  await expect(page.locator('[data-tile="privacy-budget"] strong')).toHaveText(/ε \d+/);
  await expect(page.getByText(/answered for weeks of \d{4}-\d{2}-\d{2}/)).toBeVisible();
  await saveScreenshot(page, "analyst-suppressed");

  // An inverted range is refused next to the inputs, and nothing is fetched for it.
  await page.getByLabel("From").fill("2026-11-20");
  await page.getByLabel("To").fill("2026-11-02");
  await page.getByRole("button", { name: "Show" }).click();
  await expect(page.locator("#range-error")).toContainText("is after");
  await expect(page.locator('figure[data-chart="Accesses over time"]')).toHaveCount(0);
});
