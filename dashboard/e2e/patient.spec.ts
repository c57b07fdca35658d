import { expect, test } from "@playwright/test";
import { devAccount } from "@caretrail/devstack";
import { CareTrail__factory, Purpose, RecordCategory } from "@caretrail/sdk";
import { JsonRpcProvider } from "ethers";
import { persona, saveScreenshot, signInAs, stack } from "./helpers.ts";

test("a patient grants and revokes a consent and sees both on the timeline", async ({ page }) => {
  await signInAs(page, "Patient Ada", /\/patient$/);
  await expect(page.getByRole("heading", { name: "My health data" })).toBeVisible();
  await expect(page.getByRole("list", { name: "My records" }).getByText("signed by author").first()).toBeVisible();
  await saveScreenshot(page, "patient");

  const doctor = persona("Dr. Emergency");
  const grantForm = page.locator("form").filter({ has: page.getByRole("button", { name: "Grant", exact: true }) });
  await grantForm.getByLabel("Grantee").fill(doctor.address);
  await grantForm.getByLabel("Labs").check();
  await grantForm.getByLabel("Expires in (days)").fill("14");
  await grantForm.getByRole("button", { name: "Grant", exact: true }).click();
  await expect(page.locator("[data-tx-status]")).toHaveAttribute("data-tx-status", /pending|indexing|confirmed/);
  await expect(page.locator("[data-tx-status]")).toHaveAttribute("data-tx-status", "confirmed");

  const history = page.getByRole("list", { name: "Consent history" });
  await expect(history.locator("li").first()).toContainText("Consent granted");
  await expect(history.locator("li").first()).toContainText("Dr. Emergency");
  const consent = page.locator(`li[data-grantee="${doctor.address.toLowerCase()}"]`);
  await expect(consent).toContainText("Active");
  await expect(consent).toContainText("Vitals, Labs");

  await consent.getByRole("button", { name: "Revoke" }).click();
  await consent.getByRole("button", { name: "Yes, revoke" }).click();
  await expect(page.locator("[data-tx-status]")).toHaveAttribute("data-tx-status", "confirmed");
  await expect(history.locator("li").first()).toContainText("Consent revoked");
  await expect(history.locator("li").first()).toContainText("Dr. Emergency");
  await expect(consent).toContainText("Not active");
  await saveScreenshot(page, "patient-consent-revoked");
});

test("a refused consent change shows as failed with the contract's reason", async ({ page }) => {
  await signInAs(page, "Patient Ada", /\/patient$/);
  const grantForm = page.locator("form").filter({ has: page.getByRole("button", { name: "Grant", exact: true }) });
  await grantForm.getByLabel("Grantee").fill(persona("Unregistered third party").address);
  await grantForm.getByRole("button", { name: "Grant", exact: true }).click();
  await expect(page.locator("[data-tx-status]")).toHaveAttribute("data-tx-status", "failed");
  await expect(page.locator("[data-tx-status]")).toContainText("ConsentGranteeNotRegistered");
});

test("a provider's access appears live in the patient's who-accessed view", async ({ page }) => {
  await signInAs(page, "Patient Ben", /\/patient$/);
  const timeline = page.getByRole("list", { name: "Who accessed my data" });
  await expect(timeline.locator("li").first()).toBeVisible();
  await expect(page.locator("[data-live-state]")).toHaveAttribute("data-live-state", "live");

  const { rpcUrl, deployment } = stack();
  const provider = new JsonRpcProvider(rpcUrl, undefined, { staticNetwork: true });
  const cardiologist = persona("Dr. Cardiology");
  const contract = CareTrail__factory.connect(deployment.address, devAccount(cardiologist.devAccountIndex, provider));
  const receipt = await (await contract.requestAccess(persona("Patient Ben").address, RecordCategory.Vitals, Purpose.Treatment)).wait();
  provider.destroy();

  // No reload: the subscription refreshes the timeline when the indexer writes the event.
  const granted = timeline.locator('li[data-kind="GRANT"]').filter({ hasText: `block ${receipt!.blockNumber}` });
  await expect(granted).toContainText("Dr. Cardiology");
  await expect(granted).toContainText("Vitals");
  await expect(page.locator("[data-live-state]")).toContainText("new since you opened this page");

  await page.goto(`${stack().dashboardUrl}/patient?kind=EMERGENCY&kind=DENIAL`);
  await expect(timeline.locator("li.emergency").first()).toContainText("Emergency access");
  await expect(timeline.locator("li.denial").first()).toContainText("Access denied");
  await expect(timeline.locator('li[data-kind="GRANT"]')).toHaveCount(0);
  await saveScreenshot(page, "patient-timeline-filtered");
});

test("an access indexed while the patient's page loads still appears, without a reload", async ({ page }) => {
  // The live feed's request is held until the access is indexed, as on a slow network: the page's data was read
  // before the access, its feed starts after it.
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route("**/api/live**", async (route) => {
    await held;
    await route.continue();
  });
  await signInAs(page, "Patient Ben", /\/patient$/);
  const timeline = page.getByRole("list", { name: "Who accessed my data" });
  await expect(timeline.locator("li").first()).toBeVisible();

  const { rpcUrl, deployment, apiUrl } = stack();
  const provider = new JsonRpcProvider(rpcUrl, undefined, { staticNetwork: true });
  const contract = CareTrail__factory.connect(deployment.address, devAccount(persona("Dr. Cardiology").devAccountIndex, provider));
  const receipt = await (await contract.requestAccess(persona("Patient Ben").address, RecordCategory.Vitals, Purpose.Treatment)).wait();
  provider.destroy();
  await expect
    .poll(
      async () => {
        const answer = await fetch(`${apiUrl}/graphql`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ query: "{ contract { indexedHeight } }" }),
        });
        return ((await answer.json()) as { data?: { contract?: { indexedHeight?: number } } }).data?.contract?.indexedHeight ?? 0;
      },
      { message: "the access is indexed" },
    )
    .toBeGreaterThanOrEqual(receipt!.blockNumber);

  release();
  await expect(page.locator("[data-live-state]")).toHaveAttribute("data-live-state", "live");
  const granted = timeline.locator('li[data-kind="GRANT"]').filter({ hasText: `block ${receipt!.blockNumber}` });
  await expect(granted).toContainText("Dr. Cardiology");
});

test("the patient view fits a phone-width screen", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await signInAs(page, "Patient Ada", /\/patient$/);
  await expect(page.getByRole("list", { name: "Who accessed my data" }).locator("li").first()).toBeVisible();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(1);
  await saveScreenshot(page, "patient-phone");
});
