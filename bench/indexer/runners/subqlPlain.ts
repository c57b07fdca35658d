// (C) A plain SubQuery project over the same ABI (bench/baselines/subql-plain: one entity per event, one
// save() each, no lookups), run by the same @subql/node-ethereum with historical state on.
import { writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { freePort } from "@caretrail/devstack";
import { readIndexerProgress } from "@caretrail/indexer";
import { eventHandlers } from "../../../indexer/subql/manifest.ts";
import { subqlNodeBin } from "../../../indexer/src/paths.ts";
import { countEventRows, dropSchemas, spawnKept, waitFor, type Runner } from "./common.ts";

export const subqlPlainDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..", "baselines", "subql-plain");
const abiFile = path.resolve(subqlPlainDir, "..", "..", "..", "indexer", "subql", "abis", "CareTrail.json");

function writeManifest(address: string, startBlock: number, endpoint: string, name: string): string {
  const manifest = {
    specVersion: "1.0.0",
    version: "0.1.0",
    name: "caretrail-bench-subql-plain",
    runner: { node: { name: "@subql/node-ethereum", version: ">=6.5.0" }, query: { name: "@subql/query", version: "*" } },
    schema: { file: path.join(subqlPlainDir, "schema.graphql") },
    network: { chainId: "31337", endpoint: [endpoint] },
    dataSources: [
      {
        kind: "ethereum/Runtime",
        startBlock,
        options: { abi: "CareTrail", address },
        assets: { CareTrail: { file: abiFile } },
        mapping: { file: path.join(subqlPlainDir, "dist", "index.js"), handlers: eventHandlers(abiFile, (event) => `handle${event}`) },
      },
    ],
  };
  // SubQuery's sandbox loads the mappings only from below the manifest's folder.
  const file = path.join(subqlPlainDir, `runtime-${name}.json`);
  writeFileSync(file, JSON.stringify(manifest, null, 2) + "\n");
  return file;
}

export const subqlPlainRunner: Runner = {
  id: "C",
  name: "plain SubQuery project (one save() per event, historical on)",
  run: async ({ backlog, rpcUrl, database, sql, schema }) => {
    const started = Date.now();
    const node = spawnKept(
      process.execPath,
      [
        subqlNodeBin,
        `--subquery=${writeManifest(backlog.address, backlog.startBlock, rpcUrl, schema)}`,
        `--db-schema=${schema}`,
        "--historical=height",
        "--output-fmt=json",
        `--port=${await freePort()}`,
      ],
      {
        cwd: subqlPlainDir,
        env: {
          ...process.env,
          TZ: "UTC",
          DB_HOST: database.host,
          DB_PORT: String(database.port),
          DB_USER: database.user,
          DB_PASS: database.password,
          DB_DATABASE: database.database,
        },
      },
    );
    try {
      await waitFor(
        "plain SubQuery",
        async () => ((await readIndexerProgress({ database: sql, dbSchema: schema })).lastProcessedHeight ?? -1) >= backlog.endBlock,
        { alive: node.alive, log: node.log },
      );
      const ms = Date.now() - started;
      return { ms, rows: await countEventRows(sql, schema, "%\\_events") };
    } finally {
      await node.stop();
      await dropSchemas(sql, schema);
    }
  },
};
