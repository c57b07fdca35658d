import { expect } from "chai";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import { anyValue } from "@nomicfoundation/hardhat-chai-matchers/withArgs";
import { ethers } from "hardhat";
import type { ContractTransactionResponse } from "ethers";
import type { CareTrail } from "@caretrail/sdk";
import {
  ALL_CATEGORIES,
  appendSigned,
  Category,
  DAY,
  Denial,
  deployRegistered,
  newRecord,
  now,
  Purpose,
  recordIdOf,
} from "./fixtures";

const HOUR = 3600;
const LABS_ONLY = 1 << Category.Labs;

async function withConsents() {
  const fixture = await deployRegistered();
  const { careTrail, actors } = fixture;
  const asPatient = careTrail.connect(actors.patient);
  await asPatient.grantConsent(actors.provider.address, LABS_ONLY, Purpose.Treatment, (await now()) + 30 * DAY);
  await asPatient.grantConsent(actors.insurer.address, LABS_ONLY, Purpose.Payment, (await now()) + 30 * DAY);
  const labRecord = newRecord(actors.patient.address, Category.Labs);
  await appendSigned(careTrail, actors.patient, labRecord);
  return { ...fixture, labRecord };
}

/** The access events of a transaction, by name, in log order. */
async function accessEventsOf(careTrail: CareTrail, tx: ContractTransactionResponse): Promise<string[]> {
  const receipt = await tx.wait();
  return receipt!.logs.map((log) => careTrail.interface.parseLog(log)!.name);
}

