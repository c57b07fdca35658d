import { JsonRpcProvider, NonceManager, type Signer } from "ethers";
import { deployCareTrail, type CareTrail, type Deployment } from "@caretrail/sdk";
import { devAccount } from "./devAccounts.js";
import { startLocalChain, type LocalChain, type StartLocalChainParameters } from "./localChain.js";
import { startDatabase, type Database, type StartDatabaseParameters } from "./startDatabase.js";
import type { Stoppers } from "./stoppers.js";

/** A development account that can send transactions back to back: a NonceManager over the wallet, with its address. */
export type DevSigner = Signer & { address: string };

export type DevChainConnection = {
  provider: JsonRpcProvider;
  /** Development account `index`, NonceManager-wrapped and cached, so every caller shares its nonce count. */
  account: (index: number) => DevSigner;
};

export type ConnectDevChainParameters = {
  /** How often the provider polls for receipts; default 50 ms (a local chain mines at once). */
  pollingInterval?: number;
  /** Default -1: every getBlockNumber asks the chain, as tests comparing heights need. */
  cacheTimeout?: number;
};

/** A provider on `rpcUrl` and its development accounts. */
export function connectDevChain(rpcUrl: string, { pollingInterval = 50, cacheTimeout = -1 }: ConnectDevChainParameters = {}): DevChainConnection {
  const provider = new JsonRpcProvider(rpcUrl, undefined, { staticNetwork: true, cacheTimeout, pollingInterval });
  const accounts = new Map<number, DevSigner>();
  const account = (index: number) => {
    let signer = accounts.get(index);
    if (!signer) {
      const wallet = devAccount(index, provider);
      signer = Object.assign(new NonceManager(wallet), { address: wallet.address });
      accounts.set(index, signer);
    }
    return signer;
  };
  return { provider, account };
}

export type StartDeployedChainParameters = ConnectDevChainParameters & { chain?: StartLocalChainParameters };

export type DeployedChain = DevChainConnection & {
  chain: LocalChain;
  /** The deployment's contract, connected through account(0), its deployer. */
  careTrail: CareTrail;
  deployment: Deployment;
  /** Destroys the provider and stops the chain. */
  stop: () => Promise<void>;
};

/** A Hardhat node with a fresh CareTrail deployment on it, deployed by development account 0. */
export async function startDeployedChain({ chain: chainParameters, ...connection }: StartDeployedChainParameters = {}): Promise<DeployedChain> {
  const chain = await startLocalChain(chainParameters);
  const { provider, account } = connectDevChain(chain.rpcUrl, connection);
  const stop = async () => {
    provider.destroy();
    await chain.stop();
  };
  try {
    const { contract, deployment } = await deployCareTrail({ signer: account(0), rpcUrl: chain.rpcUrl });
    return { chain, provider, account, careTrail: contract, deployment, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/**
 * What every test stack starts first: a deployed chain and a Postgres, each pushed on `stoppers` as soon as it runs,
 * so a failure later in the stack (or its stop) stops them after everything built on them.
 */
export async function startChainAndDatabase(
  stoppers: Stoppers,
  parameters: StartDeployedChainParameters & { database?: StartDatabaseParameters } = {},
): Promise<DeployedChain & { database: Database }> {
  const { database: databaseParameters, ...chainParameters } = parameters;
  const deployed = await startDeployedChain(chainParameters);
  stoppers.push("chain", deployed.stop);
  const database = await startDatabase(databaseParameters);
  stoppers.push("Postgres", database.stop);
  return { ...deployed, database };
}
