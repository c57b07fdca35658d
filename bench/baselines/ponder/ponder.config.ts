// The Ponder baseline of the indexer bench: the deployment, endpoint and Postgres come from the bench
// (PONDER_* and DATABASE_URL). Settings from the machine's recipes for a local node: no RPC cache, no
// request-rate cap (maxRequestsPerSecond is deprecated in 0.16 and ignored there; kept for older ones).
import { createConfig } from "ponder";
import { careTrailAbi } from "./abis/careTrailAbi";

const required = (name: string) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set (the bench sets it)`);
  return value;
};

export default createConfig({
  database: { kind: "postgres", connectionString: required("DATABASE_URL") },
  chains: {
    hardhat: { id: 31337, rpc: required("PONDER_RPC_URL"), disableCache: true, maxRequestsPerSecond: 1000, pollingInterval: 1000 },
  },
  contracts: {
    CareTrail: {
      chain: "hardhat",
      abi: careTrailAbi,
      address: required("PONDER_ADDRESS") as `0x${string}`,
      startBlock: Number(required("PONDER_START_BLOCK")),
      // Set for a backfill run (the bench measures it to the backlog's last block); unset to follow the head.
      endBlock: process.env.PONDER_END_BLOCK ? Number(process.env.PONDER_END_BLOCK) : undefined,
    },
  },
});