describe("CareAccess", () => {
  describe("requestAccess (category)", () => {
    it("grants under a live consent: AccessRequested then AccessGranted with a ticket capped at one hour", async () => {
      const { careTrail, actors } = await loadFixture(withConsents);
      const timestamp = (await now()) + 5;
      await time.setNextBlockTimestamp(timestamp);
      const tx = await careTrail.connect(actors.provider).requestAccess(actors.patient.address, Category.Labs, Purpose.Treatment);
      await expect(tx)
        .to.emit(careTrail, "AccessRequested")
        .withArgs(actors.patient.address, actors.provider.address, ethers.ZeroHash, Category.Labs, Purpose.Treatment);
      const ticketId = ethers.keccak256(
        ethers.AbiCoder.defaultAbiCoder().encode(["address", "address", "uint64"], [await careTrail.getAddress(), actors.provider.address, 1]),
      );
      await expect(tx)
        .to.emit(careTrail, "AccessGranted")
        .withArgs(actors.patient.address, actors.provider.address, ticketId, ethers.ZeroHash, Category.Labs, Purpose.Treatment, timestamp + HOUR);
      expect(await accessEventsOf(careTrail, tx)).to.deep.equal(["AccessRequested", "AccessGranted"]);
    });

    it("caps the ticket at the consent's expiry when that comes first", async () => {
      const { careTrail, actors } = await loadFixture(deployRegistered);
      const expiresAt = (await now()) + 600;
      await careTrail.connect(actors.patient).grantConsent(actors.researcher.address, LABS_ONLY, Purpose.Research, expiresAt);
      await expect(careTrail.connect(actors.researcher).requestAccess(actors.patient.address, Category.Labs, Purpose.Research))
        .to.emit(careTrail, "AccessGranted")
        .withArgs(actors.patient.address, actors.researcher.address, anyValue, ethers.ZeroHash, Category.Labs, Purpose.Research, expiresAt);
    });

    it("issues a distinct ticket for every grant", async () => {
      const { careTrail, actors } = await loadFixture(withConsents);
      const tickets = new Set<string>();
      for (let i = 0; i < 3; i++) {
        const ticket = await careTrail.connect(actors.provider).requestAccess.staticCall(actors.patient.address, Category.Labs, Purpose.Treatment);
        await careTrail.connect(actors.provider).requestAccess(actors.patient.address, Category.Labs, Purpose.Treatment);
        tickets.add(ticket);
      }
      expect(tickets.size).to.equal(3);
    });

    it("grants the patient access to their own records without consent", async () => {
      const { careTrail, actors } = await loadFixture(withConsents);
      await expect(careTrail.connect(actors.patient).requestAccess(actors.patient.address, Category.Sensitive, Purpose.Treatment)).to.emit(
        careTrail,
        "AccessGranted",
      );
    });

    const denials: { name: string; requester: "provider" | "insurer" | "auditor" | "researcher" | "stranger" | "otherPatient" | "otherProvider" | "governance"; patient?: "patient" | "stranger"; category?: number; purpose?: number; setup?: (careTrail: CareTrail, actors: Awaited<ReturnType<typeof deployRegistered>>["actors"]) => Promise<unknown>; reason: number }[] = [
      { name: "an unregistered third party", requester: "stranger", reason: Denial.Unregistered },
      { name: "the deployer/governance account, which is not a registered party", requester: "governance", reason: Denial.Unregistered },
      { name: "a removed third party", requester: "insurer", purpose: Purpose.Payment, setup: (c, a) => c.removeThirdParty(a.insurer.address), reason: Denial.Unregistered },
      { name: "an unenrolled patient", requester: "provider", patient: "stranger", reason: Denial.PatientNotEnrolled },
      { name: "a provider without consent", requester: "otherProvider", reason: Denial.NoConsent },
      { name: "another patient", requester: "otherPatient", reason: Denial.NoConsent },
      { name: "an auditor without consent", requester: "auditor", purpose: Purpose.Payment, reason: Denial.NoConsent },
      { name: "a researcher without consent", requester: "researcher", purpose: Purpose.Research, reason: Denial.NoConsent },
      { name: "a revoked consent", requester: "provider", setup: (c, a) => c.connect(a.patient).revokeConsent(a.provider.address), reason: Denial.ConsentRevoked },
      { name: "an expired consent", requester: "provider", setup: () => time.increase(31 * DAY), reason: Denial.ConsentExpired },
      { name: "a purpose not granted", requester: "insurer", purpose: Purpose.Research, reason: Denial.PurposeNotGranted },
      { name: "a category out of scope", requester: "provider", category: Category.Imaging, reason: Denial.CategoryNotInScope },
      { name: "a suspended provider", requester: "provider", setup: (c, a) => c.suspendProvider(a.provider.address, 1), reason: Denial.ProviderSuspended },
    ];
    for (const denial of denials) {
      it(`denies ${denial.name} with reason ${denial.reason}, and never reverts`, async () => {
        const { careTrail, actors } = await loadFixture(withConsents);
        await denial.setup?.(careTrail, actors);
        const requester = actors[denial.requester];
        const patient = actors[denial.patient ?? "patient"].address;
        const category = denial.category ?? Category.Labs;
        const purpose = denial.purpose ?? Purpose.Treatment;
        const tx = await careTrail.connect(requester).requestAccess(patient, category, purpose);
        await expect(tx)
          .to.emit(careTrail, "AccessDenied")
          .withArgs(patient, requester.address, ethers.ZeroHash, category, purpose, denial.reason);
        expect(await accessEventsOf(careTrail, tx)).to.deep.equal(["AccessRequested", "AccessDenied"]);
      });
    }

    it("reverts only on malformed input: unknown category or no purpose", async () => {
      const { careTrail, actors } = await loadFixture(withConsents);
      await expect(careTrail.connect(actors.provider).requestAccess(actors.patient.address, 6, Purpose.Treatment))
        .to.be.revertedWithCustomError(careTrail, "AccessInvalidCategory")
        .withArgs(6);
      await expect(careTrail.connect(actors.provider).requestAccess(actors.patient.address, Category.Labs, Purpose.None))
        .to.be.revertedWithCustomError(careTrail, "AccessInvalidPurpose")
        .withArgs(Purpose.None);
    });
  });

  describe("requestRecordAccess", () => {
    it("routes to the record's patient and category", async () => {
      const { careTrail, actors, labRecord } = await loadFixture(withConsents);
      const tx = await careTrail.connect(actors.insurer).requestRecordAccess(labRecord.recordId, Purpose.Payment);
      await expect(tx)
        .to.emit(careTrail, "AccessRequested")
        .withArgs(actors.patient.address, actors.insurer.address, labRecord.recordId, Category.Labs, Purpose.Payment);
      await expect(tx)
        .to.emit(careTrail, "AccessGranted")
        .withArgs(actors.patient.address, actors.insurer.address, anyValue, labRecord.recordId, Category.Labs, Purpose.Payment, anyValue);
    });

    it("denies an unknown record with RecordNotFound", async () => {
      const { careTrail, actors } = await loadFixture(withConsents);
      const unknown = recordIdOf(actors.patient.address, 4242n);
      await expect(careTrail.connect(actors.provider).requestRecordAccess(unknown, Purpose.Treatment))
        .to.emit(careTrail, "AccessDenied")
        .withArgs(ethers.ZeroAddress, actors.provider.address, unknown, 0, Purpose.Treatment, Denial.RecordNotFound);
      expect(await careTrail.patientOfRecordId(unknown)).to.equal(actors.patient.address);
    });

    it("denies a record outside the grantee's scope", async () => {
      const { careTrail, actors } = await loadFixture(withConsents);
      const imaging = newRecord(actors.patient.address, Category.Imaging);
      await appendSigned(careTrail, actors.patient, imaging);
      await expect(careTrail.connect(actors.provider).requestRecordAccess(imaging.recordId, Purpose.Treatment))
        .to.emit(careTrail, "AccessDenied")
        .withArgs(actors.patient.address, actors.provider.address, imaging.recordId, Category.Imaging, Purpose.Treatment, Denial.CategoryNotInScope);
    });
  });

  describe("requestEmergencyAccess (break-glass)", () => {
    it("grants an active provider every category for four hours and says why", async () => {
      const { careTrail, actors } = await loadFixture(withConsents);
      const timestamp = (await now()) + 5;
      await time.setNextBlockTimestamp(timestamp);
      const tx = await careTrail.connect(actors.otherProvider).requestEmergencyAccess(actors.patient.address, 2);
      await expect(tx)
        .to.emit(careTrail, "AccessRequested")
        .withArgs(actors.patient.address, actors.otherProvider.address, ethers.ZeroHash, ALL_CATEGORIES, Purpose.Emergency);
      await expect(tx)
        .to.emit(careTrail, "EmergencyAccessGranted")
        .withArgs(actors.patient.address, actors.otherProvider.address, anyValue, 2, timestamp + 4 * HOUR);
      expect(await accessEventsOf(careTrail, tx)).to.deep.equal(["AccessRequested", "EmergencyAccessGranted"]);
    });

    it("requires a reason code", async () => {
      const { careTrail, actors } = await loadFixture(withConsents);
      await expect(careTrail.connect(actors.provider).requestEmergencyAccess(actors.patient.address, 0)).to.be.revertedWithCustomError(
        careTrail,
        "AccessEmergencyReasonRequired",
      );
    });

    const emergencyDenials = [
      { requester: "stranger", reason: Denial.Unregistered },
      { requester: "insurer", reason: Denial.NotAProvider },
      { requester: "auditor", reason: Denial.NotAProvider },
      { requester: "researcher", reason: Denial.NotAProvider },
      { requester: "otherPatient", reason: Denial.NotAProvider },
    ] as const;
    for (const { requester, reason } of emergencyDenials) {
      it(`denies break-glass by ${requester} with reason ${reason}`, async () => {
        const { careTrail, actors } = await loadFixture(withConsents);
        await expect(careTrail.connect(actors[requester]).requestEmergencyAccess(actors.patient.address, 1))
          .to.emit(careTrail, "AccessDenied")
          .withArgs(actors.patient.address, actors[requester].address, ethers.ZeroHash, ALL_CATEGORIES, Purpose.Emergency, reason);
      });
    }

    it("denies a suspended provider and an unenrolled patient", async () => {
      const { careTrail, actors } = await loadFixture(withConsents);
      await expect(careTrail.connect(actors.provider).requestEmergencyAccess(actors.stranger.address, 1))
        .to.emit(careTrail, "AccessDenied")
        .withArgs(actors.stranger.address, actors.provider.address, ethers.ZeroHash, ALL_CATEGORIES, Purpose.Emergency, Denial.PatientNotEnrolled);
      await careTrail.suspendProvider(actors.provider.address, 1);
      await expect(careTrail.connect(actors.provider).requestEmergencyAccess(actors.patient.address, 1))
        .to.emit(careTrail, "AccessDenied")
        .withArgs(actors.patient.address, actors.provider.address, ethers.ZeroHash, ALL_CATEGORIES, Purpose.Emergency, Denial.ProviderSuspended);
    });
  });

  describe("logRead", () => {
    it("lets a vault operator log a read", async () => {
      const { careTrail, actors, labRecord } = await loadFixture(withConsents);
      const ticket = ethers.id("ticket");
      await expect(careTrail.connect(actors.vault).logRead(ticket, actors.patient.address, actors.insurer.address, labRecord.recordId))
        .to.emit(careTrail, "RecordRead")
        .withArgs(actors.patient.address, actors.insurer.address, ticket, labRecord.recordId);
    });

    it("rejects a zero ticket", async () => {
      const { careTrail, actors, labRecord } = await loadFixture(withConsents);
      await expect(careTrail.connect(actors.vault).logRead(ethers.ZeroHash, actors.patient.address, actors.insurer.address, labRecord.recordId))
        .to.be.revertedWithCustomError(careTrail, "AccessInvalidTicket")
        .withArgs(ethers.ZeroHash);
    });

    for (const caller of ["governance", "patient", "provider", "insurer", "auditor", "researcher", "stranger"] as const) {
      it(`denies ${caller} (no VAULT_ROLE)`, async () => {
        const { careTrail, actors, labRecord } = await loadFixture(withConsents);
        await expect(careTrail.connect(actors[caller]).logRead(ethers.id("t"), actors.patient.address, actors[caller].address, labRecord.recordId))
          .to.be.revertedWithCustomError(careTrail, "AccessControlUnauthorizedAccount")
          .withArgs(actors[caller].address, await careTrail.VAULT_ROLE());
      });
    }
  });
});
