import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * The JSON-RPC pass-through between SubQuery and a development chain. It sees every block SubQuery indexes:
 * SubQuery reads a block by number and then its logs by the block's hash, so the hash in `eth_getLogs` is the
 * block whose events go into the tables. The proxy reports that (height, hash, parent) before answering, so the
 * reorg guard can compare what was indexed with the chain. While the chain is unreachable it holds requests
 * (retrying) instead of failing them, so SubQuery waits quietly rather than logging a stack trace per poll.
 */
export type IndexedBlock = { height: number; hash: string; parentHash: string };

export type ChainWatchProxy = { url: string; stop: () => Promise<void> };

export type ChainWatchProxyParameters = {
  upstream: string;
  /** Awaited before SubQuery gets the logs of `block`: record it durably here. */
  onIndexedBlock: (block: IndexedBlock) => Promise<void>;
  /** Called when the chain stops or starts answering. */
  onReachability?: (reachable: boolean, reason?: string) => void;
  /** How long a request is held while the chain is unreachable before it fails (default 90 s). */
  holdMs?: number;
};

type RpcRequest = { jsonrpc: "2.0"; id: number | string | null; method: string; params?: unknown[] };
type RpcBlock = { number: string; hash: string; parentHash: string };
type RpcResponse = { jsonrpc: "2.0"; id: number | string | null; result?: unknown; error?: { code: number; message: string } };

const MAX_BODY_BYTES = 8 * 1024 * 1024;
/** Blocks remembered by hash, to give eth_getLogs(blockHash) its height: far more than SubQuery buffers. */
const REMEMBERED_BLOCKS = 4_096;
const RETRY_MS = 500;

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new Error("request body too large");
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}

export async function startChainWatchProxy({ upstream, onIndexedBlock, onReachability, holdMs = 90_000 }: ChainWatchProxyParameters): Promise<ChainWatchProxy> {
  const blocksByHash = new Map<string, RpcBlock>();
  let reachable = true;
  const setReachable = (now: boolean, reason?: string) => {
    if (now === reachable) return;
    reachable = now;
    onReachability?.(now, reason);
  };
  const post = async (body: string): Promise<unknown> => {
    const response = await fetch(upstream, { method: "POST", headers: { "content-type": "application/json" }, body, signal: AbortSignal.timeout(30_000) });
    if (!response.ok && response.status >= 500) throw new Error(`HTTP ${response.status}`);
    return response.json();
  };
  /** Forwards, holding the call while the chain does not answer at all (connection refused, timeouts). */
  const forward = async (body: string): Promise<unknown> => {
    const deadline = Date.now() + holdMs;
    for (;;) {
      try {
        const answer = await post(body);
        setReachable(true);
        return answer;
      } catch (error) {
        const reason = describe(error);
        setReachable(false, reason);
        if (Date.now() > deadline)
          throw new Error(`the chain at ${upstream} has not answered for ${Math.round(holdMs / 1000)} s (${reason})`, { cause: error });
        await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
      }
    }
  };
  const remember = (result: unknown) => {
    const block = result as RpcBlock | null;
    if (!block || typeof block.hash !== "string" || typeof block.number !== "string") return;
    blocksByHash.set(block.hash.toLowerCase(), block);
    if (blocksByHash.size > REMEMBERED_BLOCKS) blocksByHash.delete(blocksByHash.keys().next().value!);
  };
  const observe = async (calls: RpcRequest[], replies: RpcResponse[]) => {
    for (const [i, call] of calls.entries()) {
      const reply = replies[i];
      if (!reply || reply.error) continue;
      if (call.method === "eth_getBlockByNumber" || call.method === "eth_getBlockByHash") remember(reply.result);
      const filter = call.params?.[0] as { blockHash?: string } | undefined;
      if (call.method === "eth_getLogs" && typeof filter?.blockHash === "string") {
        const block = blocksByHash.get(filter.blockHash.toLowerCase()) ?? (await blockByHash(filter.blockHash));
        if (block) await onIndexedBlock({ height: Number(block.number), hash: block.hash.toLowerCase(), parentHash: block.parentHash.toLowerCase() });
      }
    }
  };
  const blockByHash = async (hash: string): Promise<RpcBlock | undefined> => {
    const answer = (await forward(JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_getBlockByHash", params: [hash, false] }))) as RpcResponse;
    return (answer.result as RpcBlock | null) ?? undefined;
  };

  const relay = async (request: IncomingMessage, response: ServerResponse) => {
    try {
      const body = await readBody(request);
      const parsed = JSON.parse(body) as RpcRequest | RpcRequest[];
      const answer = (await forward(body)) as RpcResponse | RpcResponse[];
      const calls = Array.isArray(parsed) ? parsed : [parsed];
      const replies = Array.isArray(answer) ? calls.map((call) => answer.find((reply) => reply.id === call.id)!) : [answer];
      await observe(calls, replies);
      response.setHeader("content-type", "application/json");
      response.end(JSON.stringify(answer));
    } catch (error) {
      response.statusCode = 502;
      response.setHeader("content-type", "application/json");
      response.end(JSON.stringify({ jsonrpc: "2.0", id: null, error: { code: -32603, message: `proxy: ${describe(error)}` } }));
    }
  };
  // The handler catches every failure itself, so the promise it returns never rejects.
  const server: Server = createServer((request, response) => void relay(request, response));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function describe(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
}
