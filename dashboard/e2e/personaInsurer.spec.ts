// The insurer's job: "is this claim's record real?" It finds the records it may check, verifies the claim's
// disclosure (seeing the disclosed values), and is told in words why another patient's record is refused.
import { expect, test } from "@playwright/test";
import { recordIdFor } from "@caretrail/sdk";
import { persona, stack } from "./helpers.ts";
import { expectNoHorizontalScroll, forEachViewport, saveDocScreenshot, signInWatchingErrors } from "./personaChecks.ts";

forEachViewport("insurer", (viewport) => {
  test("verifies a claim's record and reads why another record is refused", async ({ page }) => {
    const errors = await signInWatchingErrors(page, "Insurer", /\/auditor$/);
    const checkable = page.getByRole("list", { name: "Records you may check" });
    await expect(checkable).toContainText("Patient Ada");
    await expect(checkable).toContainText("payment consent for Labs until");
    await expectNoHorizontalScroll(page, viewport.name);
    await saveDocScreenshot(page, `insurer-records-${viewport.name}`);

    // The claim came with Ada's lab report disclosure: it is valid and its values are shown.
    await page.locator("#verify-file").setInputFiles(stack().validDisclosureFile);
    const verdict = page.getByTestId("verdict");
    await expect(verdict).toHaveAttribute("data-valid", "true");
    const disclosed = verdict.getByRole("table", { name: "Disclosed fields" });
    await expect(disclosed).toContainText("status");
    await expect(disclosed).toContainText("final");
    await expect(verdict.getByTestId("verdict-author")).toContainText("Dr. Cardiology");
    await expectNoHorizontalScroll(page, viewport.name);
    await saveDocScreenshot(page, `insurer-claim-verified-${viewport.name}`);

    // The listed record opens with its provenance.
    await checkable.getByRole("link").first().click();
    await expect(page.getByRole("list", { name: "Provenance chain" }).locator("li").first()).toContainText("Version 1");
    await expectNoHorizontalScroll(page, viewport.name);

    // Ben never gave this insurer a payment consent: the refusal says so, by name.
    const bensRecord = recordIdFor(persona("Patient Ben").address, 0n);
    await page.goto(`${stack().dashboardUrl}/records/${bensRecord}`);
    await expect(page.getByTestId("refusal")).toContainText("No payment consent from Patient Ben");
    await expect(page.getByTestId("refusal")).not.toContainText("0x");
    await expectNoHorizontalScroll(page, viewport.name);
    await saveDocScreenshot(page, `insurer-refused-${viewport.name}`);

    // Finn's payment consent ended: the refusal says it was withdrawn, and when.
    await page.goto(`${stack().dashboardUrl}/records/${recordIdFor(persona("Patient Finn").address, 0n)}`);
    await expect(page.getByTestId("refusal")).toContainText(/Patient Finn revoked the payment consent on \d{4}-\d{2}-\d{2}/);
    await expectNoHorizontalScroll(page, viewport.name);
    expect(errors).toEqual([]);
  });
});
