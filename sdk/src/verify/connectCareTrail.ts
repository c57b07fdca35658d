import { JsonRpcProvider, Network, getAddress } from "ethers";
import { probeRpc } from "../chain/probeRpc.js";
import { CareTrail__factory, type CareTrail } from "../generated/typechain/index.js";
import type { Address } from "../hex.js";
import { CareTrailError } from "../errors/careTrailError.js";

/** Where to read CareTrail: a JSON-RPC URL and the contract address (see readDeployment()). */
export type ChainAccess = {
  rpcUrl: string;
  address: string;
  /** The deployment's first block: where event searches start. */
  fromBlock?: number;
};

export type CareTrailConnection = {
  provider: JsonRpcProvider;
  contract: CareTrail;
  chainId: number;
  address: Address;
  fromBlock: number;
  close: () => void;
};

export class RpcUnreachableError extends CareTrailError {
  override name = "RpcUnreachableError";
  static override readonly kind = "SERVICE_UNAVAILABLE";
  constructor(rpcUrl: string) {
    super(`Nothing answers JSON-RPC at ${rpcUrl}. Start the chain (npm run demo) or pass the right --rpc / RPC_URL.`);
  }
}

export class ContractNotFoundError extends CareTrailError {
  override name = "ContractNotFoundError";
  static override readonly kind = "MISCONFIGURED";
  constructor(address: string, chainId: number) {
    super(`There is no contract at ${address} on chain ${chainId}. Point --deployment / CARETRAIL_DEPLOYMENT at this chain's deployment file.`);
  }
}

export async function connectCareTrail({ rpcUrl, address, fromBlock = 0 }: ChainAccess): Promise<CareTrailConnection> {
  const chainId = await probeRpc(rpcUrl);
  if (chainId === undefined) throw new RpcUnreachableError(rpcUrl);
  // A static network stops ethers from polling (and retrying forever) to detect it.
  const provider = new JsonRpcProvider(rpcUrl, chainId, { staticNetwork: Network.from(chainId), cacheTimeout: -1 });
  const checksummed = getAddress(address) as Address;
  if ((await provider.getCode(checksummed)) === "0x") {
    provider.destroy();
    throw new ContractNotFoundError(checksummed, chainId);
  }
  return {
    provider,
    contract: CareTrail__factory.connect(checksummed, provider),
    chainId,
    address: checksummed,
    fromBlock,
    close: () => provider.destroy(),
  };
}
