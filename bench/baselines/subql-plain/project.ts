// The plain SubQuery baseline: the same handler list as CareTrail's indexer (one per ABI event), writing
// one entity per log with save(). The bench writes a runtime manifest with the deployment per run.
import type { EthereumProject } from "@subql/types-ethereum";
import { EthereumDatasourceKind } from "@subql/types-ethereum";
import path from "node:path";
import { eventHandlers } from "../../../indexer/subql/manifest";

const abiFile = "../../../indexer/subql/abis/CareTrail.json";

const project: EthereumProject = {
  specVersion: "1.0.0",
  version: "0.1.0",
  name: "caretrail-bench-subql-plain",
  description: "Bench baseline: one entity per CareTrail event, no lookups",
  runner: {
    node: { name: "@subql/node-ethereum", version: ">=6.5.0" },
    query: { name: "@subql/query", version: "*" },
  },
  schema: { file: "./schema.graphql" },
  network: { chainId: "31337", endpoint: ["http://127.0.0.1:8545"] },
  dataSources: [
    {
      kind: EthereumDatasourceKind.Runtime,
      startBlock: 0,
      options: { abi: "CareTrail", address: "0x0000000000000000000000000000000000000000" },
      assets: new Map([["CareTrail", { file: abiFile }]]),
      mapping: { file: "./dist/index.js", handlers: eventHandlers(path.resolve(__dirname, abiFile), (event) => `handle${event}`) },
    },
  ],
};

export default project;
