// What every persona test checks on every view: no console errors, no sideways scroll, and a picture to look at.
import { mkdirSync } from "node:fs";
import path from "node:path";
import { expect, type Page } from "@playwright/test";

export const VIEWPORTS = [
  { label: "desktop", width: 1280, height: 900 },
  { label: "phone", width: 390, height: 844 },
] as const;

/** Collects console errors and uncaught page errors from now on; assert the list is empty at the end. */
export function watchConsole(page: Page): string[] {
  const errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  page.on("pageerror", (error) => errors.push(error.message));
  return errors;
}

export async function expectNoSidewaysScroll(page: Page): Promise<void> {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));
  expect(scrollWidth, "the page scrolls sideways").toBeLessThanOrEqual(innerWidth);
}

const docsDir = path.join(import.meta.dirname, "..", "..", "docs", "screenshots");

/** A full-page screenshot under docs/screenshots (persona walk-throughs are looked at, not only asserted). */
export async function savePersonaScreenshot(page: Page, name: string): Promise<void> {
  mkdirSync(docsDir, { recursive: true });
  await page.mouse.move(0, 0);
  await page.screenshot({ path: path.join(docsDir, `${name}.png`), fullPage: true });
}
