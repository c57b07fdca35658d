import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { BodyTooLargeError, readBodyText, readJsonBody } from "./requestBody.ts";

/** A body that never ends, counting how much of it the reader pulled. */
function endlessBody(chunkBytes: number) {
  const pulled = { bytes: 0, cancelled: false };
  const chunk = new Uint8Array(chunkBytes).fill(0x20);
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      pulled.bytes += chunk.byteLength;
      controller.enqueue(chunk);
    },
    cancel() {
      pulled.cancelled = true;
    },
  });
  return { pulled, request: new Request("http://dashboard.test/api/verify", { method: "POST", body, duplex: "half" } as RequestInit) };
}

describe("capped request bodies", () => {
  it("refuses an endless streamed body as soon as it passes the cap, and stops reading it", async () => {
    const { pulled, request } = endlessBody(64 * 1024);
    await assert.rejects(readBodyText(request, 2_000_000), BodyTooLargeError);
    assert.ok(pulled.bytes <= 2_000_000 + 3 * 64 * 1024, `pulled ${pulled.bytes} bytes`);
    assert.ok(pulled.cancelled, "the stream was cancelled");
  });

  it("refuses a declared Content-Length over the cap without reading a byte", async () => {
    const { pulled, request } = endlessBody(1024);
    const declared = new Request(request, { headers: { "content-length": "50000000" } });
    await assert.rejects(readBodyText(declared, 2_000_000), BodyTooLargeError);
    assert.equal(pulled.bytes <= 1024 * 2, true, `pulled ${pulled.bytes}`);
  });

  it("reads a body at the cap, and JSON under the JSON cap", async () => {
    const atCap = "x".repeat(1000);
    assert.equal(await readBodyText(new Request("http://dashboard.test/", { method: "POST", body: atCap }), 1000), atCap);
    assert.deepEqual(await readJsonBody(new Request("http://dashboard.test/", { method: "POST", body: '{"a":1}' })), { a: 1 });
    assert.equal(await readJsonBody(new Request("http://dashboard.test/", { method: "POST", body: "not json" })), undefined);
    await assert.rejects(
      readJsonBody(new Request("http://dashboard.test/", { method: "POST", body: JSON.stringify({ pad: "x".repeat(20_000) }) })),
      BodyTooLargeError,
    );
  });

  it("counts bytes, not characters", async () => {
    await assert.rejects(readBodyText(new Request("http://dashboard.test/", { method: "POST", body: "é".repeat(600) }), 1000), BodyTooLargeError);
  });
});
