export type JsonRpcOptions = {
  /** How long the node may take to answer. */
  timeoutMs?: number;
};

/** One JSON-RPC call over HTTP: its result, or undefined when nothing answers in time or the answer carries no result. */
export async function jsonRpc(url: string, method: string, params: unknown[] = [], { timeoutMs = 2_000 }: JsonRpcOptions = {}): Promise<unknown> {
  try {
    const response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }),
      signal: AbortSignal.timeout(timeoutMs),
    });
    return ((await response.json()) as { result?: unknown }).result;
  } catch {
    return undefined;
  }
}
