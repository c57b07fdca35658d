import { expect } from "chai";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import { ethers } from "hardhat";
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/signers";
import type { CareTrail } from "../typechain-types";
import {
  appendSigned,
  Category,
  DAY,
  deployRegistered,
  domainOf,
  FULL_SCOPE,
  newRecord,
  now,
  Purpose,
  RECORD_TYPES,
  recordIdOf,
  signRecord,
  type RecordInput,
} from "./fixtures";

const NOTES_AND_LABS = (1 << Category.Notes) | (1 << Category.Labs);

async function withTreatmentConsent() {
  const fixture = await deployRegistered();
  const { careTrail, actors } = fixture;
  await careTrail.connect(actors.patient).grantConsent(actors.provider.address, NOTES_AND_LABS, Purpose.Treatment, (await now()) + 30 * DAY);
  return fixture;
}

/** Appending `record` as `author` is refused: no live write consent from the record's patient in its category. */
async function expectConsentMissing(careTrail: CareTrail, author: HardhatEthersSigner, record: RecordInput) {
  await expect(appendSigned(careTrail, author, record))
    .to.be.revertedWithCustomError(careTrail, "RecordConsentMissing")
    .withArgs(record.patient, author.address, record.category);
}

describe("CareRecords", () => {
  describe("appendRecord", () => {
    it("appends a provider-signed record relayed by anyone, with every field in the event", async () => {
      const { careTrail, actors } = await loadFixture(withTreatmentConsent);
      const record = newRecord(actors.patient.address, Category.Labs);
      const signature = await signRecord(careTrail, actors.provider, record);
      await expect(careTrail.connect(actors.stranger).appendRecord(record, actors.provider.address, signature))
        .to.emit(careTrail, "RecordAppended")
        .withArgs(
          record.recordId,
          actors.patient.address,
          actors.provider.address,
          Category.Labs,
          record.contentHash,
          record.contentId,
          record.fieldsRoot,
          ethers.ZeroHash,
          signature,
        );
      expect(await careTrail.recordOf(record.recordId)).to.deep.equal([actors.patient.address, BigInt(Category.Labs), false]);
    });

    it("lets the patient append to their own record in any category without consent", async () => {
      const { careTrail, actors } = await loadFixture(deployRegistered);
      const record = newRecord(actors.patient.address, Category.Sensitive);
      await expect(appendSigned(careTrail, actors.patient, record)).to.emit(careTrail, "RecordAppended");
    });

    it("exposes the digest the author signs", async () => {
      const { careTrail, actors } = await loadFixture(withTreatmentConsent);
      const record = newRecord(actors.patient.address, Category.Labs);
      const expected = ethers.TypedDataEncoder.hash(await domainOf(careTrail), RECORD_TYPES, record);
      expect(await careTrail.recordDigest(record)).to.equal(expected);
    });

    it("rejects an id that is not the patient's, an unknown category and a duplicate id", async () => {
      const { careTrail, actors } = await loadFixture(withTreatmentConsent);
      const zeroId = { ...newRecord(actors.patient.address, Category.Labs), recordId: ethers.ZeroHash };
      await expect(appendSigned(careTrail, actors.provider, zeroId))
        .to.be.revertedWithCustomError(careTrail, "RecordInvalidId")
        .withArgs(ethers.ZeroHash, actors.patient.address);
      const othersId = { ...newRecord(actors.patient.address, Category.Labs), recordId: recordIdOf(actors.otherPatient.address, 7n) };
      await expect(appendSigned(careTrail, actors.provider, othersId))
        .to.be.revertedWithCustomError(careTrail, "RecordInvalidId")
        .withArgs(othersId.recordId, actors.patient.address);
      const badCategory = newRecord(actors.patient.address, 6);
      await expect(appendSigned(careTrail, actors.provider, badCategory))
        .to.be.revertedWithCustomError(careTrail, "RecordInvalidCategory")
        .withArgs(6);
      const record = newRecord(actors.patient.address, Category.Labs);
      await appendSigned(careTrail, actors.provider, record);
      await expect(appendSigned(careTrail, actors.provider, record))
        .to.be.revertedWithCustomError(careTrail, "RecordAlreadyExists")
        .withArgs(record.recordId);
    });

    it("rejects records for someone who is not an enrolled patient", async () => {
      const { careTrail, actors } = await loadFixture(withTreatmentConsent);
      const selfAuthored = newRecord(actors.stranger.address, Category.Labs);
      await expect(appendSigned(careTrail, actors.stranger, selfAuthored))
        .to.be.revertedWithCustomError(careTrail, "RecordPatientNotEnrolled")
        .withArgs(actors.stranger.address);
      // Nobody enrolled can have granted the provider consent, so the consent check refuses it.
      const providerAuthored = newRecord(actors.insurer.address, Category.Labs);
      await expectConsentMissing(careTrail, actors.provider, providerAuthored);
    });

    it("packs a patient's records: ids name their patient, and the next free sequence is found", async () => {
      const { careTrail, actors } = await loadFixture(deployRegistered);
      const id = recordIdOf(actors.patient.address, 5n);
      expect(await careTrail.patientOfRecordId(id)).to.equal(actors.patient.address);
      expect(await careTrail.firstFreeRecordSequence(actors.patient.address, 0)).to.equal(0);
      for (const sequence of [0n, 1n, 2n, 31n, 32n]) {
        const record = {
          ...newRecord(actors.patient.address, Category.Vitals + Number(sequence % 6n)),
          recordId: recordIdOf(actors.patient.address, sequence),
        };
        await appendSigned(careTrail, actors.patient, record);
        expect(await careTrail.recordOf(record.recordId)).to.deep.equal([actors.patient.address, BigInt(record.category), false]);
      }
      expect(await careTrail.firstFreeRecordSequence(actors.patient.address, 0)).to.equal(3);
      expect(await careTrail.firstFreeRecordSequence(actors.patient.address, 31)).to.equal(33);
      expect(await careTrail.recordOf(recordIdOf(actors.patient.address, 3n))).to.deep.equal([ethers.ZeroAddress, 0n, false]);
      expect(await careTrail.recordOf(recordIdOf(actors.otherPatient.address, 0n))).to.deep.equal([ethers.ZeroAddress, 0n, false]);
    });

    it("rejects a signature that does not recover to the named author (relayer cannot forge authorship)", async () => {
      const { careTrail, actors } = await loadFixture(withTreatmentConsent);
      const record = newRecord(actors.patient.address, Category.Labs);
      const signedByStranger = await signRecord(careTrail, actors.stranger, record);
      await expect(careTrail.appendRecord(record, actors.provider.address, signedByStranger))
        .to.be.revertedWithCustomError(careTrail, "RecordInvalidSignature")
        .withArgs(record.recordId, actors.provider.address, actors.stranger.address);
    });

    it("rejects a signature over different content (tampered hash)", async () => {
      const { careTrail, actors } = await loadFixture(withTreatmentConsent);
      const record = newRecord(actors.patient.address, Category.Labs);
      const signature = await signRecord(careTrail, actors.provider, record);
      const tampered = { ...record, contentHash: ethers.keccak256(record.contentHash) };
      await expect(careTrail.appendRecord(tampered, actors.provider.address, signature))
        .to.be.revertedWithCustomError(careTrail, "RecordInvalidSignature")
        .withArgs(record.recordId, actors.provider.address, (recovered: string) => recovered !== actors.provider.address);
    });

    it("rejects a malformed signature as recovering to the zero address", async () => {
      const { careTrail, actors } = await loadFixture(withTreatmentConsent);
      const record = newRecord(actors.patient.address, Category.Labs);
      await expect(careTrail.appendRecord(record, actors.provider.address, "0x1234"))
        .to.be.revertedWithCustomError(careTrail, "RecordInvalidSignature")
        .withArgs(record.recordId, actors.provider.address, ethers.ZeroAddress);
    });

    it("rejects appends outside consent: no consent, wrong category, wrong purpose, expired, revoked", async () => {
      const { careTrail, actors } = await loadFixture(withTreatmentConsent);
      const outOfScope = newRecord(actors.patient.address, Category.Imaging);
      await expectConsentMissing(careTrail, actors.provider, outOfScope);

      const noConsent = newRecord(actors.otherPatient.address, Category.Labs);
      await expectConsentMissing(careTrail, actors.provider, noConsent);

      await careTrail.connect(actors.otherPatient).grantConsent(actors.provider.address, FULL_SCOPE, Purpose.Research, (await now()) + DAY);
      await expectConsentMissing(careTrail, actors.provider, noConsent);

      await careTrail.connect(actors.patient).revokeConsent(actors.provider.address);
      const afterRevoke = newRecord(actors.patient.address, Category.Labs);
      await expectConsentMissing(careTrail, actors.provider, afterRevoke);
    });

    it("stops accepting a provider's records at the consent's expiry", async () => {
      const { careTrail, actors } = await loadFixture(deployRegistered);
      const expiresAt = (await now()) + 100;
      await careTrail.connect(actors.patient).grantConsent(actors.provider.address, FULL_SCOPE, Purpose.Treatment, expiresAt);
      await time.setNextBlockTimestamp(expiresAt - 1);
      await expect(appendSigned(careTrail, actors.provider, newRecord(actors.patient.address, Category.Vitals))).to.emit(careTrail, "RecordAppended");
      await time.setNextBlockTimestamp(expiresAt);
      await expectConsentMissing(careTrail, actors.provider, newRecord(actors.patient.address, Category.Vitals));
    });

    it("accepts a pre-authorised emergency consent for writing", async () => {
      const { careTrail, actors } = await loadFixture(deployRegistered);
      await careTrail.connect(actors.patient).grantConsent(actors.provider.address, FULL_SCOPE, Purpose.Emergency, (await now()) + DAY);
      await expect(appendSigned(careTrail, actors.provider, newRecord(actors.patient.address, Category.Notes))).to.emit(careTrail, "RecordAppended");
    });

    it("rejects a suspended provider even with consent", async () => {
      const { careTrail, actors } = await loadFixture(withTreatmentConsent);
      await careTrail.suspendProvider(actors.provider.address, 1);
      await expect(appendSigned(careTrail, actors.provider, newRecord(actors.patient.address, Category.Labs)))
        .to.be.revertedWithCustomError(careTrail, "RecordProviderNotActive")
        .withArgs(actors.provider.address);
    });

    for (const author of ["insurer", "auditor", "researcher", "stranger", "otherPatient"] as const) {
      it(`rejects ${author} as author, even with a consent`, async () => {
        const { careTrail, actors } = await loadFixture(withTreatmentConsent);
        if (author !== "stranger" && author !== "otherPatient") {
          await careTrail.connect(actors.patient).grantConsent(actors[author].address, FULL_SCOPE, Purpose.Treatment, (await now()) + DAY);
        }
        await expect(appendSigned(careTrail, actors[author], newRecord(actors.patient.address, Category.Labs)))
          .to.be.revertedWithCustomError(careTrail, "RecordAuthorNotProvider")
          .withArgs(actors[author].address);
      });
    }
  });

  describe("amendment chain", () => {
    it("links each amendment to the record it supersedes and never overwrites", async () => {
      const { careTrail, actors } = await loadFixture(withTreatmentConsent);
      const original = newRecord(actors.patient.address, Category.Notes);
      await appendSigned(careTrail, actors.provider, original);
      const amendment = newRecord(actors.patient.address, Category.Notes, original.recordId);
      await expect(appendSigned(careTrail, actors.provider, amendment))
        .to.emit(careTrail, "RecordAmended")
        .withArgs(original.recordId, amendment.recordId, actors.provider.address);
      const second = newRecord(actors.patient.address, Category.Notes, amendment.recordId);
      await appendSigned(careTrail, actors.patient, second);

      expect(await careTrail.recordOf(original.recordId)).to.deep.equal([actors.patient.address, BigInt(Category.Notes), true]);
      expect(await careTrail.recordOf(amendment.recordId)).to.deep.equal([actors.patient.address, BigInt(Category.Notes), true]);
      expect(await careTrail.recordOf(second.recordId)).to.deep.equal([actors.patient.address, BigInt(Category.Notes), false]);
    });

    it("refuses a fork, an unknown predecessor and another patient's record", async () => {
      const { careTrail, actors } = await loadFixture(withTreatmentConsent);
      const original = newRecord(actors.patient.address, Category.Notes);
      await appendSigned(careTrail, actors.provider, original);
      await appendSigned(careTrail, actors.provider, newRecord(actors.patient.address, Category.Notes, original.recordId));
      await expect(appendSigned(careTrail, actors.provider, newRecord(actors.patient.address, Category.Notes, original.recordId)))
        .to.be.revertedWithCustomError(careTrail, "RecordAlreadySuperseded")
        .withArgs(original.recordId);

      const unknown = recordIdOf(actors.patient.address, 999n);
      await expect(appendSigned(careTrail, actors.provider, newRecord(actors.patient.address, Category.Notes, unknown)))
        .to.be.revertedWithCustomError(careTrail, "RecordSupersedesUnknown")
        .withArgs(unknown);

      const otherPatients = newRecord(actors.otherPatient.address, Category.Notes);
      await appendSigned(careTrail, actors.otherPatient, otherPatients);
      await expect(appendSigned(careTrail, actors.provider, newRecord(actors.patient.address, Category.Notes, otherPatients.recordId)))
        .to.be.revertedWithCustomError(careTrail, "RecordSupersedesOtherPatient")
        .withArgs(otherPatients.recordId, actors.patient.address);
    });
  });
});
