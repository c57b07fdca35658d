import type { Signer } from "ethers";
import { CareTrail__factory, type CareTrail } from "../generated/typechain/index.js";
import type { Deployment } from "./deployment.js";

export type DeployCareTrailParameters = {
  signer: Signer;
  /** Holds DEFAULT_ADMIN_ROLE; defaults to the deployer. */
  admin?: string;
  /** Holds GOVERNANCE_ROLE (credentials providers); defaults to the deployer. */
  governance?: string;
  rpcUrl: string;
};

export type DeployCareTrailReturnType = { contract: CareTrail; deployment: Deployment };

/** Deploys CareTrail and describes where it lives. */
export async function deployCareTrail({ signer, admin, governance, rpcUrl }: DeployCareTrailParameters): Promise<DeployCareTrailReturnType> {
  const deployer = (await signer.getAddress()) as `0x${string}`;
  const contract = await new CareTrail__factory(signer).deploy(admin ?? deployer, governance ?? deployer);
  const receipt = await contract.deploymentTransaction()?.wait();
  if (!receipt) throw new Error("CareTrail deployment produced no receipt: is the RPC node mining?");
  const network = await signer.provider!.getNetwork();
  return {
    contract,
    deployment: {
      chainId: Number(network.chainId),
      address: (await contract.getAddress()) as `0x${string}`,
      startBlock: receipt.blockNumber,
      deployer,
      deployedAt: new Date().toISOString(),
      rpcUrl,
    },
  };
}
