// Starts the real stack in a child process (e2e/runStack.ts) and hands its addresses to the tests through env vars.
import { spawn } from "node:child_process";
import path from "node:path";
import type { FullConfig } from "@playwright/test";
import { stopChildProcess } from "@caretrail/devstack";

const READY_PREFIX = "E2E_STACK_READY ";

export default async function globalSetup(config: FullConfig): Promise<() => Promise<void>> {
  const dashboardDir = path.dirname(config.configFile ?? path.join(process.cwd(), "playwright.config.ts"));
  const outputDir = path.join(dashboardDir, "test-results", "stack");
  const child = spawn(process.execPath, ["--import", "tsx", path.join(dashboardDir, "e2e", "runStack.ts"), outputDir], {
    cwd: dashboardDir,
    stdio: ["ignore", "pipe", "inherit"],
  });
  const started = Date.now();
  const addresses = await new Promise<Record<string, unknown>>((resolve, reject) => {
    let buffer = "";
    child.stdout.setEncoding("utf8");
    child.stdout.on("data", (chunk: string) => {
      buffer += chunk;
      const line = buffer.split("\n").find((candidate) => candidate.startsWith(READY_PREFIX));
      if (line) resolve(JSON.parse(line.slice(READY_PREFIX.length)) as Record<string, unknown>);
    });
    child.once("exit", (code) => reject(new Error(`the e2e stack exited with code ${code} before it was ready (E2E_STACK_VERBOSE=1 shows its log)`)));
  });
  console.log(
    `e2e stack ready in ${((Date.now() - started) / 1000).toFixed(1)} s: dashboard ${String(addresses.dashboardUrl)}, API ${String(addresses.apiUrl)}`,
  );
  process.env.CARETRAIL_E2E = JSON.stringify(addresses);
  // The stack stops its own children (dashboard, API, indexer, Postgres, chain) on SIGTERM: give it time to.
  return () => stopChildProcess(child, { killAfterMs: 60_000 });
}
