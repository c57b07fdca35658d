// The auditor's job: "show me what happened, and prove it". It verifies a tampered file (the verdict fits the
// panel and names the author), pages the trail and the grouped alerts, and exports the whole trail.
import { expect, test } from "@playwright/test";
import { stack, writeTamperedBundle } from "./helpers.ts";
import { expectNoHorizontalScroll, forEachViewport, saveDocScreenshot, signInWatchingErrors } from "./personaChecks.ts";

forEachViewport("auditor", (viewport) => {
  test("verifies a tampered file, pages the trail and alerts, and exports everything", async ({ page }, testInfo) => {
    const errors = await signInWatchingErrors(page, "Auditor", /\/auditor$/);

    const tampered = writeTamperedBundle(testInfo);
    await page.locator("#verify-file").setInputFiles(tampered);
    const verdict = page.getByTestId("verdict");
    await expect(verdict).toHaveAttribute("data-valid", "false");
    await expect(verdict.locator('li[data-status="fail"]').filter({ hasText: "content-hash" })).toContainText("the ciphertext was altered");
    await expect(verdict.getByTestId("verdict-author")).toContainText("Dr. Cardiology");
    await expect(verdict.getByRole("button", { name: "Copy record id" })).toBeVisible();
    // Pills keep their size: no badge is taller than two lines of its text.
    for (const height of await verdict.locator(".badge").evaluateAll((badges) => badges.map((badge) => badge.getBoundingClientRect().height)))
      expect(height).toBeLessThan(30);
    await expectNoHorizontalScroll(page, viewport.name);
    await verdict.scrollIntoViewIfNeeded();
    await saveDocScreenshot(page, `auditor-tampered-${viewport.name}`);

    // The trail is paged and the pager says where.
    const position = page.getByTestId("pager-position");
    const total = Number((await position.textContent())!.match(/of ([\d,]+) events/)![1]!.replaceAll(",", ""));
    await expect(position).toHaveText(new RegExp(`^1–20 of ${total} events$`));
    await page.getByRole("link", { name: "Older events →" }).click();
    await expect(position).toHaveText(new RegExp(`^21–${Math.min(40, total)} of ${total} events$`));
    await expectNoHorizontalScroll(page, viewport.name);

    // Alerts are grouped with counts, filtered by rule and paged.
    await expect(page.getByTestId("alert-counts")).toContainText(/\d+ alerts in \d+ groups/);
    await page.getByLabel("Rule").selectOption("DENIED_ATTEMPT");
    await page.getByRole("button", { name: "Filter alerts" }).click();
    await expect(page).toHaveURL(/alertRule=DENIED_ATTEMPT/);
    // The URL changes before the filtered list has rendered: wait for its first item, then read them all.
    const alertItems = page.getByRole("list", { name: "Alerts" }).locator("li");
    await expect(alertItems.first()).toHaveAttribute("data-rule", "DENIED_ATTEMPT");
    const rules = await alertItems.evaluateAll((items) => items.map((item) => item.getAttribute("data-rule")));
    expect(rules.length).toBeGreaterThan(0);
    for (const rule of rules) expect(rule).toBe("DENIED_ATTEMPT");
    await expectNoHorizontalScroll(page, viewport.name);
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    expect(height, "the auditor page is paged, not one long scroll").toBeLessThan(viewport.width < 600 ? 12_000 : 7_000);
    await saveDocScreenshot(page, `auditor-alerts-${viewport.name}`);

    // "Export all N events": the FHIR bundle holds every one of them.
    await expect(page.getByTestId("export-links")).toContainText(`Export all ${total.toLocaleString("en-US")} events`);
    const fhir = await page.request.get(`${stack().dashboardUrl}/api/export/fhir`);
    expect(fhir.status()).toBe(200);
    const exported = (await fhir.json()) as { resourceType: string; entry: { resource: { resourceType: string } }[] };
    expect(exported.resourceType).toBe("Bundle");
    // FHIR folds each request into its decision, so the bundle has fewer AuditEvents than the timeline has events:
    // it must hold every one the API counts (x-total-count), not a first page.
    const fhirTotal = Number(fhir.headers()["x-total-count"]);
    expect(fhirTotal).toBeGreaterThanOrEqual(total / 2);
    expect(exported.entry.filter((entry) => entry.resource.resourceType === "AuditEvent").length).toBe(fhirTotal);
    const csv = await page.request.get(`${stack().dashboardUrl}/api/export/csv`);
    expect((await csv.text()).trim().split("\n").length - 1).toBe(total);
    expect(errors).toEqual([]);
  });
});
