import { Wallet } from "ethers";
import { readDeployment, type Deployment } from "../chain/deployment.js";
import type { ChainAccess } from "../verify/connectCareTrail.js";
import { CliInputError } from "./cliIo.js";
import { cliSettings } from "./cliSettings.js";

export type ChainOptions = { rpc?: string; deployment?: string };

export function deploymentOf(options: ChainOptions): Deployment {
  return readDeployment(options.deployment ?? cliSettings().CARETRAIL_DEPLOYMENT);
}

/** --rpc, then RPC_URL, then the URL the deployment file was written with. */
export function chainAccessOf(options: ChainOptions): ChainAccess {
  const deployment = deploymentOf(options);
  const rpcUrl = options.rpc ?? cliSettings().RPC_URL ?? deployment.rpcUrl;
  if (!rpcUrl) throw new CliInputError("No RPC URL: pass --rpc or set RPC_URL.");
  return { rpcUrl, address: deployment.address, fromBlock: deployment.startBlock };
}

/** The account key for signing or relaying, from CARETRAIL_PRIVATE_KEY (never a flag: flags end up in shell history). */
export function signerKeyOf(): Wallet {
  const key = cliSettings().CARETRAIL_PRIVATE_KEY;
  if (!key) throw new CliInputError("Set CARETRAIL_PRIVATE_KEY to the signing account's private key (0x + 64 hex digits).");
  try {
    return new Wallet(key);
  } catch {
    throw new CliInputError("CARETRAIL_PRIVATE_KEY is not a valid secp256k1 private key (0x + 64 hex digits).");
  }
}
