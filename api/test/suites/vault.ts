import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { test } from "node:test";
import { unwrapDataKey, wrapDataKey } from "@caretrail/sdk";
import type { ApiClient } from "../support/client.ts";
import type { World } from "../support/world.ts";

export function vaultSuite(world: () => World): void {
  const dataKey = new Uint8Array(randomBytes(32));
  const put = (client: ApiClient, recordId: string, ciphertext: Uint8Array) =>
    fetch(`${world().stack.api.url}/vault/${recordId}`, {
      method: "PUT",
      headers: { "content-type": "application/json", authorization: `Bearer ${client.token}` },
      body: JSON.stringify({
        ciphertext: Buffer.from(ciphertext).toString("base64"),
        wrappedKeys: [wrapDataKey({ dataKey, recipientPublicKey: world().scenario.providerKeys.publicKey })],
      }),
    });

  test("only the record's author may upload, and only the bytes whose hash and CID the chain holds", async () => {
    const { clients, scenario } = world();
    const { amendedId, ciphertext } = scenario.record;
    assert.equal((await put(clients.patient, amendedId, ciphertext)).status, 403);
    const tampered = Uint8Array.from(ciphertext, (byte, index) => (index === 0 ? byte ^ 1 : byte));
    assert.equal((await put(clients.provider, amendedId, tampered)).status, 400);
    assert.equal((await put(clients.provider, amendedId, ciphertext)).status, 201);
  });

  test("a live on-chain ticket for this caller and record releases the blob and the caller's wrapped key, logged on-chain first", async () => {
    const { clients, scenario, stack } = world();
    const readsOfRecord = async () =>
      (await clients.auditor.query(`query($id: ID!) { record(id: $id) { accesses { kind actor } } }`, { id: scenario.record.amendedId })).data.record.accesses.filter(
        (access: { kind: string }) => access.kind === "READ",
      ).length;
    const readsBefore = await readsOfRecord();
    const response = await clients.provider.get(`/vault/${scenario.record.amendedId}?ticket=${scenario.providerTicket}`);
    assert.equal(response.status, 200);
    const body = (await response.json()) as { ciphertext: string; wrappedKey: Parameters<typeof unwrapDataKey>[0]["wrapped"] };
    assert.deepEqual(new Uint8Array(Buffer.from(body.ciphertext, "base64")), scenario.record.ciphertext);
    assert.deepEqual(unwrapDataKey({ wrapped: body.wrappedKey, privateKey: scenario.providerKeys.privateKey }), dataKey);
    await stack.waitForIndexer();
    assert.equal(await readsOfRecord(), readsBefore + 1, "the release shows in the record's accesses as a RecordRead");
  });

  test("anything else is 403 with nothing else: no ticket, someone else's ticket, another record, unknown ticket", async () => {
    const { clients, scenario } = world();
    const { amendedId, firstId } = scenario.record;
    const refusals = [
      await clients.provider.get(`/vault/${amendedId}`),
      await clients.insurer.get(`/vault/${amendedId}?ticket=${scenario.providerTicket}`),
      await clients.patient.get(`/vault/${amendedId}?ticket=${scenario.providerTicket}`),
      await clients.provider.get(`/vault/${firstId}?ticket=0x${"12".repeat(32)}`),
      await clients.auditor.get(`/vault/${amendedId}?ticket=${scenario.providerTicket}`),
    ];
    for (const response of refusals) {
      assert.equal(response.status, 403);
      assert.doesNotMatch(await response.text(), /ciphertext|wrappedKey/);
    }
    assert.equal((await clients.anonymous.get(`/vault/${amendedId}?ticket=${scenario.providerTicket}`)).status, 401);
  });
}
