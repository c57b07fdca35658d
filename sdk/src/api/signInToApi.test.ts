import assert from "node:assert/strict";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { test } from "node:test";
import { Wallet } from "ethers";
import { ApiSignInError, signInToApi } from "./signInToApi.js";

// The signed-in path runs against the real API in the API's sign-in suite; these are the ways it can fail.
async function listen(answer: (path: string) => { status: number; body: unknown }): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    const { status, body } = answer(req.url ?? "");
    res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

test("a refused sign-in is an ApiSignInError with the API's code and reason", async () => {
  const { url, server } = await listen((path) =>
    path === "/auth/nonce"
      ? { status: 200, body: { nonce: "abcdefgh12345678", domain: "127.0.0.1", chainId: 31337, statement: "Sign in to CareTrail." } }
      : { status: 429, body: { error: { code: "RATE_LIMITED", message: "Too many sign-ins: wait 60 s." } } },
  );
  try {
    const error = await signInToApi(url, Wallet.createRandom()).catch((caught: unknown) => caught);
    assert.ok(error instanceof ApiSignInError);
    assert.equal(error.kind, "RATE_LIMITED");
    assert.match(error.message, /refused \(429\): Too many sign-ins/);
  } finally {
    server.close();
  }
});

test("an API that does not answer is SERVICE_UNAVAILABLE, naming where it looked", async () => {
  const { url, server } = await listen(() => ({ status: 200, body: {} }));
  server.close();
  const error = await signInToApi(url, Wallet.createRandom()).catch((caught: unknown) => caught);
  assert.ok(error instanceof ApiSignInError);
  assert.equal(error.kind, "SERVICE_UNAVAILABLE");
  assert.match(error.message, new RegExp(`${url} does not answer`));
});
