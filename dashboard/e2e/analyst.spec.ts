import { expect, test } from "@playwright/test";
import { saveScreenshot, signInAs } from "./helpers.ts";

test("an analyst's charts render with data", async ({ page }) => {
  await signInAs(page, "Researcher", /\/analyst$/);
  for (const title of ["Accesses over time", "Accesses by role", "Consent grants vs revocations", "Top accessors"]) {
    const figure = page.locator(`figure[data-chart="${title}"]`);
    await expect(figure.locator(".recharts-surface").first(), title).toBeVisible();
  }
  await expect(page.locator('figure[data-chart="Accesses over time"] .recharts-bar-rectangle').first()).toBeVisible();
  await expect(page.locator('figure[data-chart="Top accessors"] .recharts-bar-rectangle').first()).toBeVisible();
  await expect(page.locator('[data-rate="Denial rate"] strong')).toHaveText(/\d+(\.\d)?%/);
  await expect(page.locator('[data-rate="Emergency access rate"] strong')).toHaveText(/\d+(\.\d)?%/);
  // GraphiQL opens through a session handoff (personaAnalyst.spec.ts follows it into GraphiQL).
  await expect(page.getByRole("button", { name: "Open GraphiQL signed in as you" })).toBeEnabled();
  await saveScreenshot(page, "analyst");

  await page.getByLabel("7 days").check();
  await page.getByRole("button", { name: "Show" }).click();
  await expect(page).toHaveURL(/range=7d/);
  await expect(page.locator('figure[data-chart="Accesses over time"] .recharts-bar-rectangle').first()).toBeVisible();
});
