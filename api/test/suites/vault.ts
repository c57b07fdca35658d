import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { request } from "node:http";
import { test } from "node:test";
import { keccak256, solidityPacked, toUtf8Bytes, ZeroHash } from "ethers";
import postgres from "postgres";
import { devAccount } from "@caretrail/devstack";
import {
  contentHashOf,
  contentIdOf,
  generateEncryptionKeyPair,
  Purpose,
  RecordCategory,
  Role,
  scopeOf,
  signRecord,
  unwrapDataKey,
  wrapDataKey,
  type EncryptionKeyPair,
} from "@caretrail/sdk";
import { errorCode, signIn, type ApiClient } from "../support/client.ts";
import { cast } from "../support/scenario.ts";
import type { World } from "../support/world.ts";

const DAY = 24 * 60 * 60;
/** Dev accounts from here on are made by this suite, so its revocations touch nobody else's tests. */
let nextAccountIndex = 40;

function putJson(baseUrl: string, client: ApiClient, recordId: string, body: unknown) {
  return fetch(`${baseUrl}/vault/${recordId}`, {
    method: "PUT",
    headers: { "content-type": "application/json", authorization: `Bearer ${client.token}` },
    body: JSON.stringify(body),
  });
}

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

  const send = async (pending: Promise<{ wait: () => Promise<unknown> }>) => (await pending).wait();
  const as = (index: number) => world().stack.careTrail.connect(world().stack.account(index));
  const addressOf = (index: number) => world().stack.account(index).address.toLowerCase();
  const readsLoggedFor = async (patient: string) => (await world().stack.careTrail.queryFilter(world().stack.careTrail.filters.RecordRead(patient))).length;

  async function freshAccount(): Promise<number> {
    const index = nextAccountIndex++;
    await send(
      world()
        .stack.account(cast.governance)
        .sendTransaction({ to: addressOf(index), value: 10n ** 19n }),
    );
    return index;
  }

  /** A new patient with one lab record of her own, uploaded to the vault with her wrapped key. */
  async function patientWithRecord() {
    const { stack } = world();
    const patient = await freshAccount();
    const keys = generateEncryptionKeyPair();
    await send(as(patient).enrolPatient(keys.publicKey));
    const ciphertext = new Uint8Array(randomBytes(128));
    const contentHash = contentHashOf(ciphertext);
    const record = {
      recordId: solidityPacked(["address", "uint96"], [addressOf(patient), 1n]).toLowerCase() as `0x${string}`,
      patient: addressOf(patient) as `0x${string}`,
      category: RecordCategory.Labs,
      contentHash,
      contentId: contentIdOf(ciphertext),
      fieldsRoot: keccak256(toUtf8Bytes(`fields:${patient}`)) as `0x${string}`,
      supersedes: ZeroHash as `0x${string}`,
    };
    const signed = await signRecord({ signer: stack.account(patient), record, chainId: stack.deployment.chainId, verifyingContract: stack.deployment.address });
    await send(as(patient).appendRecord(record, signed.author, signed.signature));
    await stack.waitForIndexer();
    const client = await signIn(stack.api.url, patient);
    const dataKey = new Uint8Array(randomBytes(32));
    const upload = (wrappedKeys: unknown[]) =>
      putJson(stack.api.url, client, record.recordId, { ciphertext: Buffer.from(ciphertext).toString("base64"), wrappedKeys });
    assert.equal((await upload([wrapDataKey({ dataKey, recipientPublicKey: keys.publicKey })])).status, 201);
    return { patient, address: addressOf(patient), recordId: record.recordId, ciphertext, dataKey, upload, client };
  }

  type Grantee = { index: number; client: ApiClient; ticketId: string; keys: EncryptionKeyPair };

  /** A new provider or insurer the patient consents to for labs, holding a live ticket for her labs. */
  async function granteeWithTicket(patient: number, kind: "provider" | "insurer"): Promise<Grantee> {
    const { stack } = world();
    const index = await freshAccount();
    if (kind === "provider") await send(as(cast.governance).credentialProvider(addressOf(index), keccak256(toUtf8Bytes(`licence:${index}`)), 207));
    else await send(as(cast.governance).registerThirdParty(addressOf(index), Role.Insurer));
    const keys = generateEncryptionKeyPair();
    await send(as(index).setEncryptionKey(keys.publicKey));
    const purpose = kind === "provider" ? Purpose.Treatment : Purpose.Payment;
    const expiresAt = BigInt((await stack.provider.getBlock("latest"))!.timestamp + 30 * DAY);
    await send(as(patient).grantConsent(addressOf(index), scopeOf(RecordCategory.Labs), purpose, expiresAt));
    const receipt = (await send(as(index).requestAccess(addressOf(patient), RecordCategory.Labs, purpose))) as {
      logs: Parameters<typeof stack.careTrail.interface.parseLog>[0][];
    };
    const granted = receipt.logs.map((log) => stack.careTrail.interface.parseLog(log)).find((event) => event?.name === "AccessGranted");
    assert.ok(granted, "the request was granted");
    return { index, client: await signIn(stack.api.url, index), ticketId: String(granted.args.ticketId).toLowerCase(), keys };
  }

  /** Revocation, suspension and removal, each of one grantee of `patient`. */
  async function threeGrantees(patient: number) {
    return {
      revoked: await granteeWithTicket(patient, "provider"),
      suspended: await granteeWithTicket(patient, "provider"),
      removed: await granteeWithTicket(patient, "insurer"),
    };
  }
  /** Ends each grantee's standing; answers the hash of the transaction that did it, per grantee. */
  async function endStanding(patient: number, grantees: Awaited<ReturnType<typeof threeGrantees>>) {
    const hashOf = async (pending: Promise<{ wait: () => Promise<unknown> }>) => ((await send(pending)) as { hash: string }).hash.toLowerCase();
    return {
      revoked: await hashOf(as(patient).revokeConsent(addressOf(grantees.revoked.index))),
      suspended: await hashOf(as(cast.governance).suspendProvider(addressOf(grantees.suspended.index), 1)),
      removed: await hashOf(as(cast.governance).removeThirdParty(addressOf(grantees.removed.index))),
    };
  }
  async function assertRefusedAndUnlogged(owner: Awaited<ReturnType<typeof patientWithRecord>>, grantees: Awaited<ReturnType<typeof threeGrantees>>) {
    const readsBefore = await readsLoggedFor(owner.address);
    for (const [name, grantee] of Object.entries(grantees)) {
      const response = await grantee.client.get(`/vault/${owner.recordId}?ticket=${grantee.ticketId}`);
      const body = await response.text();
      assert.equal(response.status, 403, `${name}: ${body}`);
      assert.doesNotMatch(body, /ciphertext|wrappedKey/);
      assert.equal(JSON.parse(body).error.code, "FORBIDDEN");
    }
    assert.equal(await readsLoggedFor(owner.address), readsBefore, "no RecordRead was logged");
  }

  test("revoked, suspended and removed grantees holding live tickets get nothing, and no read is logged", async () => {
    const { stack } = world();
    const owner = await patientWithRecord();
    const grantees = await threeGrantees(owner.patient);
    await stack.waitForIndexer();
    for (const grantee of Object.values(grantees)) {
      assert.equal((await grantee.client.get(`/vault/${owner.recordId}?ticket=${grantee.ticketId}`)).status, 200, "the ticket works while consent stands");
    }
    await endStanding(owner.patient, grantees);
    await stack.waitForIndexer();
    await assertRefusedAndUnlogged(owner, grantees);
  });

  test("with the indexer stopped (its projection still shows the tickets live) the chain refuses the same reads", async () => {
    const { stack } = world();
    const owner = await patientWithRecord();
    const grantees = await threeGrantees(owner.patient);
    await stack.waitForIndexer();
    await stack.stopIndexer();
    try {
      await endStanding(owner.patient, grantees);
      const sql = postgres(stack.database.url, { onnotice: () => {} });
      try {
        const rows = await sql`select id, voided from api_test.access_tickets
          where id in ${sql(Object.values(grantees).map((grantee) => grantee.ticketId))} and upper_inf(_block_range)`;
        assert.deepEqual(
          rows.map((row) => row.voided),
          [false, false, false],
          "the projection lags: the tickets still look live",
        );
      } finally {
        await sql.end();
      }
      await assertRefusedAndUnlogged(owner, grantees);
    } finally {
      await stack.restartIndexer();
      await stack.waitForIndexer();
    }
  });

  test("whoCanRead shows the patient (and auditors, nobody else) each voided ticket with its reason and the voiding event", async () => {
    const { stack, clients } = world();
    const owner = await patientWithRecord();
    const grantees = await threeGrantees(owner.patient);
    const stillLive = await granteeWithTicket(owner.patient, "insurer");
    await stack.waitForIndexer();
    const query = `query($patient: Address!) { whoCanRead(patient: $patient) {
      grantee canReadNow liveCount endedCount
      live { id state voided }
      recentlyEnded { id state voided voidReason voidedAt voidedAtBlock voidedByEvent voidedByTx endedAt } } }`;
    const before = (await owner.client.query(query, { patient: owner.address })).data.whoCanRead;
    for (const grantee of [...Object.values(grantees), stillLive]) {
      const entry = before.find((access: { grantee: string }) => access.grantee === addressOf(grantee.index));
      assert.deepEqual(
        entry?.live.map((ticket: { id: string }) => ticket.id),
        [grantee.ticketId],
        "live before the standing ends",
      );
    }
    const voidingTx = await endStanding(owner.patient, grantees);
    await stack.waitForIndexer();

    const expected = { revoked: "CONSENT_REVOKED", suspended: "PROVIDER_SUSPENDED", removed: "THIRD_PARTY_REMOVED" } as const;
    for (const reader of [owner.client, clients.auditor]) {
      const result = await reader.query(query, { patient: owner.address });
      assert.equal(result.errors, undefined, JSON.stringify(result.errors));
      const byGrantee = new Map(result.data.whoCanRead.map((access: { grantee: string }) => [access.grantee, access]));
      for (const [name, grantee] of Object.entries(grantees) as [keyof typeof expected, Grantee][]) {
        const access = byGrantee.get(addressOf(grantee.index)) as any;
        assert.equal(access.canReadNow, false, name);
        assert.deepEqual(access.live, [], name);
        assert.equal(access.endedCount, 1, name);
        const [ended] = access.recentlyEnded;
        assert.equal(ended.id, grantee.ticketId, name);
        assert.equal(ended.state, "VOIDED", name);
        assert.equal(ended.voided, true, name);
        assert.equal(ended.voidReason, expected[name], name);
        assert.equal(ended.voidedByTx, voidingTx[name], name);
        assert.match(ended.voidedByEvent, new RegExp(`^${voidingTx[name]}-\\d+$`), name);
        assert.ok(Number.isInteger(ended.voidedAtBlock) && ended.endedAt === ended.voidedAt, name);
      }
      const live = byGrantee.get(addressOf(stillLive.index)) as any;
      assert.deepEqual([live.canReadNow, live.liveCount, live.live[0].id, live.live[0].state], [true, 1, stillLive.ticketId, "LIVE"]);
      assert.equal(result.data.whoCanRead[0].canReadNow, true, "grantees who can read now come first");
    }

    // The auditor's timeline says which grants were voided, and by which event.
    const timeline = await clients.auditor.query(
      "query($patient: Address!) { auditTimeline(filter: { patient: $patient, kinds: [GRANT] }, first: 10) " +
        "{ edges { node { ticketId ticket { state voidReason voidedByTx } } } } }",
      { patient: owner.address },
    );
    const tickets = new Map(timeline.data.auditTimeline.edges.map((edge: any) => [edge.node.ticketId, edge.node.ticket]));
    for (const [name, grantee] of Object.entries(grantees) as [keyof typeof expected, Grantee][]) {
      assert.deepEqual(tickets.get(grantee.ticketId), { state: "VOIDED", voidReason: expected[name], voidedByTx: voidingTx[name] }, name);
    }
    assert.deepEqual(tickets.get(stillLive.ticketId), { state: "LIVE", voidReason: null, voidedByTx: null });

    // Another patient gets the answer any unknown patient gets: nothing about whether this one exists.
    const refusal = await clients.otherPatient.query(query, { patient: owner.address });
    const unknown = await clients.otherPatient.query(query, { patient: `0x${"ab".repeat(20)}` });
    assert.equal(refusal.data, null);
    assert.equal(errorCode(refusal), "FORBIDDEN");
    assert.deepEqual(
      refusal.errors?.map((error) => error.message),
      unknown.errors?.map((error) => error.message),
    );
    assert.equal(errorCode(await clients.provider.query(query, { patient: owner.address })), "FORBIDDEN");
  });

  test("20 grantees reading at the same moment all get the record, and all 20 reads are logged on-chain", async () => {
    const { stack } = world();
    const owner = await patientWithRecord();
    const grantees: Grantee[] = [];
    for (let i = 0; i < 20; i++) grantees.push(await granteeWithTicket(owner.patient, "insurer"));
    await stack.waitForIndexer();
    const readsBefore = await readsLoggedFor(owner.address);
    const responses = await Promise.all(grantees.map((grantee) => grantee.client.get(`/vault/${owner.recordId}?ticket=${grantee.ticketId}`)));
    const statuses = await Promise.all(responses.map(async (response) => `${response.status} ${response.status === 200 ? "" : await response.text()}`.trim()));
    assert.deepEqual(statuses, Array(20).fill("200"));
    assert.equal((await readsLoggedFor(owner.address)) - readsBefore, 20);
  });

  test("a read still logs after something else sent from the vault operator's account (its nonce moved on)", async () => {
    const { stack } = world();
    const owner = await patientWithRecord();
    const [first, second] = [await granteeWithTicket(owner.patient, "insurer"), await granteeWithTicket(owner.patient, "insurer")];
    await stack.waitForIndexer();
    assert.equal((await first.client.get(`/vault/${owner.recordId}?ticket=${first.ticketId}`)).status, 200, "the vault has counted the operator's nonce");
    // Another sender on the operator's key (an operator's script, a second vault), with a wallet of its own.
    const operator = devAccount(cast.vaultOperator, stack.provider);
    await send(operator.sendTransaction({ to: operator.address, value: 0n }));
    const readsBefore = await readsLoggedFor(owner.address);
    const response = await second.client.get(`/vault/${owner.recordId}?ticket=${second.ticketId}`);
    assert.equal(response.status, 200, await response.clone().text());
    assert.equal((await readsLoggedFor(owner.address)) - readsBefore, 1);
  });

  test("a signed-out upload is refused before its body is read: 401 while almost all of 30 MB is still unsent", async () => {
    const url = new URL(`${world().stack.api.url}/vault/0x${"ab".repeat(32)}`);
    const started = Date.now();
    const status = await new Promise<number>((resolve, reject) => {
      const upload = request(url, { method: "PUT", headers: { "content-type": "application/json", "content-length": String(30 * 1024 * 1024) } });
      upload.on("response", (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
        upload.destroy();
      });
      upload.on("error", (error) => (Date.now() - started > 10_000 ? reject(error) : undefined));
      upload.write(Buffer.alloc(64 * 1024, 0x20));
      setTimeout(() => reject(new Error("no answer within 10 s: the server is waiting for the whole body")), 10_000).unref();
    });
    assert.equal(status, 401);
    assert.ok(Date.now() - started < 5_000, `answered in ${Date.now() - started} ms`);
  });

  test("re-uploads merge wrapped keys, keep only the patient's and current grantees', and 20,000 junk keys lock nobody out", async () => {
    const { stack } = world();
    const owner = await patientWithRecord();
    const grantee = await granteeWithTicket(owner.patient, "insurer");
    await stack.waitForIndexer();
    const granteeKey = wrapDataKey({ dataKey: owner.dataKey, recipientPublicKey: grantee.keys.publicKey });
    const added = await owner.upload([granteeKey]);
    assert.equal(added.status, 201);
    assert.equal(((await added.json()) as { wrappedKeys: number }).wrappedKeys, 2, "the patient's key stays beside the grantee's");
    const template = wrapDataKey({ dataKey: new Uint8Array(32), recipientPublicKey: generateEncryptionKeyPair().publicKey });
    const junk = (count: number) => Array.from({ length: count }, () => ({ ...template, recipient: `0x${randomBytes(32).toString("hex")}` }));
    assert.equal((await owner.upload(junk(20_000))).status, 400);
    const someJunk = await owner.upload(junk(10));
    assert.equal(((await someJunk.json()) as { wrappedKeys: number }).wrappedKeys, 2, "keys of nobody who may read are dropped");
    const read = await grantee.client.get(`/vault/${owner.recordId}?ticket=${grantee.ticketId}`);
    assert.equal(read.status, 200);
    const body = (await read.json()) as { wrappedKey: Parameters<typeof unwrapDataKey>[0]["wrapped"] };
    assert.deepEqual(unwrapDataKey({ wrapped: body.wrappedKey, privateKey: grantee.keys.privateKey }), owner.dataKey);
    await send(as(owner.patient).revokeConsent(addressOf(grantee.index)));
    await stack.waitForIndexer();
    const pruned = await owner.upload([]);
    assert.equal(((await pruned.json()) as { wrappedKeys: number }).wrappedKeys, 1, "a revoked grantee's key goes at the next upload");
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
      (
        await clients.auditor.query(`query($id: ID!) { record(id: $id) { accesses { kind actor } } }`, { id: scenario.record.amendedId })
      ).data.record.accesses.filter((access: { kind: string }) => access.kind === "READ").length;
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
