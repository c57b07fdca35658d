// (A) The machine's limit with this chain: eth_getLogs in parallel chunks, one multi-row INSERT of one row
// per log per chunk. No decoding, no state: what any indexer's read + write must at least cost.
import { openSql } from "@caretrail/indexer";
import type { Runner, RunInput } from "./common.ts";

export type RawSettings = { chunkBlocks: number; parallel: number };
type RpcLog = { blockNumber: string; transactionHash: string; logIndex: string; topics: string[]; data: string };

async function getLogs(rpcUrl: string, address: string, from: number, to: number): Promise<RpcLog[]> {
  for (let attempt = 0; ; attempt++) {
    try {
      const response = await fetch(rpcUrl, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          jsonrpc: "2.0",
          id: 1,
          method: "eth_getLogs",
          params: [{ address, fromBlock: `0x${from.toString(16)}`, toBlock: `0x${to.toString(16)}` }],
        }),
      });
      const body = (await response.json()) as { result?: RpcLog[]; error?: { message: string } };
      if (!body.result) throw new Error(body.error?.message ?? "no result");
      return body.result;
    } catch (error) {
      // Hardhat closes idle keep-alive sockets ("other side closed"): retry a few times.
      if (attempt >= 3) throw error;
    }
  }
}

export async function rawIndex({ backlog, rpcUrl, database, schema }: RunInput, { chunkBlocks, parallel }: RawSettings): Promise<number> {
  const sql = openSql(database.url, { max: parallel });
  try {
    await sql`create schema ${sql(schema)}`;
    await sql`create table ${sql(schema)}.logs (id text primary key, block_number bigint not null, tx_hash text not null,
      log_index int not null, topic0 text not null, data text not null)`;
    const chunks: [number, number][] = [];
    for (let from = backlog.startBlock; from <= backlog.endBlock; from += chunkBlocks) chunks.push([from, Math.min(backlog.endBlock, from + chunkBlocks - 1)]);
    let written = 0;
    const worker = async () => {
      for (let chunk = chunks.shift(); chunk; chunk = chunks.shift()) {
        const logs = await getLogs(rpcUrl, backlog.address, chunk[0], chunk[1]);
        if (logs.length === 0) continue;
        await sql`insert into ${sql(schema)}.logs select * from unnest(
          ${logs.map((l) => `${l.transactionHash}-${Number(l.logIndex)}`)}::text[], ${logs.map((l) => Number(l.blockNumber))}::bigint[],
          ${logs.map((l) => l.transactionHash)}::text[], ${logs.map((l) => Number(l.logIndex))}::int[],
          ${logs.map((l) => l.topics[0]!)}::text[], ${logs.map((l) => l.data)}::text[])`;
        written += logs.length;
      }
    };
    await Promise.all(Array.from({ length: parallel }, worker));
    return written;
  } finally {
    await sql.end();
  }
}

export function rawRunner(settings: RawSettings): Runner {
  return {
    id: "A",
    name: `raw eth_getLogs (${settings.chunkBlocks}-block chunks, ${settings.parallel} in flight) + multi-row INSERT`,
    run: async (input) => {
      const started = Date.now();
      await rawIndex(input, settings);
      const ms = Date.now() - started;
      const [row] = await input.sql<{ n: string }[]>`select count(*) as n from ${input.sql(input.schema)}.logs`;
      return { ms, rows: Number(row!.n) };
    },
  };
}
