import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { keccak256, toUtf8Bytes } from "ethers";
import { Purpose, RecordCategory } from "../chain/careTypes.js";
import { createRecord } from "../record/careRecord.js";
import { exampleResources } from "../record/exampleResources.js";
import { sealRecord } from "../record/sealRecord.js";
import type { RecordBundle } from "../record/recordBundle.js";
import { startCareTrailFixture, type CareTrailFixture } from "../testing/careTrailFixture.js";
import { expectRevert } from "../testing/expectRevert.js";
import { checkAuthorAuthority } from "../verify/checkAuthorAuthority.js";
import { connectCareTrail, type CareTrailConnection } from "../verify/connectCareTrail.js";
import { consentGrantTypes, encodeTypeString, recordDigest, recordTypes } from "./careTrailTypedData.js";
import { recoverConsentGrantSigner, signConsentGrant } from "./signConsentGrant.js";
import { recoverRecordSigner, signRecord } from "./signRecord.js";
import { signRecordBundle } from "./signRecordBundle.js";

let fx: CareTrailFixture;
let connection: CareTrailConnection;
before(async () => {
  fx = await startCareTrailFixture();
  connection = await connectCareTrail(fx.access);
});
after(async () => {
  connection?.close();
  await fx?.stop();
});

const domain = () => ({ chainId: fx.deployment.chainId, verifyingContract: fx.deployment.address });

function unsignedBundle(example: keyof typeof exampleResources = "temperature"): RecordBundle {
  const record = createRecord({ patient: fx.patient.address, ...exampleResources[example] });
  return sealRecord({ record, recipients: [fx.patientKeys.publicKey, fx.doctorKeys.publicKey] }).bundle;
}

describe("EIP-712 definitions", () => {
  it("match the deployed contract's type hashes and digest", async () => {
    const contract = fx.as(fx.stranger);
    assert.equal(keccak256(toUtf8Bytes(encodeTypeString(recordTypes, "Record"))), await contract.RECORD_TYPEHASH());
    assert.equal(keccak256(toUtf8Bytes(encodeTypeString(consentGrantTypes, "ConsentGrant"))), await contract.CONSENT_GRANT_TYPEHASH());
    const [, name, version, chainId, verifyingContract] = await contract.eip712Domain();
    assert.deepEqual([name, version, Number(chainId), verifyingContract], ["CareTrail", "1", domain().chainId, domain().verifyingContract]);
    const { record } = unsignedBundle();
    assert.equal(recordDigest(domain(), record), await contract.recordDigest(record));
  });
});

