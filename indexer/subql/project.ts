import type { EthereumProject } from "@subql/types-ethereum";
import { careTrailProject } from "./manifest";

// `subql codegen` and `subql build` only need the ABI and the handler list, so a clean clone builds
// without a deployment; `npm run indexer` writes the real manifest from the deployment file at start
// (see ../src/runtimeManifest.ts).
const buildTimeTarget = {
  chainId: 31337,
  address: "0x0000000000000000000000000000000000000000",
  startBlock: 0,
  endpoint: "http://127.0.0.1:8545",
};

const project: EthereumProject = careTrailProject(buildTimeTarget);

// Must set default to the project instance
export default project;
