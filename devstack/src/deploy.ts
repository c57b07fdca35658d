// Deploys CareTrail to RPC_URL, or to a local Hardhat node it starts (and keeps serving until Ctrl-C),
// then writes the deployment file that the indexer, API and dashboard read.
import { JsonRpcProvider, Wallet, type Signer } from "ethers";
import { defaultDeploymentPath, deployCareTrail, writeDeployment } from "@caretrail/sdk";
import { readDeploySettings } from "./deployConfig.js";
import { devAccount } from "./devAccounts.js";
import { startLocalChain, type LocalChain } from "./localChain.js";

const HARDHAT_CHAIN_ID = 31337n;

async function deployerFor(provider: JsonRpcProvider, key: string | undefined): Promise<Signer> {
  if (key) return new Wallet(key, provider);
  const { chainId } = await provider.getNetwork();
  if (chainId !== HARDHAT_CHAIN_ID) {
    throw new Error(
      `RPC_URL serves chain ${chainId}: set DEPLOYER_PRIVATE_KEY to the deployer's key (development keys are only used on chain ${HARDHAT_CHAIN_ID}).`,
    );
  }
  return devAccount(0, provider);
}

async function main(): Promise<void> {
  const settings = readDeploySettings();
  const started = Date.now();
  let chain: LocalChain | undefined;
  let rpcUrl = settings.RPC_URL;
  if (!rpcUrl) {
    chain = await startLocalChain({ port: settings.CHAIN_PORT });
    rpcUrl = chain.rpcUrl;
    console.log(`chain     local Hardhat node at ${rpcUrl} (chain id 31337)`);
  }
  const provider = new JsonRpcProvider(rpcUrl, undefined, { staticNetwork: true });
  const signer = await deployerFor(provider, settings.DEPLOYER_PRIVATE_KEY);
  const { deployment } = await deployCareTrail({
    signer,
    rpcUrl,
    admin: settings.ADMIN_ADDRESS,
    governance: settings.GOVERNANCE_ADDRESS,
  });
  const file = writeDeployment(deployment, settings.CARETRAIL_DEPLOYMENT ?? defaultDeploymentPath());
  console.log(`deployed  CareTrail at ${deployment.address} (block ${deployment.startBlock}, chain ${deployment.chainId}) in ${Date.now() - started} ms`);
  console.log(`wrote     ${file}`);
  provider.destroy();
  if (!chain) return;

  console.log(`\nRPC: ${rpcUrl}\nThe chain keeps running; press Ctrl-C to stop it.`);
  const stop = async () => {
    await chain.stop();
    process.exit(0);
  };
  process.once("SIGINT", () => void stop());
  process.once("SIGTERM", () => void stop());
}

main().catch((error: unknown) => {
  console.error(`deploy failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
