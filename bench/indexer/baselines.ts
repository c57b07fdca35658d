// The baselines are installed and built on first use (they are bench code, not part of `npm ci`):
// Ponder gets its own node_modules from its lockfile; the plain SubQuery project borrows the indexer's
// SubQuery install through a link and is built with `subql codegen && subql build`.
import { execFileSync } from "node:child_process";
import { existsSync, symlinkSync } from "node:fs";
import path from "node:path";
import { ponderDir } from "./runners/ponder.ts";
import { subqlPlainDir } from "./runners/subqlPlain.ts";

export async function ensureBaselines(log: (message: string) => void): Promise<void> {
  if (!existsSync(path.join(ponderDir, "node_modules", "ponder"))) {
    log("installing the Ponder baseline (npm ci in bench/baselines/ponder)");
    execFileSync("npm", ["ci", "--no-audit", "--no-fund"], { cwd: ponderDir, stdio: "inherit" });
  }
  const modules = path.join(subqlPlainDir, "node_modules");
  if (!existsSync(modules)) symlinkSync(path.join("..", "..", "..", "indexer", "subql", "node_modules"), modules);
  if (!existsSync(path.join(subqlPlainDir, "dist", "index.js"))) {
    log("building the plain SubQuery baseline");
    const subql = path.join(modules, ".bin", "subql");
    execFileSync(subql, ["codegen"], { cwd: subqlPlainDir, stdio: "inherit" });
    execFileSync(subql, ["build"], { cwd: subqlPlainDir, stdio: "inherit" });
  }
}
