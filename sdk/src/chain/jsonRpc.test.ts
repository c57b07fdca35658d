import assert from "node:assert/strict";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, describe, it } from "node:test";
import { jsonRpc } from "./jsonRpc.js";
import { probeRpc } from "./probeRpc.js";

describe("jsonRpc", () => {
  let server: Server;
  let url: string;
  before(async () => {
    // A node that knows eth_chainId, answers other methods with an error, and never answers "hang".
    server = createServer((request, response) => {
      let body = "";
      request.on("data", (chunk) => (body += chunk));
      request.on("end", () => {
        const { id, method } = JSON.parse(body) as { id: number; method: string };
        if (method === "hang") return;
        const answer = method === "eth_chainId" ? { result: "0x7a69" } : { error: { code: -32601, message: "method not found" } };
        response.setHeader("content-type", "application/json").end(JSON.stringify({ jsonrpc: "2.0", id, ...answer }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => {
    server.closeAllConnections();
    server.close();
  });

  it("resolves to the call's result, or undefined for an error, a node that does not answer in time, or none at all", async () => {
    assert.equal(await jsonRpc(url, "eth_chainId"), "0x7a69");
    assert.equal(await jsonRpc(url, "eth_unknown"), undefined);
    assert.equal(await jsonRpc(url, "hang", [], { timeoutMs: 100 }), undefined);
    assert.equal(await jsonRpc("http://127.0.0.1:9", "eth_chainId"), undefined);
  });

  it("probeRpc reads the chain id through it", async () => {
    assert.equal(await probeRpc(url), 31337);
    assert.equal(await probeRpc("http://127.0.0.1:9"), undefined);
  });
});
