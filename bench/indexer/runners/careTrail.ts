// (B) CareTrail's indexer exactly as `npm run indexer` starts it: startIndexer with the chain-watching
// runner (reorg depth for Hardhat) and no extra flags, into a fresh schema.
import { defaultReorgDepth, readIndexerProgress, startIndexer } from "@caretrail/indexer";
import { stateSchema } from "../../../indexer/src/indexerState.ts";
import { countEventRows, dropSchemas, waitFor, type Runner } from "./common.ts";

export const careTrailRunner: Runner = {
  id: "B",
  name: "CareTrail indexer (npm run indexer)",
  run: async ({ backlog, rpcUrl, database, sql, schema, cpuProfileDir, indexerFlags = [] }) => {
    const recent: string[] = [];
    const started = Date.now();
    const indexer = await startIndexer({
      target: { chainId: 31337, address: backlog.address, startBlock: backlog.startBlock, endpoint: rpcUrl },
      database,
      dbSchema: schema,
      reorgDepth: defaultReorgDepth(31337),
      ...(cpuProfileDir ? { cpuProfileDir } : {}),
      extraArgs: indexerFlags,
      onOutput: (line) => {
        if (recent.push(line) > 40) recent.shift();
      },
    });
    try {
      await waitFor(
        "CareTrail indexer",
        async () => ((await readIndexerProgress({ database: sql, dbSchema: schema })).lastProcessedHeight ?? -1) >= backlog.endBlock,
        { alive: indexer.running, log: () => recent.join("\n") },
      );
      const ms = Date.now() - started;
      // access_events and every *_events table hold one row per event.
      const rows = await countEventRows(sql, schema, "%\\_events");
      return { ms, rows };
    } finally {
      await indexer.stop();
      await dropSchemas(sql, schema, stateSchema(schema));
    }
  },
};
