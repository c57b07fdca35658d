// Signature abuse: every way a valid-looking EIP-712 signature can be reused or bent, against both signed entry
// points (grantConsentBySig and appendRecord's author signature), each rejected with its exact custom error.
import { expect } from "chai";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import { ethers } from "hardhat";
import { TypedDataEncoder, ZeroAddress, getBytes, hexlify, verifyTypedData } from "ethers";
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/signers";
import type { CareTrail } from "../typechain-types";
import {
  Category,
  CONSENT_GRANT_TYPES,
  DAY,
  deployCareTrail,
  domainOf,
  encryptionKey,
  FULL_SCOPE,
  licenseHash,
  newRecord,
  now,
  Purpose,
  RECORD_TYPES,
  signRecord,
  type Actors,
  type RecordInput,
} from "./fixtures";
import { compact, highS, zeroBasedV } from "./campaign/signatureForms";

type Grant = {
  patient: string;
  grantee: string;
  scope: number;
  purpose: number;
  expiresAt: number;
  nonce: bigint;
  deadline: number;
};

/** Registers the same cast on `careTrail`, and gives `provider` a live treatment consent, so only a signature can fail. */
async function registerCast(careTrail: CareTrail, actors: Actors) {
  await careTrail.connect(actors.patient).enrolPatient(encryptionKey("patient"));
  await careTrail.connect(actors.otherPatient).enrolPatient(encryptionKey("otherPatient"));
  await careTrail.credentialProvider(actors.provider.address, licenseHash("provider"), 207);
  await careTrail.credentialProvider(actors.otherProvider.address, licenseHash("otherProvider"), 8);
  await careTrail.registerThirdParty(actors.insurer.address, 3);
  await careTrail.connect(actors.patient).grantConsent(actors.provider.address, FULL_SCOPE, Purpose.Treatment, (await now()) + 30 * DAY);
}

/** Two independent deployments with the same cast: a signature for one must be worthless on the other. */
async function twoDeployments() {
  const first = await deployCareTrail();
  await registerCast(first.careTrail, first.actors);
  const second = await deployCareTrail();
  await registerCast(second.careTrail, second.actors);
  return { careTrail: first.careTrail, other: second.careTrail, actors: first.actors };
}

async function grantFor(careTrail: CareTrail, actors: Actors, overrides: Partial<Grant> = {}): Promise<Grant> {
  return {
    patient: actors.patient.address,
    grantee: actors.insurer.address,
    scope: FULL_SCOPE,
    purpose: Purpose.Payment,
    expiresAt: (await now()) + 7 * DAY,
    nonce: await careTrail.consentNonce(actors.patient.address),
    deadline: (await now()) + 3600,
    ...overrides,
  };
}

type Domain = Awaited<ReturnType<typeof domainOf>>;

const signGrant = (signer: HardhatEthersSigner, domain: Domain, grant: Grant) => signer.signTypedData(domain, CONSENT_GRANT_TYPES, grant);

const relayGrant = (careTrail: CareTrail, relayer: HardhatEthersSigner, grant: Grant, signature: string) =>
  careTrail.connect(relayer).grantConsentBySig(grant.patient, grant.grantee, grant.scope, grant.purpose, grant.expiresAt, grant.deadline, signature);

/** Whom `signature` recovers to when the contract hashes `grant` in `domain`: the exact `signer` argument it reverts with. */
const recoveredGrantSigner = (domain: Domain, grant: Grant, signature: string) =>
  ethers.recoverAddress(TypedDataEncoder.hash(domain, CONSENT_GRANT_TYPES, grant), signature);

const recoveredRecordSigner = (domain: Domain, record: RecordInput, signature: string) =>
  ethers.recoverAddress(TypedDataEncoder.hash(domain, RECORD_TYPES, record), signature);

/** Plain ecrecover, as a contract without the high-s rule would do it. */
async function plainEcrecover(digest: string, signature: string): Promise<string> {
  const bytes = getBytes(signature);
  const input = ethers.AbiCoder.defaultAbiCoder().encode(
    ["bytes32", "uint8", "bytes32", "bytes32"],
    [digest, bytes[64]!, hexlify(bytes.slice(0, 32)), hexlify(bytes.slice(32, 64))],
  );
  const output = await ethers.provider.call({ to: "0x0000000000000000000000000000000000000001", data: input });
  return ethers.getAddress(ethers.dataSlice(output, 12));
}

