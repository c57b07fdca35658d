import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { buildDisclosure } from "../disclosure/buildDisclosure.js";
import type { Disclosure } from "../disclosure/disclosure.js";
import type { Hex } from "../hex.js";
import { createRecord, recordIdFor } from "../record/careRecord.js";
import { exampleResources, type ExampleName } from "../record/exampleResources.js";
import type { RecordBundle } from "../record/recordBundle.js";
import { sealRecord, type OpenedRecord } from "../record/sealRecord.js";
import { signRecord } from "../signing/signRecord.js";
import { signRecordBundle } from "../signing/signRecordBundle.js";
import { startCareTrailFixture, type CareTrailFixture } from "../testing/careTrailFixture.js";
import { ContractNotFoundError, RpcUnreachableError } from "./connectCareTrail.js";
import type { Verdict } from "./verdict.js";
import { verifyDisclosure } from "./verifyDisclosure.js";
import { verifyRecord } from "./verifyRecord.js";

let fx: CareTrailFixture;
before(async () => {
  fx = await startCareTrailFixture();
});
after(async () => fx?.stop());

const domain = () => ({ chainId: fx.deployment.chainId, verifyingContract: fx.deployment.address });

async function appendedRecord(
  example: ExampleName = "bloodPressure",
  signer = fx.doctor,
  supersedes?: Hex,
): Promise<{ bundle: RecordBundle; opened: OpenedRecord }> {
  const record = createRecord({ patient: fx.patient.address, ...exampleResources[example], supersedes });
  const sealed = sealRecord({ record, recipients: [fx.patientKeys.publicKey, fx.doctorKeys.publicKey] });
  const bundle = await signRecordBundle({ bundle: sealed.bundle, signer, ...domain() });
  await fx.append(bundle);
  return { bundle, opened: sealed.opened };
}

function statusOf(verdict: Verdict): Record<string, string> {
  return Object.fromEntries(verdict.checks.map((check) => [check.name, check.status]));
}

function failed(verdict: Verdict): string[] {
  return verdict.checks.filter((check) => check.status === "fail").map((check) => check.name);
}

function reasonOf(verdict: Verdict, name: string): string {
  return verdict.checks.find((check) => check.name === name)?.reason ?? "";
}

function flipBase64Byte(base64: string, index: number): string {
  const bytes = Buffer.from(base64, "base64");
  bytes[index]! ^= 0x01;
  return bytes.toString("base64");
}

function flipHexByte(hex: Hex, index: number): Hex {
  const bytes = Buffer.from(hex.slice(2), "hex");
  bytes[index]! ^= 0x01;
  return `0x${bytes.toString("hex")}`;
}

