import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { CID } from "multiformats/cid";
import { createHash } from "node:crypto";
import { createRecord, recordIdFor } from "../record/careRecord.js";
import { exampleResources } from "../record/exampleResources.js";
import { openRecord, NotARecipientError } from "../record/openRecord.js";
import { sealRecord } from "../record/sealRecord.js";
import { contentCidOf, contentHashOf, contentIdOf, contentIdToString } from "./contentAddress.js";
import { ContentDecryptionError } from "./encryptContent.js";
import { encryptionPublicKeyOf, generateEncryptionKeyPair } from "./encryptionKeys.js";
import { KeyUnwrapError, unwrapDataKey, wrapDataKey } from "./wrapDataKey.js";

const patient = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";

describe("data key wrapping", () => {
  it("opens only with the recipient's private key", () => {
    const recipient = generateEncryptionKeyPair();
    const stranger = generateEncryptionKeyPair();
    const dataKey = crypto.getRandomValues(new Uint8Array(32));
    const wrapped = wrapDataKey({ dataKey, recipientPublicKey: recipient.publicKey });
    assert.deepEqual(unwrapDataKey({ wrapped, privateKey: recipient.privateKey }), dataKey);
    assert.throws(() => unwrapDataKey({ wrapped, privateKey: stranger.privateKey }), KeyUnwrapError);
    assert.equal(encryptionPublicKeyOf(recipient.privateKey), recipient.publicKey);
  });

  it("uses a fresh ephemeral key for every wrap", () => {
    const { publicKey } = generateEncryptionKeyPair();
    const dataKey = new Uint8Array(32);
    const first = wrapDataKey({ dataKey, recipientPublicKey: publicKey });
    const second = wrapDataKey({ dataKey, recipientPublicKey: publicKey });
    assert.notEqual(first.ephemeralPublicKey, second.ephemeralPublicKey);
    assert.notEqual(first.sealedKey, second.sealedKey);
  });
});

describe("content address", () => {
  it("is the sha-256 of the ciphertext and a CIDv1 raw sha2-256 over the same bytes", () => {
    const bytes = new TextEncoder().encode("ciphertext");
    const sha = createHash("sha256").update(bytes).digest("hex");
    assert.equal(contentHashOf(bytes), `0x${sha}`);
    const cid = CID.parse(contentIdToString(contentIdOf(bytes)));
    assert.equal(cid.version, 1);
    assert.equal(cid.code, 0x55);
    assert.equal(cid.multihash.code, 0x12);
    assert.equal(Buffer.from(cid.multihash.digest).toString("hex"), sha);
    assert.ok(contentCidOf(bytes).toString().startsWith("bafkrei"));
  });
});

describe("sealRecord / openRecord", () => {
  for (const [name, example] of Object.entries(exampleResources)) {
    it(`round-trips the ${name} record for the patient and a grantee`, () => {
      const patientKeys = generateEncryptionKeyPair();
      const grantee = generateEncryptionKeyPair();
      const record = createRecord({ patient, ...example });
      const { bundle, opened } = sealRecord({ record, recipients: [patientKeys.publicKey, grantee.publicKey] });
      assert.equal(bundle.keys.length, 2);
      assert.equal(bundle.record.contentHash, contentHashOf(Buffer.from(bundle.ciphertext, "base64")));
      for (const reader of [patientKeys, grantee]) assert.deepEqual(openRecord({ bundle, privateKey: reader.privateKey }), opened);
      assert.deepEqual(opened.record, record);
    });
  }

  it("refuses readers the record was not sealed to", () => {
    const { bundle } = sealRecord({ record: createRecord({ patient, ...exampleResources.pain }), recipients: [generateEncryptionKeyPair().publicKey] });
    assert.throws(() => openRecord({ bundle, privateKey: generateEncryptionKeyPair().privateKey }), NotARecipientError);
  });

  it("detects a flipped ciphertext byte and a ciphertext moved to another record id", () => {
    const keys = generateEncryptionKeyPair();
    const { bundle } = sealRecord({ record: createRecord({ patient, ...exampleResources.pain }), recipients: [keys.publicKey] });
    const bytes = Buffer.from(bundle.ciphertext, "base64");
    bytes[20]! ^= 0x01;
    const flipped = { ...bundle, ciphertext: bytes.toString("base64") };
    assert.throws(() => openRecord({ bundle: flipped, privateKey: keys.privateKey }), ContentDecryptionError);
    const moved = { ...bundle, record: { ...bundle.record, recordId: recordIdFor(patient, 2n) } };
    assert.throws(() => openRecord({ bundle: moved, privateKey: keys.privateKey }), ContentDecryptionError);
  });
});
