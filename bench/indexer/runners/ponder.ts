// (D) Ponder over the same ABI (bench/baselines/ponder: one table per event, one insert per log) into its
// own schema, with the recipes' settings for a local node (no RPC cache). Done when its /ready answers 200:
// the historical backfill up to the backlog's last block is in Postgres.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { freePort } from "@caretrail/devstack";
import { countEventRows, dropSchemas, spawnKept, waitFor, type RunInput, type Runner } from "./common.ts";

export const ponderDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..", "baselines", "ponder");
const ponderBin = path.join(ponderDir, "node_modules", "ponder", "dist", "esm", "bin", "ponder.js");

/** Starts `ponder start` on the backlog's deployment; `endBlock` undefined keeps it following the head. */
export async function startPonder({ backlog, rpcUrl, database, schema }: RunInput, endBlock: number | undefined) {
  const port = await freePort();
  const node = spawnKept(process.execPath, [ponderBin, "start", "--schema", schema, "--port", String(port), "--log-level", "warn"], {
    cwd: ponderDir,
    env: {
      ...process.env,
      DATABASE_URL: database.url,
      PONDER_RPC_URL: rpcUrl,
      PONDER_ADDRESS: backlog.address,
      PONDER_START_BLOCK: String(backlog.startBlock),
      ...(endBlock !== undefined ? { PONDER_END_BLOCK: String(endBlock) } : {}),
      PONDER_TELEMETRY_DISABLED: "true",
    },
  });
  const ready = () =>
    waitFor("Ponder", async () => (await fetch(`http://127.0.0.1:${port}/ready`, { signal: AbortSignal.timeout(2_000) })).status === 200, {
      alive: node.alive,
      log: node.log,
      everyMs: 100,
    });
  return { node, ready };
}

export const ponderRunner: Runner = {
  id: "D",
  name: "Ponder 0.16 (one insert per event)",
  run: async (input) => {
    const started = Date.now();
    const { node, ready } = await startPonder(input, input.backlog.endBlock);
    try {
      await ready();
      // /ready can answer before Ponder's last batch is in Postgres (seen: 636 of 710 rows on the sparse
      // backlog): the clock stops when every row is there, or after 60 s (then the count check fails).
      await waitFor("Ponder rows", async () => (await countEventRows(input.sql, input.schema, "%")) >= input.backlog.events, {
        timeoutMs: 60_000,
        everyMs: 200,
      }).catch(() => {});
      const ms = Date.now() - started;
      return { ms, rows: await countEventRows(input.sql, input.schema, "%") };
    } finally {
      await node.stop();
      // ponder_sync is Ponder's RPC cache: dropped too, so no round reads another's blocks.
      await dropSchemas(input.sql, input.schema, "ponder_sync");
    }
  },
};