describe("record signatures on a real chain", () => {
  for (const [name, example] of Object.entries(exampleResources)) {
    it(`the contract accepts the provider-signed ${name} record and the SDK recovers its author`, async () => {
      const bundle = await signRecordBundle({ bundle: unsignedBundle(name as keyof typeof exampleResources), signer: fx.doctor, ...domain() });
      await fx.append(bundle);
      const [patient, category] = await fx.as(fx.stranger).recordOf(bundle.record.recordId);
      assert.deepEqual([patient, Number(category)], [fx.patient.address, example.category]);
      assert.equal(recoverRecordSigner({ ...domain(), record: bundle.record, signature: bundle.authorSignature!.signature }), fx.doctor.address);
    });
  }

  it("the contract accepts a record the patient signed themself", async () => {
    await fx.append(await signRecordBundle({ bundle: unsignedBundle("pain"), signer: fx.patient, ...domain() }));
  });

  const forgeries: Array<[string, () => Promise<{ bundle: RecordBundle; author: string; signature: string }>]> = [
    [
      "signed for another chain id",
      async () => {
        const bundle = unsignedBundle();
        const { signature } = await signRecord({ signer: fx.doctor, record: bundle.record, chainId: 1, verifyingContract: fx.deployment.address });
        return { bundle, author: fx.doctor.address, signature };
      },
    ],
    [
      "signed for another contract",
      async () => {
        const bundle = unsignedBundle();
        const { signature } = await signRecord({ signer: fx.doctor, record: bundle.record, chainId: domain().chainId, verifyingContract: fx.stranger.address });
        return { bundle, author: fx.doctor.address, signature };
      },
    ],
    [
      "signed by someone other than the named author",
      async () => {
        const bundle = unsignedBundle();
        const { signature } = await signRecord({ signer: fx.otherDoctor, record: bundle.record, ...domain() });
        return { bundle, author: fx.doctor.address, signature };
      },
    ],
    [
      "altered after signing (category)",
      async () => {
        const bundle = unsignedBundle();
        const { signature } = await signRecord({ signer: fx.doctor, record: bundle.record, ...domain() });
        return { bundle: { ...bundle, record: { ...bundle.record, category: RecordCategory.Sensitive } }, author: fx.doctor.address, signature };
      },
    ],
    [
      "with a flipped signature byte",
      async () => {
        const bundle = unsignedBundle();
        const { signature } = await signRecord({ signer: fx.doctor, record: bundle.record, ...domain() });
        return { bundle, author: fx.doctor.address, signature: `${signature.slice(0, 10)}${signature[10] === "0" ? "1" : "0"}${signature.slice(11)}` };
      },
    ],
  ];
  for (const [what, forge] of forgeries) {
    it(`a signature ${what} is rejected by the contract and by the SDK`, async () => {
      const { bundle, author, signature } = await forge();
      await expectRevert(fx.as(fx.stranger).appendRecord(bundle.record, author, signature), "RecordInvalidSignature");
      assert.notEqual(recoverRecordSigner({ ...domain(), record: bundle.record, signature }), author);
    });
  }

  const unauthorised: Array<[string, () => CareTrailFixture["doctor"], string]> = [
    ["a credentialed provider without consent", () => fx.otherDoctor, "RecordConsentMissing"],
    ["an unregistered account", () => fx.stranger, "RecordAuthorNotProvider"],
  ];
  for (const [who, signer, error] of unauthorised) {
    it(`a valid signature by ${who} is rejected by the contract and the SDK's authority check`, async () => {
      const bundle = await signRecordBundle({ bundle: unsignedBundle(), signer: signer(), ...domain() });
      await expectRevert(fx.append(bundle), error);
      const check = await checkAuthorAuthority({
        connection,
        patient: fx.patient.address,
        author: signer().address,
        category: bundle.record.category,
        blockTag: "latest",
      });
      assert.equal(check.status, "fail", check.reason);
    });
  }
});

describe("consent grant signatures on a real chain", () => {
  it("the contract accepts an SDK-signed grant relayed by anyone, and rejects one with a stale nonce", async () => {
    const contract = fx.as(fx.stranger);
    const nonce = await contract.consentNonce(fx.patient.address);
    const now = (await fx.provider.getBlock("latest"))!.timestamp;
    const grant = {
      patient: fx.patient.address as `0x${string}`,
      grantee: fx.otherDoctor.address as `0x${string}`,
      scope: 1 << RecordCategory.Labs,
      purpose: Purpose.Treatment,
      expiresAt: BigInt(now + 3_600),
      nonce,
      deadline: BigInt(now + 600),
    };
    const stale = await signConsentGrant({ signer: fx.patient, grant: { ...grant, nonce: nonce + 5n }, ...domain() });
    assert.notEqual(recoverConsentGrantSigner({ ...domain(), grant, signature: stale }), fx.patient.address);
    await expectRevert(
      contract.grantConsentBySig(grant.patient, grant.grantee, grant.scope, grant.purpose, grant.expiresAt, grant.deadline, stale),
      "ConsentInvalidSignature",
    );
    const signature = await signConsentGrant({ signer: fx.patient, grant, ...domain() });
    assert.equal(recoverConsentGrantSigner({ ...domain(), grant, signature }), fx.patient.address);
    await (await contract.grantConsentBySig(grant.patient, grant.grantee, grant.scope, grant.purpose, grant.expiresAt, grant.deadline, signature)).wait();
    assert.equal(await contract.hasLiveConsent(fx.patient.address, fx.otherDoctor.address, RecordCategory.Labs, Purpose.Treatment), true);
  });
});