describe("verifyRecord", () => {
  for (const example of Object.keys(exampleResources) as ExampleName[]) {
    it(`passes every check for an appended ${example} record read with the doctor's key`, async () => {
      const { bundle } = await appendedRecord(example);
      const verdict = await verifyRecord({ bundle, chain: fx.access, privateKey: fx.doctorKeys.privateKey });
      assert.ok(verdict.valid, JSON.stringify(verdict.checks, null, 2));
      assert.deepEqual(statusOf(verdict), {
        "record-on-chain": "pass",
        "content-hash": "pass",
        "content-id": "pass",
        decrypts: "pass",
        "fields-root": "pass",
        "metadata-matches-chain": "pass",
        "signature-domain": "pass",
        signature: "pass",
        "author-authorised": "pass",
        "not-superseded": "pass",
      });
    });
  }

  it("skips the fields root, and still passes, without a reader's key", async () => {
    const { bundle } = await appendedRecord("pain", fx.patient);
    const verdict = await verifyRecord({ bundle, chain: fx.access });
    assert.ok(verdict.valid);
    assert.equal(statusOf(verdict)["fields-root"], "skip");
    assert.match(reasonOf(verdict, "author-authorised"), /the author is the patient/);
  });

  it("fails the content hash and id, and decryption, when one ciphertext byte is flipped", async () => {
    const { bundle } = await appendedRecord();
    const tampered = { ...bundle, ciphertext: flipBase64Byte(bundle.ciphertext, 30) };
    const verdict = await verifyRecord({ bundle: tampered, chain: fx.access, privateKey: fx.patientKeys.privateKey });
    assert.deepEqual(failed(verdict), ["content-hash", "content-id", "decrypts"]);
    assert.match(reasonOf(verdict, "content-hash"), /the ciphertext was altered/);
  });

  it("fails the signature when one signature byte is flipped", async () => {
    const { bundle } = await appendedRecord();
    const signed = bundle.authorSignature!;
    const tampered = { ...bundle, authorSignature: { ...signed, signature: flipHexByte(signed.signature, 5) } };
    const verdict = await verifyRecord({ bundle: tampered, chain: fx.access });
    assert.deepEqual(failed(verdict), ["signature"]);
    assert.match(reasonOf(verdict, "signature"), /altered|malformed/);
  });

  it("fails when the bundle names another author than the one who signed", async () => {
    const { bundle } = await appendedRecord();
    const swapped = { ...bundle, authorSignature: { ...bundle.authorSignature!, author: fx.otherDoctor.address as Hex } };
    const verdict = await verifyRecord({ bundle: swapped, chain: fx.access });
    assert.deepEqual(failed(verdict), ["signature"]);
    assert.match(reasonOf(verdict, "signature"), new RegExp(`names ${fx.otherDoctor.address} as author`));
  });

  it("fails when another provider's signature replaces the author's", async () => {
    const { bundle } = await appendedRecord();
    const { signature } = await signRecord({ signer: fx.otherDoctor, record: bundle.record, ...domain() });
    const verdict = await verifyRecord({ bundle: { ...bundle, authorSignature: { ...bundle.authorSignature!, signature } }, chain: fx.access });
    assert.deepEqual(failed(verdict), ["signature"]);
    assert.match(reasonOf(verdict, "signature"), new RegExp(`recovers to ${fx.otherDoctor.address}, not the on-chain author ${fx.doctor.address}`));
  });

  it("fails a signature replayed from another chain id", async () => {
    const { bundle } = await appendedRecord();
    const replayed = await signRecordBundle({ bundle, signer: fx.doctor, chainId: 1, verifyingContract: fx.deployment.address });
    const verdict = await verifyRecord({ bundle: replayed, chain: fx.access });
    assert.deepEqual(failed(verdict), ["signature-domain", "signature"]);
    assert.match(reasonOf(verdict, "signature-domain"), /signed for chain 1 .* but this is chain 31337/);
  });

  it("fails metadata that differs from the chain", async () => {
    const { bundle } = await appendedRecord();
    const verdict = await verifyRecord({ bundle: { ...bundle, record: { ...bundle.record, category: 5 } }, chain: fx.access });
    assert.deepEqual(failed(verdict), ["metadata-matches-chain", "signature"]);
    assert.match(reasonOf(verdict, "metadata-matches-chain"), /category \(5 here, 0 on-chain\)/);
  });

  it("reports a record that was never appended as unknown", async () => {
    const record = createRecord({ patient: fx.patient.address, ...exampleResources.glucose, recordId: recordIdFor(fx.patient.address, 999_999n) });
    const { bundle } = sealRecord({ record, recipients: [fx.patientKeys.publicKey] });
    const verdict = await verifyRecord({ bundle, chain: fx.access });
    assert.equal(verdict.valid, false);
    assert.deepEqual(failed(verdict), ["record-on-chain"]);
    assert.match(reasonOf(verdict, "record-on-chain"), /the record is unknown here/);
  });

  it("warns, without failing, that an amended record is superseded", async () => {
    const { bundle } = await appendedRecord("temperature");
    const amendment = await appendedRecord("temperature", fx.doctor, bundle.record.recordId);
    const verdict = await verifyRecord({ bundle, chain: fx.access });
    assert.ok(verdict.valid);
    assert.equal(statusOf(verdict)["not-superseded"], "warn");
    assert.match(reasonOf(verdict, "not-superseded"), new RegExp(`amended by record ${amendment.bundle.record.recordId}`));
  });

  it("judges the author's consent at the record's block, not today", async () => {
    const { bundle } = await appendedRecord("diagnosis");
    await (await fx.as(fx.patient).revokeConsent(fx.doctor.address)).wait();
    try {
      const verdict = await verifyRecord({ bundle, chain: fx.access });
      assert.equal(statusOf(verdict)["author-authorised"], "pass", reasonOf(verdict, "author-authorised"));
      assert.match(reasonOf(verdict, "author-authorised"), /live Treatment consent/);
    } finally {
      const now = (await fx.provider.getBlock("latest"))!.timestamp;
      await (await fx.as(fx.patient).grantConsent(fx.doctor.address, 63, 1, BigInt(now + 86_400))).wait();
    }
  });

  it("says clearly when the chain or the contract is not there", async () => {
    await assert.rejects(verifyRecord({ bundle: (await appendedRecord()).bundle, chain: { ...fx.access, rpcUrl: "http://127.0.0.1:9" } }), RpcUnreachableError);
    await assert.rejects(
      verifyRecord({ bundle: (await appendedRecord()).bundle, chain: { ...fx.access, address: fx.stranger.address } }),
      ContractNotFoundError,
    );
  });
});

