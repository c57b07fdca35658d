import type { Browser, BrowserContext } from "@playwright/test";

/** A browser context signed in as a demo persona, through the dashboard's own route (a same-origin post). */
export async function signedInContext(browser: Browser, dashboardUrl: string, devAccountIndex: number): Promise<BrowserContext> {
  const context = await browser.newContext();
  const answer = await context.request.post(`${dashboardUrl}/api/auth/demo`, { headers: { origin: dashboardUrl }, data: { devAccountIndex } });
  if (!answer.ok()) throw new Error(`demo sign-in failed: ${await answer.text()}`);
  return context;
}
