import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { CareTrailError } from "../errors/careTrailError.js";

/** Where a CareTrail contract lives: written by the deploy script, read by the indexer, API and dashboard. */
export type Deployment = {
  chainId: number;
  address: `0x${string}`;
  startBlock: number;
  deployer: `0x${string}`;
  deployedAt: string;
  rpcUrl: string;
};

export class DeploymentNotFoundError extends CareTrailError {
  override name = "DeploymentNotFoundError";
  static override readonly kind = "MISCONFIGURED";
  constructor(file: string) {
    super(`No CareTrail deployment file at ${file}. Run \`npm run deploy\` (or \`npm run demo\`) first, or set CARETRAIL_DEPLOYMENT to the file's path.`);
  }
}

export class DeploymentInvalidError extends CareTrailError {
  override name = "DeploymentInvalidError";
  static override readonly kind = "MISCONFIGURED";
  constructor(file: string, problem: string) {
    super(`The deployment file ${file} is not usable: ${problem}. Deploy again to rewrite it.`);
  }
}

/** The repository root: the nearest folder above `start` whose package.json declares workspaces. */
export function findRepoRoot(start: string = process.cwd()): string {
  let dir = path.resolve(start);
  for (;;) {
    const manifest = path.join(dir, "package.json");
    if (existsSync(manifest) && "workspaces" in JSON.parse(readFileSync(manifest, "utf8"))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) return path.resolve(start);
    dir = parent;
  }
}

/** .caretrail/deployment.json at the repository root (each process's CARETRAIL_DEPLOYMENT setting overrides it). */
export function defaultDeploymentPath(): string {
  return path.join(findRepoRoot(), ".caretrail", "deployment.json");
}

export function writeDeployment(deployment: Deployment, file: string = defaultDeploymentPath()): string {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(deployment, null, 2) + "\n");
  return file;
}

export function readDeployment(file: string = defaultDeploymentPath()): Deployment {
  if (!existsSync(file)) throw new DeploymentNotFoundError(file);
  let parsed: Partial<Deployment>;
  try {
    parsed = JSON.parse(readFileSync(file, "utf8")) as Partial<Deployment>;
  } catch (error) {
    throw new DeploymentInvalidError(file, `it is not JSON (${(error as Error).message})`);
  }
  if (typeof parsed.address !== "string" || !/^0x[0-9a-fA-F]{40}$/.test(parsed.address)) {
    throw new DeploymentInvalidError(file, "`address` is missing or not an address");
  }
  if (!Number.isInteger(parsed.chainId)) throw new DeploymentInvalidError(file, "`chainId` is missing");
  if (!Number.isInteger(parsed.startBlock)) throw new DeploymentInvalidError(file, "`startBlock` is missing");
  return parsed as Deployment;
}
