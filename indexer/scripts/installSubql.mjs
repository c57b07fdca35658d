// Installs the SubQuery project's own dependencies (indexer/subql, outside the npm workspaces: it needs
// ethers 5 and graphql 15 while the rest of the repository uses ethers 6 and graphql 16). Run by the
// root package's postinstall, so `npm ci` at the root installs everything; skipped when up to date.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { applySubqlPatches } from "./subqlPatches.mjs";

const subqlDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "subql");
const lockHash = createHash("sha256")
  .update(readFileSync(path.join(subqlDir, "package-lock.json")))
  .digest("hex");
const stamp = path.join(subqlDir, "node_modules", ".caretrail-lock-sha256");

if (!existsSync(stamp) || readFileSync(stamp, "utf8") !== lockHash) installDependencies();
// SubQuery's own code gets CareTrail's small speed and freshness patches (scripts/subqlPatches.mjs) on every
// run, also when the install is up to date: a patch that no longer applies stops the install here.
const applied = applySubqlPatches(path.join(subqlDir, "node_modules"));
if (applied.length > 0) console.log(`patched SubQuery: ${applied.join(", ")}`);

function installDependencies() {
  // The root install's npm_config_* (workspace, save, omit...) must not leak into this separate install.
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.toLowerCase().startsWith("npm_config_")));
  const npm = process.env.npm_execpath ? [process.execPath, [process.env.npm_execpath]] : ["npm", []];
  console.log(`installing the SubQuery project's dependencies in ${subqlDir} (npm ci)`);
  const result = spawnSync(npm[0], [...npm[1], "ci", "--no-audit", "--no-fund", "--loglevel=error"], { cwd: subqlDir, env, stdio: "inherit" });
  if (result.status !== 0) {
    console.error(`npm ci in ${subqlDir} failed (exit ${result.status}): fix the error above, then run \`npm run install:subql -w indexer\`.`);
    process.exit(result.status ?? 1);
  }
  writeFileSync(stamp, lockHash);
}