describe("verifyDisclosure", () => {
  let disclosure: Disclosure;
  before(async () => {
    const { bundle, opened } = await appendedRecord("labReport");
    disclosure = buildDisclosure({ bundle, opened, paths: ["conclusion", "contained.0.valueQuantity.value"] });
  });

  it("passes the revealed fields, the signature and the author's authority", async () => {
    const verdict = await verifyDisclosure({ disclosure, chain: fx.access });
    assert.ok(verdict.valid, JSON.stringify(verdict.checks, null, 2));
    assert.deepEqual(statusOf(verdict), {
      "record-on-chain": "pass",
      "field:conclusion": "pass",
      "field:contained.0.valueQuantity.value": "pass",
      "metadata-matches-chain": "pass",
      "signature-domain": "pass",
      signature: "pass",
      "author-authorised": "pass",
      "not-superseded": "pass",
    });
  });

  const tampers: Array<[string, (d: Disclosure) => Disclosure, string[]]> = [
    ["a flipped salt byte", (d) => ({ ...d, fields: d.fields.map((f, i) => (i === 0 ? { ...f, salt: flipHexByte(f.salt, 3) } : f)) }), ["field:conclusion"]],
    [
      "a flipped proof byte",
      (d) => ({ ...d, fields: d.fields.map((f, i) => (i === 1 ? { ...f, proof: f.proof.map((p, j) => (j === 0 ? flipHexByte(p, 0) : p)) } : f)) }),
      ["field:contained.0.valueQuantity.value"],
    ],
    ["a changed value", (d) => ({ ...d, fields: d.fields.map((f, i) => (i === 1 ? { ...f, value: 4.2 } : f)) }), ["field:contained.0.valueQuantity.value"]],
    [
      "a flipped signature byte",
      (d) => ({ ...d, authorSignature: { ...d.authorSignature, signature: flipHexByte(d.authorSignature.signature, 40) } }),
      ["signature"],
    ],
    ["a swapped author", (d) => ({ ...d, authorSignature: { ...d.authorSignature, author: fx.otherDoctor.address as Hex } }), ["signature"]],
  ];
  for (const [what, tamper, expected] of tampers) {
    it(`fails ${what} with the right check`, async () => {
      const verdict = await verifyDisclosure({ disclosure: tamper(disclosure), chain: fx.access });
      assert.deepEqual(failed(verdict), expected);
    });
  }
});
