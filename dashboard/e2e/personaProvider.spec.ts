// The provider's job, end to end: my patients and their consents, a record within scope read through the vault,
// and the read on the patient's own timeline.
import { expect, test } from "@playwright/test";
import { expectNoHorizontalScroll, saveDocScreenshot, signInWatchingErrors, VIEWPORTS } from "./personaChecks.ts";
import { persona, signInAs, stack } from "./helpers.ts";

const RUNS = [
  { viewport: VIEWPORTS[0], patient: "Patient Cleo" },
  { viewport: VIEWPORTS[1], patient: "Patient Dev" },
];

for (const { viewport, patient } of RUNS) {
  test(`a provider reads ${patient}'s consented record through the vault, and ${patient} sees the read (${viewport.width} px)`, async ({ page }) => {
    test.setTimeout(240_000);
    await page.setViewportSize({ width: viewport.width, height: viewport.height });
    const errors = await signInWatchingErrors(page, "Dr. Cardiology", /\/provider$/);

    const row = page.locator(`li[data-patient="${persona(patient).address.toLowerCase()}"]`);
    await expect(row.getByRole("heading", { name: patient })).toBeVisible();
    await expect(row).toContainText("Active");
    await expect(row).toContainText("Vitals, Notes, Labs, Prescriptions · Treatment · until");
    // The emergency doctor never had consent; the stranger is not registered: neither is anyone's patient here.
    await expect(page.getByRole("list", { name: "My patients" }).locator(":scope > li")).toHaveCount(6);
    await saveDocScreenshot(page, `provider-patients-${viewport.name}`);

    const record = row
      .getByRole("list", { name: `Records of ${patient}` })
      .locator("li")
      .first();
    await expect(record).toContainText("Vitals from Dr. Cardiology");
    await record.getByRole("button", { name: "Open and decrypt" }).click();
    await expect(record.locator("[data-open-state]")).toHaveAttribute("data-open-state", "open", { timeout: 90_000 });
    await expect(record.getByLabel("Decrypted record")).toContainText('"resourceType": "Observation"');
    await expectNoHorizontalScroll(page, `provider at ${viewport.width} px`);
    await saveDocScreenshot(page, `provider-record-read-${viewport.name}`);
    expect(errors, "console errors on the provider's page").toEqual([]);
    // A record's provenance page leads back to the provider's own view, not the auditor's.
    await page.goto(`${stack().dashboardUrl}/records/${stack().patientRecordId}`);
    await expect(page.getByRole("link", { name: "← Back" })).toHaveAttribute("href", "/provider");

    // The patient's own timeline shows the read the vault logged on-chain.
    await page.context().clearCookies();
    await signInAs(page, patient, /\/patient$/);
    await page.goto(`${stack().dashboardUrl}/patient?kind=READ`);
    const read = page.getByRole("list", { name: "Who accessed my data" }).locator('li[data-kind="READ"]').first();
    await expect(read).toContainText("Dr. Cardiology");
    await expect(read).toContainText("Vitals");
    await expectNoHorizontalScroll(page, `${patient} at ${viewport.width} px`);
    await saveDocScreenshot(page, `provider-read-on-patient-timeline-${viewport.name}`, viewport.height * 2);
    expect(errors, "console errors").toEqual([]);
  });
}
