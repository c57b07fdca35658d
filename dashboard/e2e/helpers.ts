import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { expect, type Locator, type Page, type TestInfo } from "@playwright/test";
import type { Persona } from "./seedScenario.ts";

export type StackInfo = {
  dashboardUrl: string;
  apiUrl: string;
  rpcUrl: string;
  deployment: { address: string; chainId: number };
  personas: Persona[];
  validBundleFile: string;
  validDisclosureFile: string;
  patientRecordId: string;
};

export function stack(): StackInfo {
  const raw = process.env.CARETRAIL_E2E;
  if (!raw) throw new Error("CARETRAIL_E2E is unset: run the suite through playwright.config.ts (its globalSetup starts the stack).");
  return JSON.parse(raw) as StackInfo;
}

export function persona(name: string): Persona {
  const found = stack().personas.find((candidate) => candidate.name === name);
  if (!found) throw new Error(`no persona named ${name}`);
  return found;
}

/** Signs in through the demo persona picker, as a person would. */
export async function signInAs(page: Page, name: string, landing: RegExp): Promise<void> {
  await page.goto(`${stack().dashboardUrl}/sign-in`);
  const button = page.getByRole("button", { name: new RegExp(`^${name}\\b`) });
  // The picker leads with five featured personas; the rest sit behind "More personas".
  if (!(await button.isVisible())) await page.getByText(/^More personas/).click();
  await button.click();
  await expect(page).toHaveURL(landing);
}

const screenshotsDir = path.join(import.meta.dirname, "..", "test-results", "screenshots");

/** A full-page screenshot of a view under test-results/screenshots (README copies come from here). */
export async function saveScreenshot(page: Page, name: string): Promise<void> {
  mkdirSync(screenshotsDir, { recursive: true });
  // Park the pointer so no chart tooltip or hover style lands in the picture.
  await page.mouse.move(0, 0);
  await page.screenshot({ path: path.join(screenshotsDir, `${name}.png`), fullPage: true });
  if (process.env.UPDATE_README_SCREENSHOTS === "1") {
    // The README shows the top of each view: long timelines would make page-tall pictures.
    const docsDir = path.join(import.meta.dirname, "..", "..", "docs", "screenshots");
    mkdirSync(docsDir, { recursive: true });
    const width = page.viewportSize()?.width ?? 1280;
    const height = Math.min(1600, await page.evaluate(() => document.documentElement.scrollHeight));
    await page.screenshot({ path: path.join(docsDir, `dashboard-${name}.png`), fullPage: true, clip: { x: 0, y: 0, width, height } });
  }
}

/** Writes the seeded record bundle with one ciphertext byte flipped, for the verifier to refuse; returns its path. */
export function writeTamperedBundle(testInfo: TestInfo): string {
  const bundle = JSON.parse(readFileSync(stack().validBundleFile, "utf8")) as { ciphertext: string };
  const bytes = Buffer.from(bundle.ciphertext, "base64");
  bytes[10] = bytes[10]! ^ 0xff;
  bundle.ciphertext = bytes.toString("base64");
  const tampered = testInfo.outputPath("tampered-record.json");
  writeFileSync(tampered, JSON.stringify(bundle));
  return tampered;
}

/** The analyst's "Accesses over time" chart marks its suppressed weeks (hatched bars, the legend, the table); returns the opened table. */
export async function expectSuppressionMarked(overTime: Locator): Promise<Locator> {
  await expect(overTime.locator('.recharts-bar-rectangle path[fill="url(#suppressed-hatch)"]').first()).toBeVisible();
  await expect(overTime.locator(".recharts-legend-wrapper")).toContainText("fewer than 5 patients");
  await overTime.locator("summary").click();
  const table = overTime.locator("table");
  await expect(table).toContainText("fewer than 5 patients");
  return table;
}
