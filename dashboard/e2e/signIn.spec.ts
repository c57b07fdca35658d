import { expect, test } from "@playwright/test";
import { saveScreenshot, stack } from "./helpers.ts";

test("sign-in offers a wallet and, in demo mode, clearly labelled demo personas", async ({ page }) => {
  await page.goto(`${stack().dashboardUrl}/patient`);
  await expect(page).toHaveURL(/\/sign-in$/);
  await expect(page.getByRole("button", { name: "Connect wallet and sign in" })).toBeVisible();
  await expect(page.getByRole("heading", { name: /Demo personas/ })).toContainText("DEMO ONLY");
  await expect(page.getByRole("button", { name: /Unregistered third party/ })).toHaveCount(0);

  await page.getByRole("button", { name: "Connect wallet and sign in" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "No browser wallet" })).toBeVisible();
  await saveScreenshot(page, "sign-in");
});
