import { jsonRpc } from "./jsonRpc.js";

/** Asks `rpcUrl` for eth_chainId; resolves to the chain id, or undefined if nothing answers. */
export async function probeRpc(rpcUrl: string): Promise<number | undefined> {
  const chainId = await jsonRpc(rpcUrl, "eth_chainId");
  return typeof chainId === "string" && chainId ? Number(chainId) : undefined;
}
