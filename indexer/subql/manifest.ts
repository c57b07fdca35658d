import { readFileSync } from "node:fs";
import path from "node:path";
import { EthereumDatasourceKind, EthereumHandlerKind, type EthereumProject, type SubqlEventHandler } from "@subql/types-ethereum";

/** Where the CareTrail contract lives and which node to read it from. */
export type CareTrailTarget = { chainId: number; address: string; startBlock: number; endpoint: string };

type AbiParameter = { type: string; components?: AbiParameter[] };
type AbiEntry = { type: string; name?: string; inputs?: AbiParameter[] };

/**
 * The SubQuery project for one CareTrail deployment: one handler for every event of the contract's ABI, indexing a block at a time.
 * `root` is the SubQuery project folder: "." for `subql build`, an absolute path for runtime manifests.
 */
export function careTrailProject({ chainId, address, startBlock, endpoint }: CareTrailTarget, root = "."): EthereumProject {
  return {
    specVersion: "1.0.0",
    version: "0.1.0",
    name: "caretrail-indexer",
    description: "Every CareTrail event (registry, consent, records, access) projected into Postgres",
    runner: {
      node: { name: "@subql/node-ethereum", version: ">=6.5.0" },
      query: { name: "@subql/query", version: "*" },
    },
    schema: { file: `${root}/../../schema.graphql` },
    network: { chainId: String(chainId), endpoint: [endpoint] },
    dataSources: [
      {
        kind: EthereumDatasourceKind.Runtime,
        startBlock,
        options: { abi: "CareTrail", address },
        assets: new Map([["CareTrail", { file: `${root}/abis/CareTrail.json` }]]),
        mapping: { file: `${root}/dist/index.js`, handlers: eventHandlers(path.resolve(root, "abis", "CareTrail.json")) },
      },
    ],
  };
}

/**
 * One handler entry per event of the ABI, each filtered on its topic. CareTrail sends every event to
 * handleCareTrailLog, which indexes a whole block at its first CareTrail log (src/mappings/block.ts); the bench's
 * plain baseline names one handler per event (`handlePatientEnrolled` for PatientEnrolled(address,bytes32), ...).
 */
export function eventHandlers(abiFile: string, handlerOf: (event: string) => string = () => "handleCareTrailLog"): SubqlEventHandler[] {
  const abi = JSON.parse(readFileSync(abiFile, "utf8")) as AbiEntry[];
  return abi
    .filter((entry) => entry.type === "event")
    .map((event) => ({
      kind: EthereumHandlerKind.Event,
      handler: handlerOf(event.name!),
      filter: { topics: [`${event.name}(${(event.inputs ?? []).map(canonicalType).join(",")})`] },
    }));
}

function canonicalType(parameter: AbiParameter): string {
  if (!parameter.type.startsWith("tuple")) return parameter.type;
  return `(${(parameter.components ?? []).map(canonicalType).join(",")})${parameter.type.slice("tuple".length)}`;
}
