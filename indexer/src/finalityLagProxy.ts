import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A JSON-RPC pass-through for development chains that claim instant finality. Hardhat answers the
 * "finalized" and "safe" block tags with its latest block, so SubQuery treats every block as final and
 * never checks recent blocks for reorgs. Behind this proxy those tags are refused, SubQuery falls back
 * to "head minus --block-confirmations" as its finalized height, and keeps the blocks above it to
 * compare with the chain. Real networks answer the tags truthfully and need no proxy.
 */
export type FinalityLagProxy = { url: string; stop: () => Promise<void> };

type RpcRequest = { jsonrpc: "2.0"; id: number | string | null; method: string; params?: unknown[] };
type RpcResponse = { jsonrpc: "2.0"; id: number | string | null; result?: unknown; error?: { code: number; message: string } };

const LAGGING_TAGS = new Set(["finalized", "safe"]);

function refusesTag(request: RpcRequest): boolean {
  return request.method === "eth_getBlockByNumber" && LAGGING_TAGS.has(String(request.params?.[0]));
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

export async function startFinalityLagProxy(upstream: string): Promise<FinalityLagProxy> {
  const forward = async (requests: RpcRequest[]): Promise<RpcResponse[]> => {
    if (requests.length === 0) return [];
    const response = await fetch(upstream, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(requests) });
    return (await response.json()) as RpcResponse[];
  };
  const server: Server = createServer(async (request, response) => {
    try {
      const parsed = JSON.parse(await readBody(request)) as RpcRequest | RpcRequest[];
      const batch = Array.isArray(parsed) ? parsed : [parsed];
      const refused = batch.filter(refusesTag).map((call) => ({
        jsonrpc: "2.0" as const,
        id: call.id,
        error: { code: -32602, message: `block tag "${String(call.params?.[0])}" is not served: this development chain has no real finality` },
      }));
      const answered = await forward(batch.filter((call) => !refusesTag(call)));
      const byId = new Map([...answered, ...refused].map((reply) => [reply.id, reply]));
      const replies = batch.map((call) => byId.get(call.id)!);
      response.setHeader("content-type", "application/json");
      response.end(JSON.stringify(Array.isArray(parsed) ? replies : replies[0]));
    } catch (error) {
      response.statusCode = 502;
      response.end(JSON.stringify({ jsonrpc: "2.0", id: null, error: { code: -32603, message: `proxy to ${upstream} failed: ${(error as Error).message}` } }));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