describe("Signature abuse", () => {
  describe("grantConsentBySig", () => {
    it("rejects a signature made for another chain id, although it is valid there", async () => {
      const { careTrail, actors } = await loadFixture(twoDeployments);
      const domain = await domainOf(careTrail);
      const mainnetDomain = { ...domain, chainId: 1n };
      const grant = await grantFor(careTrail, actors);
      const signature = await signGrant(actors.patient, mainnetDomain, grant);
      expect(verifyTypedData(mainnetDomain, CONSENT_GRANT_TYPES, grant, signature)).to.equal(actors.patient.address);
      const recovered = recoveredGrantSigner(domain, grant, signature);
      expect(recovered).to.not.equal(actors.patient.address);
      await expect(relayGrant(careTrail, actors.stranger, grant, signature))
        .to.be.revertedWithCustomError(careTrail, "ConsentInvalidSignature")
        .withArgs(actors.patient.address, recovered);
      expect(await careTrail.consentNonce(actors.patient.address)).to.equal(0n);
    });

    it("binds the domain to this chain id (EIP-5267)", async () => {
      const { careTrail } = await loadFixture(twoDeployments);
      const [, name, version, chainId, verifyingContract] = await careTrail.eip712Domain();
      expect([name, version, chainId, verifyingContract]).to.deep.equal(["CareTrail", "1", 31337n, await careTrail.getAddress()]);
    });

    it("rejects a signature made for another deployment, with the same nonce and cast there", async () => {
      const { careTrail, other, actors } = await loadFixture(twoDeployments);
      const grant = await grantFor(careTrail, actors);
      expect(await other.consentNonce(actors.patient.address)).to.equal(grant.nonce);
      const signature = await signGrant(actors.patient, await domainOf(other), grant);
      await expect(relayGrant(careTrail, actors.stranger, grant, signature))
        .to.be.revertedWithCustomError(careTrail, "ConsentInvalidSignature")
        .withArgs(actors.patient.address, recoveredGrantSigner(await domainOf(careTrail), grant, signature));
      // The same signature is good where it was meant to go, and only there.
      await expect(relayGrant(other, actors.stranger, grant, signature)).to.emit(other, "ConsentGranted");
      expect(await careTrail.consentNonce(actors.patient.address)).to.equal(0n);
      expect((await careTrail.consentOf(actors.patient.address, actors.insurer.address)).version).to.equal(0n);
    });

    it("rejects a reused nonce: the same signature again, and an older nonce re-signed", async () => {
      const { careTrail, actors } = await loadFixture(twoDeployments);
      const domain = await domainOf(careTrail);
      const grant = await grantFor(careTrail, actors);
      const signature = await signGrant(actors.patient, domain, grant);
      await expect(relayGrant(careTrail, actors.stranger, grant, signature)).to.emit(careTrail, "ConsentGranted");
      const replayedAt = { ...grant, nonce: grant.nonce + 1n };
      await expect(relayGrant(careTrail, actors.otherProvider, grant, signature))
        .to.be.revertedWithCustomError(careTrail, "ConsentInvalidSignature")
        .withArgs(actors.patient.address, recoveredGrantSigner(domain, replayedAt, signature));

      // A fresh signature over the already used nonce, with new terms, fails the same way.
      const stale = { ...grant, scope: 1 << Category.Vitals };
      const staleSignature = await signGrant(actors.patient, domain, stale);
      await expect(relayGrant(careTrail, actors.stranger, stale, staleSignature))
        .to.be.revertedWithCustomError(careTrail, "ConsentInvalidSignature")
        .withArgs(actors.patient.address, recoveredGrantSigner(domain, { ...stale, nonce: grant.nonce + 1n }, staleSignature));
      expect(await careTrail.consentNonce(actors.patient.address)).to.equal(grant.nonce + 1n);
    });

    it("rejects a nonce from the future until the nonces before it are used, then accepts it once", async () => {
      const { careTrail, actors } = await loadFixture(twoDeployments);
      const domain = await domainOf(careTrail);
      const first = await grantFor(careTrail, actors);
      const second = { ...first, nonce: first.nonce + 1n, scope: 1 << Category.Labs };
      const secondSignature = await signGrant(actors.patient, domain, second);
      await expect(relayGrant(careTrail, actors.stranger, second, secondSignature))
        .to.be.revertedWithCustomError(careTrail, "ConsentInvalidSignature")
        .withArgs(actors.patient.address, recoveredGrantSigner(domain, { ...second, nonce: first.nonce }, secondSignature));
      await relayGrant(careTrail, actors.stranger, first, await signGrant(actors.patient, domain, first));
      await expect(relayGrant(careTrail, actors.stranger, second, secondSignature))
        .to.emit(careTrail, "ConsentGranted")
        .withArgs(actors.patient.address, actors.insurer.address, second.scope, second.purpose, second.expiresAt, 2);
    });

    it("does not burn the nonce when the grant itself is refused", async () => {
      const { careTrail, actors } = await loadFixture(twoDeployments);
      const domain = await domainOf(careTrail);
      const refused = await grantFor(careTrail, actors, { grantee: actors.stranger.address });
      await expect(relayGrant(careTrail, actors.stranger, refused, await signGrant(actors.patient, domain, refused)))
        .to.be.revertedWithCustomError(careTrail, "ConsentGranteeNotRegistered")
        .withArgs(actors.stranger.address);
      const next = await grantFor(careTrail, actors);
      expect(next.nonce).to.equal(refused.nonce);
      await expect(relayGrant(careTrail, actors.stranger, next, await signGrant(actors.patient, domain, next))).to.emit(careTrail, "ConsentGranted");
    });

    it("rejects an expired deadline, before looking at the signature, and accepts the last second", async () => {
      const { careTrail, actors } = await loadFixture(twoDeployments);
      const domain = await domainOf(careTrail);
      const deadline = (await now()) + 10;
      const grant = await grantFor(careTrail, actors, { deadline });
      const signature = await signGrant(actors.patient, domain, grant);
      await time.setNextBlockTimestamp(deadline + 1);
      await expect(relayGrant(careTrail, actors.stranger, grant, signature))
        .to.be.revertedWithCustomError(careTrail, "ConsentSignatureExpired")
        .withArgs(deadline, deadline + 1);
      // A forged signature with an expired deadline gets the same answer: no signer is revealed.
      const forged = await signGrant(actors.stranger, domain, grant);
      await time.setNextBlockTimestamp(deadline + 2);
      await expect(relayGrant(careTrail, actors.stranger, grant, forged))
        .to.be.revertedWithCustomError(careTrail, "ConsentSignatureExpired")
        .withArgs(deadline, deadline + 2);

      const lastSecond = (await now()) + 10;
      const onTime = await grantFor(careTrail, actors, { deadline: lastSecond });
      const onTimeSignature = await signGrant(actors.patient, domain, onTime);
      await time.setNextBlockTimestamp(lastSecond);
      await expect(relayGrant(careTrail, actors.stranger, onTime, onTimeSignature)).to.emit(careTrail, "ConsentGranted");
    });

    it("rejects the malleable high-s twin of a valid signature, and its 64-byte and v=0/1 encodings", async () => {
      const { careTrail, actors } = await loadFixture(twoDeployments);
      const domain = await domainOf(careTrail);
      const grant = await grantFor(careTrail, actors);
      const signature = await signGrant(actors.patient, domain, grant);
      const twin = highS(signature);
      // Plain ecrecover accepts the twin as the patient's: only the contract's low-s rule stops it.
      expect(await plainEcrecover(TypedDataEncoder.hash(domain, CONSENT_GRANT_TYPES, grant), twin)).to.equal(actors.patient.address);
      for (const variant of [twin, compact(signature), zeroBasedV(signature), "0x"]) {
        await expect(relayGrant(careTrail, actors.stranger, grant, variant))
          .to.be.revertedWithCustomError(careTrail, "ConsentInvalidSignature")
          .withArgs(actors.patient.address, ZeroAddress);
      }
      expect(await careTrail.consentNonce(actors.patient.address)).to.equal(grant.nonce);
      await expect(relayGrant(careTrail, actors.stranger, grant, signature)).to.emit(careTrail, "ConsentGranted");
    });

    it("rejects a grant to a suspended provider, keeps the nonce, and honours the signature after reinstatement", async () => {
      const { careTrail, actors } = await loadFixture(twoDeployments);
      const domain = await domainOf(careTrail);
      await careTrail.suspendProvider(actors.otherProvider.address, 3);
      const grant = await grantFor(careTrail, actors, { grantee: actors.otherProvider.address, purpose: Purpose.Treatment });
      const signature = await signGrant(actors.patient, domain, grant);
      await expect(relayGrant(careTrail, actors.stranger, grant, signature))
        .to.be.revertedWithCustomError(careTrail, "ConsentGranteeSuspended")
        .withArgs(actors.otherProvider.address);
      expect(await careTrail.consentNonce(actors.patient.address)).to.equal(grant.nonce);
      await careTrail.reinstateProvider(actors.otherProvider.address);
      await expect(relayGrant(careTrail, actors.stranger, grant, signature)).to.emit(careTrail, "ConsentGranted");
    });

    it("rejects a suspended provider signing for a patient, or for itself as if it were a patient", async () => {
      const { careTrail, actors } = await loadFixture(twoDeployments);
      const domain = await domainOf(careTrail);
      await careTrail.suspendProvider(actors.provider.address, 3);
      const forPatient = await grantFor(careTrail, actors, { grantee: actors.insurer.address });
      await expect(relayGrant(careTrail, actors.provider, forPatient, await signGrant(actors.provider, domain, forPatient)))
        .to.be.revertedWithCustomError(careTrail, "ConsentInvalidSignature")
        .withArgs(actors.patient.address, actors.provider.address);
      const asPatient = await grantFor(careTrail, actors, { patient: actors.provider.address, nonce: await careTrail.consentNonce(actors.provider.address) });
      await expect(relayGrant(careTrail, actors.stranger, asPatient, await signGrant(actors.provider, domain, asPatient)))
        .to.be.revertedWithCustomError(careTrail, "ConsentPatientNotEnrolled")
        .withArgs(actors.provider.address);
    });
  });

  describe("appendRecord author signature", () => {
    const sign = (author: HardhatEthersSigner, domain: Domain, record: RecordInput) => author.signTypedData(domain, RECORD_TYPES, record);

    it("rejects a record signed for another chain id, although it is valid there", async () => {
      const { careTrail, actors } = await loadFixture(twoDeployments);
      const domain = await domainOf(careTrail);
      const mainnetDomain = { ...domain, chainId: 1n };
      const record = newRecord(actors.patient.address, Category.Labs);
      const signature = await sign(actors.provider, mainnetDomain, record);
      expect(verifyTypedData(mainnetDomain, RECORD_TYPES, record, signature)).to.equal(actors.provider.address);
      await expect(careTrail.connect(actors.stranger).appendRecord(record, actors.provider.address, signature))
        .to.be.revertedWithCustomError(careTrail, "RecordInvalidSignature")
        .withArgs(record.recordId, actors.provider.address, recoveredRecordSigner(domain, record, signature));
    });

    it("rejects a record signed for another deployment, where the same author may write it", async () => {
      const { careTrail, other, actors } = await loadFixture(twoDeployments);
      const record = newRecord(actors.patient.address, Category.Labs);
      const signature = await signRecord(other, actors.provider, record);
      await expect(careTrail.appendRecord(record, actors.provider.address, signature))
        .to.be.revertedWithCustomError(careTrail, "RecordInvalidSignature")
        .withArgs(record.recordId, actors.provider.address, recoveredRecordSigner(await domainOf(careTrail), record, signature));
      await expect(other.appendRecord(record, actors.provider.address, signature)).to.emit(other, "RecordAppended");
      expect((await careTrail.recordOf(record.recordId))[0]).to.equal(ZeroAddress);
    });

    it("rejects a replayed record, and its signature moved onto another record id", async () => {
      const { careTrail, actors } = await loadFixture(twoDeployments);
      const domain = await domainOf(careTrail);
      const record = newRecord(actors.patient.address, Category.Vitals);
      const signature = await sign(actors.provider, domain, record);
      await careTrail.appendRecord(record, actors.provider.address, signature);
      await expect(careTrail.connect(actors.stranger).appendRecord(record, actors.provider.address, signature))
        .to.be.revertedWithCustomError(careTrail, "RecordAlreadyExists")
        .withArgs(record.recordId);
      const moved = { ...record, recordId: newRecord(actors.patient.address, Category.Vitals).recordId };
      await expect(careTrail.appendRecord(moved, actors.provider.address, signature))
        .to.be.revertedWithCustomError(careTrail, "RecordInvalidSignature")
        .withArgs(moved.recordId, actors.provider.address, recoveredRecordSigner(domain, moved, signature));
    });

    it("rejects the malleable high-s twin of a record signature, and its 64-byte and v=0/1 encodings", async () => {
      const { careTrail, actors } = await loadFixture(twoDeployments);
      const domain = await domainOf(careTrail);
      const record = newRecord(actors.patient.address, Category.Notes);
      const signature = await sign(actors.provider, domain, record);
      const twin = highS(signature);
      expect(await plainEcrecover(TypedDataEncoder.hash(domain, RECORD_TYPES, record), twin)).to.equal(actors.provider.address);
      for (const variant of [twin, compact(signature), zeroBasedV(signature)]) {
        await expect(careTrail.appendRecord(record, actors.provider.address, variant))
          .to.be.revertedWithCustomError(careTrail, "RecordInvalidSignature")
          .withArgs(record.recordId, actors.provider.address, ZeroAddress);
      }
      // Only the canonical signature lands, so the stored trail never carries a second encoding of it.
      await expect(careTrail.appendRecord(record, actors.provider.address, signature)).to.emit(careTrail, "RecordAppended");
    });

    it("rejects a record signed by a suspended provider, including one signed before the suspension", async () => {
      const { careTrail, actors } = await loadFixture(twoDeployments);
      const domain = await domainOf(careTrail);
      const signedBefore = newRecord(actors.patient.address, Category.Labs);
      const beforeSignature = await sign(actors.provider, domain, signedBefore);
      await careTrail.suspendProvider(actors.provider.address, 2);
      const signedDuring = newRecord(actors.patient.address, Category.Labs);
      for (const [record, signature] of [
        [signedBefore, beforeSignature],
        [signedDuring, await sign(actors.provider, domain, signedDuring)],
      ] as const) {
        await expect(careTrail.connect(actors.stranger).appendRecord(record, actors.provider.address, signature))
          .to.be.revertedWithCustomError(careTrail, "RecordProviderNotActive")
          .withArgs(actors.provider.address);
      }
      // A record signature carries no deadline: once reinstated, the held-back record can still be relayed.
      await careTrail.reinstateProvider(actors.provider.address);
      await expect(careTrail.connect(actors.stranger).appendRecord(signedBefore, actors.provider.address, beforeSignature)).to.emit(
        careTrail,
        "RecordAppended",
      );
    });

    it("rejects a suspended provider's signature presented as another author's", async () => {
      const { careTrail, actors } = await loadFixture(twoDeployments);
      await careTrail.suspendProvider(actors.provider.address, 2);
      const record = newRecord(actors.patient.address, Category.Labs);
      const signature = await signRecord(careTrail, actors.provider, record);
      await expect(careTrail.appendRecord(record, actors.otherProvider.address, signature))
        .to.be.revertedWithCustomError(careTrail, "RecordInvalidSignature")
        .withArgs(record.recordId, actors.otherProvider.address, actors.provider.address);
      await expect(careTrail.appendRecord(record, actors.patient.address, signature))
        .to.be.revertedWithCustomError(careTrail, "RecordInvalidSignature")
        .withArgs(record.recordId, actors.patient.address, actors.provider.address);
    });
  });
});
