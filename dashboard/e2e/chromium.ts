// Debian's chromium (RECIPES.md): Playwright cannot download browsers on these machines. Shared by the e2e suite
// (playwright.config.ts) and the measurements (measure.ts), so both run the same browser the same way.
export const chromiumLaunchOptions = {
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"],
};
