import { createRequire } from "node:module";
import { subtask, type HardhatUserConfig } from "hardhat/config";
import { TASK_COMPILE_SOLIDITY_GET_SOLC_BUILD } from "hardhat/builtin-tasks/task-names";
import "@nomicfoundation/hardhat-chai-matchers";
import "@nomicfoundation/hardhat-ethers";

const SOLC_VERSION = "0.8.28";
const solc = createRequire(__filename)("solc") as { version: () => string };
const solcPackage = createRequire(__filename)("solc/package.json") as { version: string };

// Machines here are offline: answer Hardhat's compiler download with the solc npm package.
subtask(TASK_COMPILE_SOLIDITY_GET_SOLC_BUILD, async (args: { solcVersion: string }, _hre, runSuper): Promise<unknown> => {
  if (args.solcVersion !== solcPackage.version) return runSuper() as Promise<unknown>;
  return {
    compilerPath: require.resolve("solc/soljson.js"),
    isSolcJs: true,
    version: args.solcVersion,
    longVersion: solc.version(),
  };
});

const config: HardhatUserConfig = {
  solidity: {
    version: SOLC_VERSION,
    settings: { optimizer: { enabled: true, runs: 10_000 }, viaIR: true, evmVersion: "cancun" },
  },
  networks: {
    hardhat: {
      chainId: 31337,
      // By tip: the demo seeder sends a block's dependent transactions in one JSON-RPC batch, which the node runs
      // concurrently, and orders them with strictly falling priority fees (demo/src/seed/blockWriter.ts).
      mining: { mempool: { order: "priority" } },
      // The demo starts its chain this many days in the past, so a seeded quarter ends today.
      ...(process.env.CARETRAIL_CHAIN_START_DAYS_AGO
        ? { initialDate: new Date(Date.now() - Number(process.env.CARETRAIL_CHAIN_START_DAYS_AGO) * 86_400_000).toISOString() }
        : {}),
    },
    localhost: { url: process.env.RPC_URL ?? "http://127.0.0.1:8545" },
  },
  mocha: { timeout: 120_000 },
};

export default config;
