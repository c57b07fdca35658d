/** Small JSON-RPC reads the runner makes directly on the chain (not through the proxy SubQuery uses). */
type RpcReply = { id: number; result?: unknown; error?: { message: string } };

async function rpc(url: string, calls: { method: string; params: unknown[] }[], timeoutMs = 2_000): Promise<RpcReply[]> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(calls.map((call, id) => ({ jsonrpc: "2.0", id, ...call }))),
    signal: AbortSignal.timeout(timeoutMs),
  });
  const replies = (await response.json()) as RpcReply[];
  return calls.map((_, id) => replies.find((reply) => reply.id === id) ?? { id, error: { message: "no reply" } });
}

/** The chain's head, or undefined when it does not answer. */
export async function chainHeadOf(url: string): Promise<number | undefined> {
  try {
    const [reply] = await rpc(url, [{ method: "eth_blockNumber", params: [] }]);
    return typeof reply?.result === "string" ? Number(reply.result) : undefined;
  } catch {
    return undefined;
  }
}

/** The chain's block hash at each height (undefined where the chain has no such block). Throws when unreachable. */
export async function blockHashes(url: string, heights: number[]): Promise<Map<number, string | undefined>> {
  const replies = await rpc(
    url,
    heights.map((height) => ({ method: "eth_getBlockByNumber", params: [`0x${height.toString(16)}`, false] })),
    10_000,
  );
  return new Map(
    heights.map((height, i) => {
      const reply = replies[i]!;
      if (reply.error) throw new Error(`eth_getBlockByNumber(${height}): ${reply.error.message}`);
      return [height, (reply.result as { hash?: string } | null)?.hash?.toLowerCase()];
    }),
  );
}
