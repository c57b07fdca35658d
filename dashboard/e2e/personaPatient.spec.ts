// The patient's job, end to end on the real stack: find who read a record, see who can still read it, open it, revoke.
import { expect, test } from "@playwright/test";
import { devAccount } from "@caretrail/devstack";
import { accessTicketOf, CareTrail__factory, Purpose, recordIdFor } from "@caretrail/sdk";
import { JsonRpcProvider } from "ethers";
import { expectNoHorizontalScroll, saveDocScreenshot, VIEWPORTS, watchConsoleErrors } from "./personaChecks.ts";
import { persona, saveScreenshot, signInAs, stack } from "./helpers.ts";
import { CAST } from "./seedScenario.ts";

/** The cardiologist reads a record exactly as the vault makes it happen: a ticket, then the vault's logRead. */
async function cardiologistReads(recordId: string): Promise<void> {
  const { rpcUrl, deployment } = stack();
  const provider = new JsonRpcProvider(rpcUrl, undefined, { staticNetwork: true });
  try {
    const asDoctor = CareTrail__factory.connect(deployment.address, devAccount(persona("Dr. Cardiology").devAccountIndex, provider));
    const receipt = await (await asDoctor.requestRecordAccess(recordId, Purpose.Treatment)).wait();
    const granted = receipt!.logs.map((log) => asDoctor.interface.parseLog(log)).find((event) => event?.name === "AccessGranted");
    const asVault = CareTrail__factory.connect(deployment.address, devAccount(CAST.vault, provider));
    await (await asVault.logRead(accessTicketOf(granted!), recordId)).wait();
  } finally {
    provider.destroy();
  }
}

const RUNS = [
  { viewport: VIEWPORTS[0], patient: "Patient Ada", recordId: () => stack().patientRecordId },
  { viewport: VIEWPORTS[1], patient: "Patient Ben", recordId: () => recordIdFor(persona("Patient Ben").address, 0n) },
];

for (const { viewport, patient, recordId } of RUNS) {
  test(`${patient} finds who read a record, opens it and revokes the reader (${viewport.width} px)`, async ({ page }) => {
    test.setTimeout(240_000);
    await page.setViewportSize({ width: viewport.width, height: viewport.height });
    const errors = watchConsoleErrors(page);
    const record = recordId().toLowerCase();
    const doctor = persona("Dr. Cardiology");

    await signInAs(page, patient, /\/patient$/);
    // "Who accessed my data" comes first, above records and consents.
    const accessTop = (await page.getByRole("heading", { name: "Who accessed my data" }).boundingBox())!.y;
    expect(accessTop).toBeLessThan((await page.getByRole("heading", { name: "My records" }).boundingBox())!.y);
    await expect(page.locator('[data-summary="last-access"]')).toBeVisible();
    await saveDocScreenshot(page, `patient-summary-${viewport.name}`, viewport.height);

    await cardiologistReads(record);

    // Pick the reader by name; the page stays where it was.
    const filters = page.getByRole("form", { name: "Filter the timeline" });
    await expect(filters.getByLabel("Who")).toContainText("Dr. Cardiology");
    await filters.getByLabel("Who").selectOption({ label: "Dr. Cardiology" });
    await filters.getByLabel("Record read").check();
    await filters.getByRole("button", { name: "Apply filters" }).scrollIntoViewIfNeeded();
    const scrolledTo = await page.evaluate(() => window.scrollY);
    await filters.getByRole("button", { name: "Apply filters" }).click();
    await expect(page).toHaveURL(new RegExp(`actor=${doctor.address.toLowerCase()}`));
    const timeline = page.getByRole("list", { name: "Who accessed my data" });
    const read = timeline.locator('li[data-kind="READ"]').first();
    await expect(read).toContainText("Dr. Cardiology", { timeout: 60_000 });
    expect(Math.abs((await page.evaluate(() => window.scrollY)) - scrolledTo), "applying a filter keeps the scroll position").toBeLessThan(60);
    // Plain words first; the chain's block and transaction one click away.
    await expect(read.getByText(/block \d+ · tx 0x/)).toBeHidden();
    await read.getByText("Chain details").click();
    await expect(read.getByText(/block \d+ · tx 0x/)).toBeVisible();

    // The record says who can read it now; the patient opens and decrypts it.
    const item = page.locator(`li[data-record="${record}"]`);
    await page.reload();
    await expect(item.locator(`[data-ticket-holder="${doctor.address.toLowerCase()}"]`).first()).toContainText("Dr. Cardiology");
    await item.getByRole("button", { name: "Open and decrypt" }).click();
    await expect(item.locator("[data-open-state]")).toHaveAttribute("data-open-state", "open", { timeout: 90_000 });
    await expect(item.getByLabel("Decrypted record")).toContainText('"resourceType"');
    await expect(item.getByRole("link", { name: "Download" })).toHaveAttribute("download", /\.json$/);
    await saveDocScreenshot(page, `patient-record-open-${viewport.name}`);

    // Revoking asks first, then shows its progress beside the consent.
    const consent = page.locator(`li[data-grantee="${doctor.address.toLowerCase()}"]`);
    await consent.getByRole("button", { name: "Revoke" }).click();
    await expect(consent.getByRole("group", { name: /Confirm revoking/ })).toContainText("Revoke Dr. Cardiology");
    await consent.getByRole("button", { name: "Yes, revoke" }).click();
    await expect(consent.locator("[data-tx-status]")).toHaveAttribute("data-tx-status", "confirmed", { timeout: 90_000 });
    await expect(consent).toContainText("Not active");
    // The revocation voided the reader's ticket.
    await expect(item.locator(`[data-ticket-holder="${doctor.address.toLowerCase()}"]`)).toHaveCount(0);
    await expectNoHorizontalScroll(page, `${patient} at ${viewport.width} px`);
    await saveDocScreenshot(page, `patient-revoked-${viewport.name}`);
    await saveScreenshot(page, `persona-patient-${viewport.name}`);
    expect(errors, "console errors").toEqual([]);
  });
}

test("the persona picker leads with five personas and keeps the rest behind More", async ({ page }) => {
  for (const viewport of VIEWPORTS) {
    await page.setViewportSize({ width: viewport.width, height: viewport.height });
    const errors = watchConsoleErrors(page);
    await page.goto(`${stack().dashboardUrl}/sign-in`);
    const featured = page.getByRole("list", { name: "Featured personas" });
    await expect(featured.getByRole("button")).toHaveCount(5);
    await expect(featured).toContainText("You will see who accessed your data");
    await expect(page.getByRole("list", { name: "More personas" })).toBeHidden();
    // The wallet's error appears beside the wallet button, in view.
    await page.getByRole("button", { name: "Connect wallet and sign in" }).click();
    const problem = page.getByRole("region", { name: "Sign in with your wallet" }).getByRole("alert");
    await expect(problem).toContainText("No browser wallet");
    await expect(problem).toBeInViewport();
    await expectNoHorizontalScroll(page, `sign-in at ${viewport.width} px`);
    await saveDocScreenshot(page, viewport.name === "desktop" ? "persona-picker" : "persona-picker-phone");
    expect(
      errors.filter((text) => !/No browser wallet/.test(text)),
      "console errors",
    ).toEqual([]);
  }
});
