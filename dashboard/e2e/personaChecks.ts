// What every persona test asserts besides its job: no console errors, no sideways scroll; and its screenshots,
// saved where the docs link them (docs/screenshots).
import { mkdirSync } from "node:fs";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { signInAs } from "./helpers.ts";

export const VIEWPORTS = [
  { name: "desktop", width: 1280, height: 900 },
  { name: "phone", width: 390, height: 844 },
] as const;

type Viewport = (typeof VIEWPORTS)[number];

/** Declares `body`'s tests once per viewport, each inside a describe "`who` at <width> px" that uses that viewport. */
export function forEachViewport(who: string, body: (viewport: Viewport) => void): void {
  for (const viewport of VIEWPORTS) {
    test.describe(`${who} at ${viewport.width} px`, () => {
      test.use({ viewport: { width: viewport.width, height: viewport.height } });
      body(viewport);
    });
  }
}

/** Collects console errors and uncaught page errors from now on. */
export function watchConsoleErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  page.on("pageerror", (error) => errors.push(error.message));
  return errors;
}

/** Signs in as `name` with console errors watched from before the first page; the list keeps filling afterwards. */
export async function signInWatchingErrors(page: Page, name: string, landing: RegExp): Promise<string[]> {
  const errors = watchConsoleErrors(page);
  await signInAs(page, name, landing);
  return errors;
}

export async function expectNoHorizontalScroll(page: Page, where: string): Promise<void> {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, `${where}: the page scrolls sideways by ${overflow} px`).toBeLessThanOrEqual(1);
}

const docsDir = path.join(import.meta.dirname, "..", "..", "docs", "screenshots");

/** A screenshot of the page from the top, at most `maxHeight` px tall, under docs/screenshots/<name>.png. */
export async function saveDocScreenshot(page: Page, name: string, maxHeight = 2200): Promise<void> {
  mkdirSync(docsDir, { recursive: true });
  await page.mouse.move(0, 0);
  const width = page.viewportSize()?.width ?? 1280;
  const height = Math.min(maxHeight, await page.evaluate(() => document.documentElement.scrollHeight));
  await page.screenshot({ path: path.join(docsDir, `${name}.png`), fullPage: true, clip: { x: 0, y: 0, width, height } });
}
