#!/usr/bin/env node
// The `caretrail` command. This launcher is committed (not built) because npm links a bin only when
// its target exists at install time: `npm ci` runs before `npm run build`, so a bin pointing into
// dist/ was never linked and `npx caretrail` fell through to the root package.
import { existsSync } from "node:fs";

const cli = new URL("../dist/cli/main.js", import.meta.url);
if (!existsSync(cli)) {
  console.error("error: the caretrail CLI is not built yet: run `npm run build` at the repository root first");
  process.exit(2);
}
await import(cli.href);
