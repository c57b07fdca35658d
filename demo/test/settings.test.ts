// One validated settings module per process, one name per setting, every setting documented: the README's
// Configuration table and .env.example list every name the modules read, and nothing else reads the environment.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { findRepoRoot, settingNames } from "@caretrail/sdk";
import { apiSettingsSchema } from "../../api/src/config.ts";
import { indexerSettingsSchema } from "../../indexer/src/config.ts";
import { devstackSettingsSchema } from "../../devstack/src/config.ts";
import { cliSettingsSchema } from "../../sdk/src/cli/cliSettings.ts";
import { deploySettingsSchema } from "../../devstack/src/deployConfig.ts";
import { dashboardSettingsSchema } from "../../dashboard/lib/settings.ts";
import { demoSettingsSchema, seedSettingsSchema } from "../src/config.ts";

const root = findRepoRoot();
const schemas = {
  api: apiSettingsSchema,
  indexer: indexerSettingsSchema,
  devstack: devstackSettingsSchema,
  cli: cliSettingsSchema,
  deploy: deploySettingsSchema,
  dashboard: dashboardSettingsSchema,
  demo: demoSettingsSchema,
  seed: seedSettingsSchema,
};
/** Set by the tools that start the process, not by an operator. */
const SET_BY_TOOLS = new Set(["INIT_CWD", "NODE_ENV"]);

/** The settings modules, and what else may read the environment and why. */
const SETTINGS_MODULES = new Set([
  "api/src/config.ts",
  "indexer/src/config.ts",
  "devstack/src/config.ts",
  "sdk/src/cli/cliSettings.ts",
  "sdk/src/settings/readSettings.ts",
  "devstack/src/deployConfig.ts",
  "dashboard/lib/settings.ts",
  "demo/src/config.ts",
]);
const OTHER_READERS: Record<string, string> = {
  "contracts/hardhat.config.ts": "Hardhat's own config file, evaluated by every Hardhat process (CARETRAIL_CHAIN_START_DAYS_AGO, RPC_URL)",
  "indexer/scripts/subqlPatches.mjs": "a patch inside SubQuery's code, which runs in SubQuery's process (SUBQL_CHAIN_INTERVAL_MS, set by the runner)",
  "indexer/scripts/installSubql.mjs": "the npm postinstall step (npm's own variables)",
  "demo/docker/healthcheck.mjs": "a container health check run by plain node, without the workspace's build (DATABASE_URL, INDEXER_DB_SCHEMA)",
  "dashboard/playwright.config.ts": "the browser tests' config (CHROMIUM_PATH)",
  "scripts/testSoak.mjs": "the soak runner, a test tool (SOAK_SEED, SOAK_SUITES)",
  "api/scripts/buildGraphiql.mjs": "reads nothing: it names process.env.NODE_ENV for esbuild to replace in GraphiQL's browser bundle",
};
/** Test code, benches and measuring scripts configure themselves. */
const isTestOrTool = (file: string) =>
  /\.(test|spec)\.tsx?$|\.soak\.ts$/.test(file) ||
  /(^|\/)(test|e2e)\//.test(file) ||
  file.startsWith("bench/") ||
  /^(api|indexer)\/scripts\/measure/.test(file);

const documentedNames = (text: string, pattern: RegExp) => new Set([...text.matchAll(pattern)].map((match) => match[1]!));

test("every setting a process reads is in the README's Configuration table and in .env.example", () => {
  const readme = readFileSync(path.join(root, "README.md"), "utf8");
  const configuration = readme.slice(readme.indexOf("## Configuration"), readme.indexOf("### A real Postgres and a real chain"));
  const inTable = documentedNames(configuration, /`([A-Z][A-Z0-9_]+)`/g);
  const inExample = documentedNames(readFileSync(path.join(root, ".env.example"), "utf8"), /^(?:# )?([A-Z][A-Z0-9_]+)=/gm);
  const missing: string[] = [];
  for (const [process, schema] of Object.entries(schemas)) {
    for (const name of settingNames(schema)) {
      if (SET_BY_TOOLS.has(name)) continue;
      if (!inTable.has(name)) missing.push(`${name} (${process}) is not in the README's Configuration table`);
      if (!inExample.has(name)) missing.push(`${name} (${process}) is not in .env.example`);
    }
  }
  assert.deepEqual(missing, []);
});

test("only the settings modules read the environment (tests, benches and tool scripts aside)", () => {
  const files = execFileSync("git", ["ls-files", "*.ts", "*.tsx", "*.mjs", "*.cjs"], { cwd: root, encoding: "utf8" })
    .split("\n")
    .filter((file) => file && !file.includes("/generated/") && !isTestOrTool(file));
  assert.ok(files.length > 100, `only ${files.length} source files found`);
  const readers: string[] = [];
  for (const file of files) {
    if (SETTINGS_MODULES.has(file) || file in OTHER_READERS) continue;
    const source = readFileSync(path.join(root, file), "utf8");
    // A read: process.env.NAME, process.env["NAME"], or destructuring from process.env. Passing the whole
    // environment on to a child process (...process.env, Object.entries(process.env)) is not a read.
    const reads = source.match(/process\.env\.[A-Z_]|process\.env\[|\}\s*=\s*process\.env\b|=\s*process\.env\s*[;,)]/g);
    if (reads) readers.push(`${file}: ${reads.join(", ")}`);
  }
  assert.deepEqual(readers, [], "read the setting in the process's settings module and pass it as a parameter");
});

test("every retired or second name is gone from the compose file and the docs", () => {
  for (const file of ["docker-compose.yml", ".env.example", "README.md", "api/README.md"]) {
    // The Configuration table says once that the old name is refused.
    const text = readFileSync(path.join(root, file), "utf8").replace("(`CARETRAIL_DB_SCHEMA`, its old second name, is refused", "");
    assert.doesNotMatch(text, /CARETRAIL_DB_SCHEMA/, `${file} still names CARETRAIL_DB_SCHEMA`);
    assert.doesNotMatch(text, /(?<!CARETRAIL_)CHAIN_START_DAYS_AGO/, `${file} still names CHAIN_START_DAYS_AGO`);
  }
});
