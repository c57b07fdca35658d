// Runs the e2e stack in its own process (tsx loads the workspace TypeScript packages); prints one READY line with
// its addresses as JSON, and stops everything on SIGTERM/SIGINT. Used by Playwright's globalSetup and the measurements.
import { startE2eStack } from "./stack.ts";

export const READY_PREFIX = "E2E_STACK_READY ";

const outputDir = process.argv[2];
if (!outputDir) {
  console.error("usage: node --import tsx e2e/runStack.ts <output dir>");
  process.exit(2);
}

const verbose = process.env.E2E_STACK_VERBOSE === "1";
const stack = await startE2eStack({ outputDir, log: (line) => verbose && console.error(line) });
const { stop, waitForIndexer: _wait, ...addresses } = stack;
console.log(READY_PREFIX + JSON.stringify(addresses));

let stopping = false;
const shutdown = async () => {
  if (stopping) return;
  stopping = true;
  await stop();
  process.exit(0);
};
process.on("SIGTERM", () => void shutdown());
process.on("SIGINT", () => void shutdown());
