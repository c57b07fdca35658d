import { expect } from "chai";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import { anyValue } from "@nomicfoundation/hardhat-chai-matchers/withArgs";
import { ethers } from "hardhat";
import type { ContractTransactionResponse } from "ethers";
import type { CareTrail } from "../typechain-types";
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
  termsOf,
  ticketIdOf,
  ticketIssuedBy,
  type AccessTicket,
  type Actors,
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

/** The ticket the provider is issued for the patient's labs, for treatment. */
const providerLabTicket = (careTrail: CareTrail, actors: Actors) =>
  ticketIssuedBy(careTrail, careTrail.connect(actors.provider).requestAccess(actors.patient.address, Category.Labs, Purpose.Treatment));

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
      const ticketId = ticketIdOf(await careTrail.getAddress(), {
        requester: actors.provider.address,
        patient: actors.patient.address,
        recordId: ethers.ZeroHash,
        category: Category.Labs,
        purpose: Purpose.Treatment,
        expiresAt: BigInt(timestamp + HOUR),
        nonce: 1n,
        consentVersion: 1n,
      });
      await expect(tx)
        .to.emit(careTrail, "AccessGranted")
        .withArgs(actors.patient.address, actors.provider.address, ticketId, ethers.ZeroHash, Category.Labs, Purpose.Treatment, timestamp + HOUR, 1, 1);
      expect(await accessEventsOf(careTrail, tx)).to.deep.equal(["AccessRequested", "AccessGranted"]);
    });

    it("caps the ticket at the consent's expiry when that comes first", async () => {
      const { careTrail, actors } = await loadFixture(deployRegistered);
      const expiresAt = (await now()) + 600;
      await careTrail.connect(actors.patient).grantConsent(actors.researcher.address, LABS_ONLY, Purpose.Research, expiresAt);
      await expect(careTrail.connect(actors.researcher).requestAccess(actors.patient.address, Category.Labs, Purpose.Research))
        .to.emit(careTrail, "AccessGranted")
        .withArgs(actors.patient.address, actors.researcher.address, anyValue, ethers.ZeroHash, Category.Labs, Purpose.Research, expiresAt, 1, 1);
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

    it("grants the patient access to their own records without consent, under consent version 0", async () => {
      const { careTrail, actors } = await loadFixture(withConsents);
      await expect(careTrail.connect(actors.patient).requestAccess(actors.patient.address, Category.Sensitive, Purpose.Treatment))
        .to.emit(careTrail, "AccessGranted")
        .withArgs(actors.patient.address, actors.patient.address, anyValue, ethers.ZeroHash, Category.Sensitive, Purpose.Treatment, anyValue, 1, 0);
    });

    const denials: {
      name: string;
      requester: "provider" | "insurer" | "auditor" | "researcher" | "stranger" | "otherPatient" | "otherProvider" | "governance";
      patient?: "patient" | "stranger";
      category?: number;
      purpose?: number;
      setup?: (careTrail: CareTrail, actors: Awaited<ReturnType<typeof deployRegistered>>["actors"]) => Promise<unknown>;
      reason: number;
    }[] = [
      { name: "an unregistered third party", requester: "stranger", reason: Denial.Unregistered },
      { name: "the deployer/governance account, which is not a registered party", requester: "governance", reason: Denial.Unregistered },
      {
        name: "a removed third party",
        requester: "insurer",
        purpose: Purpose.Payment,
        setup: (c, a) => c.removeThirdParty(a.insurer.address),
        reason: Denial.Unregistered,
      },
      { name: "an unenrolled patient", requester: "provider", patient: "stranger", reason: Denial.PatientNotEnrolled },
      { name: "a provider without consent", requester: "otherProvider", reason: Denial.NoConsent },
      { name: "another patient", requester: "otherPatient", reason: Denial.NoConsent },
      { name: "an auditor without consent", requester: "auditor", purpose: Purpose.Payment, reason: Denial.NoConsent },
      { name: "a researcher without consent", requester: "researcher", purpose: Purpose.Research, reason: Denial.NoConsent },
      {
        name: "a revoked consent",
        requester: "provider",
        setup: (c, a) => c.connect(a.patient).revokeConsent(a.provider.address),
        reason: Denial.ConsentRevoked,
      },
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
        await expect(tx).to.emit(careTrail, "AccessDenied").withArgs(patient, requester.address, ethers.ZeroHash, category, purpose, denial.reason);
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
        .withArgs(actors.patient.address, actors.insurer.address, anyValue, labRecord.recordId, Category.Labs, Purpose.Payment, anyValue, 1, 1);
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
        .withArgs(actors.patient.address, actors.otherProvider.address, anyValue, 2, timestamp + 4 * HOUR, 1);
      expect(await careTrail.emergencyAccessUntil(actors.patient.address, actors.otherProvider.address)).to.equal(timestamp + 4 * HOUR);
      expect(await careTrail.ticketNonceOf(actors.otherProvider.address)).to.equal(1);
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
    const vaultOf = (careTrail: CareTrail, actors: Actors) => careTrail.connect(actors.vault);
    /** The vault's read of `recordId` under (bent) `terms` is refused with `reason`, naming the id those terms hash to. */
    async function expectTermsRefused(careTrail: CareTrail, actors: Actors, terms: AccessTicket, recordId: string, reason: number) {
      await expect(vaultOf(careTrail, actors).logRead(terms, recordId))
        .to.be.revertedWithCustomError(careTrail, "AccessReaderNotPermitted")
        .withArgs(ticketIdOf(await careTrail.getAddress(), terms), reason);
    }

    it("logs a read under a live category ticket, naming the record's patient and the ticket's reader", async () => {
      const { careTrail, actors, labRecord } = await loadFixture(withConsents);
      const ticket = await providerLabTicket(careTrail, actors);
      expect(ticket.ticketId).to.equal(ticketIdOf(await careTrail.getAddress(), termsOf(ticket)));
      await expect(vaultOf(careTrail, actors).logRead(termsOf(ticket), labRecord.recordId))
        .to.emit(careTrail, "RecordRead")
        .withArgs(actors.patient.address, actors.provider.address, ticket.ticketId, labRecord.recordId);
    });

    it("logs a read under a record ticket, and refuses another record of the same category", async () => {
      const { careTrail, actors, labRecord } = await loadFixture(withConsents);
      const ticket = await ticketIssuedBy(careTrail, careTrail.connect(actors.insurer).requestRecordAccess(labRecord.recordId, Purpose.Payment));
      await expect(vaultOf(careTrail, actors).logRead(termsOf(ticket), labRecord.recordId)).to.emit(careTrail, "RecordRead");
      const otherLab = newRecord(actors.patient.address, Category.Labs);
      await appendSigned(careTrail, actors.patient, otherLab);
      await expect(vaultOf(careTrail, actors).logRead(termsOf(ticket), otherLab.recordId))
        .to.be.revertedWithCustomError(careTrail, "AccessRecordNotCovered")
        .withArgs(ticket.ticketId, otherLab.recordId);
    });

    it("logs the patient's own read under their own ticket", async () => {
      const { careTrail, actors, labRecord } = await loadFixture(withConsents);
      const ticket = await ticketIssuedBy(careTrail, careTrail.connect(actors.patient).requestAccess(actors.patient.address, Category.Labs, Purpose.Treatment));
      expect(ticket.consentVersion).to.equal(0n);
      await expect(vaultOf(careTrail, actors).logRead(termsOf(ticket), labRecord.recordId))
        .to.emit(careTrail, "RecordRead")
        .withArgs(actors.patient.address, actors.patient.address, ticket.ticketId, labRecord.recordId);
    });

    type Fixture = Awaited<ReturnType<typeof withConsents>>;
    /** The patient grants the provider a fresh 30-day consent, replacing the fixture's. */
    const regrant = async ({ careTrail, actors }: Fixture, scope: number, purpose: number) =>
      careTrail.connect(actors.patient).grantConsent(actors.provider.address, scope, purpose, (await now()) + 30 * DAY);
    const refusals: { name: string; change: (f: Fixture) => Promise<unknown>; reason: number; reader?: "provider" | "insurer" }[] = [
      {
        name: "the consent was revoked",
        change: ({ careTrail, actors }) => careTrail.connect(actors.patient).revokeConsent(actors.provider.address),
        reason: Denial.ConsentRevoked,
      },
      {
        name: "the consent was re-granted on the same terms (version changed)",
        change: (f) => regrant(f, LABS_ONLY, Purpose.Treatment),
        reason: Denial.ConsentReplaced,
      },
      {
        name: "the consent was revoked and granted again",
        change: async (f) => {
          await f.careTrail.connect(f.actors.patient).revokeConsent(f.actors.provider.address);
          await regrant(f, LABS_ONLY, Purpose.Treatment);
        },
        reason: Denial.ConsentReplaced,
      },
      {
        name: "the consent was replaced for another purpose",
        change: (f) => regrant(f, LABS_ONLY, Purpose.Research),
        reason: Denial.PurposeNotGranted,
      },
      {
        name: "the consent was narrowed to another category",
        change: (f) => regrant(f, 1 << Category.Imaging, Purpose.Treatment),
        reason: Denial.CategoryNotInScope,
      },
      {
        name: "the provider was suspended",
        change: ({ careTrail, actors }) => careTrail.suspendProvider(actors.provider.address, 1),
        reason: Denial.ProviderSuspended,
      },
      {
        name: "the third party was removed",
        reader: "insurer",
        change: ({ careTrail, actors }) => careTrail.removeThirdParty(actors.insurer.address),
        reason: Denial.Unregistered,
      },
      {
        name: "the third party's consent was revoked",
        reader: "insurer",
        change: ({ careTrail, actors }) => careTrail.connect(actors.patient).revokeConsent(actors.insurer.address),
        reason: Denial.ConsentRevoked,
      },
    ];
    for (const refusal of refusals) {
      it(`refuses a live ticket once ${refusal.name}: AccessReaderNotPermitted(ticketId, ${refusal.reason})`, async () => {
        const fixture = await loadFixture(withConsents);
        const { careTrail, actors, labRecord } = fixture;
        const reader = actors[refusal.reader ?? "provider"];
        const purpose = refusal.reader === "insurer" ? Purpose.Payment : Purpose.Treatment;
        const ticket = await ticketIssuedBy(careTrail, careTrail.connect(reader).requestAccess(actors.patient.address, Category.Labs, purpose));
        await vaultOf(careTrail, actors).logRead.staticCall(termsOf(ticket), labRecord.recordId);
        await refusal.change(fixture);
        await expect(vaultOf(careTrail, actors).logRead(termsOf(ticket), labRecord.recordId))
          .to.be.revertedWithCustomError(careTrail, "AccessReaderNotPermitted")
          .withArgs(ticket.ticketId, refusal.reason);
      });
    }

    it("lets a reinstated provider read again under a ticket its consent still covers", async () => {
      const { careTrail, actors, labRecord } = await loadFixture(withConsents);
      const ticket = await providerLabTicket(careTrail, actors);
      await careTrail.suspendProvider(actors.provider.address, 1);
      await careTrail.reinstateProvider(actors.provider.address);
      await expect(vaultOf(careTrail, actors).logRead(termsOf(ticket), labRecord.recordId)).to.emit(careTrail, "RecordRead");
    });

    it("refuses an expired ticket: AccessTicketExpired(ticketId, expiresAt)", async () => {
      const { careTrail, actors, labRecord } = await loadFixture(withConsents);
      const ticket = await providerLabTicket(careTrail, actors);
      await time.increaseTo(ticket.expiresAt);
      await expect(vaultOf(careTrail, actors).logRead(termsOf(ticket), labRecord.recordId))
        .to.be.revertedWithCustomError(careTrail, "AccessTicketExpired")
        .withArgs(ticket.ticketId, ticket.expiresAt);
    });

    it("refuses terms stretched past an expired consent: AccessReaderNotPermitted(ticketId, ConsentExpired)", async () => {
      const { careTrail, actors, labRecord } = await loadFixture(deployRegistered).then(async (f) => {
        await f.careTrail.connect(f.actors.patient).grantConsent(f.actors.provider.address, LABS_ONLY, Purpose.Treatment, (await now()) + 600);
        const labRecord = newRecord(f.actors.patient.address, Category.Labs);
        await appendSigned(f.careTrail, f.actors.patient, labRecord);
        return { ...f, labRecord };
      });
      const ticket = await providerLabTicket(careTrail, actors);
      await time.increase(700);
      const stretched: AccessTicket = { ...termsOf(ticket), expiresAt: ticket.expiresAt + 3600n };
      await expectTermsRefused(careTrail, actors, stretched, labRecord.recordId, Denial.ConsentExpired);
    });

    it("refuses a purpose the consent never granted, even with a used nonce: AccessReaderNotPermitted(ticketId, PurposeNotGranted)", async () => {
      const { careTrail, actors, labRecord } = await loadFixture(withConsents);
      const ticket = await providerLabTicket(careTrail, actors);
      const renamed: AccessTicket = { ...termsOf(ticket), purpose: Purpose.Research };
      await expectTermsRefused(careTrail, actors, renamed, labRecord.recordId, Denial.PurposeNotGranted);
    });

    it("refuses a record outside the ticket: another category, another patient, or no record at all", async () => {
      const { careTrail, actors, labRecord } = await loadFixture(withConsents);
      const ticket = await providerLabTicket(careTrail, actors);
      const imaging = newRecord(actors.patient.address, Category.Imaging);
      await appendSigned(careTrail, actors.patient, imaging);
      const otherPatientsLab = newRecord(actors.otherPatient.address, Category.Labs);
      await appendSigned(careTrail, actors.otherPatient, otherPatientsLab);
      const missing = recordIdOf(actors.patient.address, 4242n);
      for (const recordId of [imaging.recordId, otherPatientsLab.recordId, missing]) {
        await expect(vaultOf(careTrail, actors).logRead(termsOf(ticket), recordId))
          .to.be.revertedWithCustomError(careTrail, "AccessRecordNotCovered")
          .withArgs(ticket.ticketId, recordId);
      }
      const renamedPatient: AccessTicket = { ...termsOf(ticket), patient: actors.otherPatient.address };
      await expect(vaultOf(careTrail, actors).logRead(renamedPatient, labRecord.recordId))
        .to.be.revertedWithCustomError(careTrail, "AccessRecordNotCovered")
        .withArgs(ticketIdOf(await careTrail.getAddress(), renamedPatient), labRecord.recordId);
      expect(labRecord.recordId).to.not.equal(imaging.recordId);
    });

    it("refuses a ticket that was never issued: AccessTicketNotIssued(ticketId)", async () => {
      const { careTrail, actors, labRecord } = await loadFixture(withConsents);
      const ticket = await providerLabTicket(careTrail, actors);
      const contract = await careTrail.getAddress();
      const forgeries: AccessTicket[] = [
        { ...termsOf(ticket), nonce: 0n },
        { ...termsOf(ticket), nonce: 2n },
        { ...termsOf(ticket), requester: actors.otherProvider.address },
      ];
      for (const forged of forgeries) {
        await expect(vaultOf(careTrail, actors).logRead(forged, labRecord.recordId))
          .to.be.revertedWithCustomError(careTrail, "AccessTicketNotIssued")
          .withArgs(ticketIdOf(contract, forged));
      }
    });

    describe("emergency tickets", () => {
      async function emergencyTicket() {
        const fixture = await withConsents();
        const { careTrail, actors } = fixture;
        const ticket = await ticketIssuedBy(careTrail, careTrail.connect(actors.otherProvider).requestEmergencyAccess(actors.patient.address, 3));
        const sensitive = newRecord(actors.patient.address, Category.Sensitive);
        await appendSigned(careTrail, actors.patient, sensitive);
        return { ...fixture, ticket, sensitive };
      }

      it("logs a read of any category while the window is open", async () => {
        const { careTrail, actors, ticket, sensitive, labRecord } = await loadFixture(emergencyTicket);
        for (const recordId of [sensitive.recordId, labRecord.recordId]) {
          await expect(vaultOf(careTrail, actors).logRead(termsOf(ticket), recordId))
            .to.emit(careTrail, "RecordRead")
            .withArgs(actors.patient.address, actors.otherProvider.address, ticket.ticketId, recordId);
        }
      });

      it("refuses a provider suspended during the emergency: AccessReaderNotPermitted(ticketId, ProviderSuspended)", async () => {
        const { careTrail, actors, ticket, sensitive } = await loadFixture(emergencyTicket);
        await careTrail.suspendProvider(actors.otherProvider.address, 1);
        await expect(vaultOf(careTrail, actors).logRead(termsOf(ticket), sensitive.recordId))
          .to.be.revertedWithCustomError(careTrail, "AccessReaderNotPermitted")
          .withArgs(ticket.ticketId, Denial.ProviderSuspended);
      });

      it("refuses once the window is over: AccessTicketExpired, and stretched terms get ConsentExpired", async () => {
        const { careTrail, actors, ticket, sensitive } = await loadFixture(emergencyTicket);
        await time.increaseTo(ticket.expiresAt);
        await expect(vaultOf(careTrail, actors).logRead(termsOf(ticket), sensitive.recordId))
          .to.be.revertedWithCustomError(careTrail, "AccessTicketExpired")
          .withArgs(ticket.ticketId, ticket.expiresAt);
        const stretched: AccessTicket = { ...termsOf(ticket), expiresAt: ticket.expiresAt + 3600n };
        await expectTermsRefused(careTrail, actors, stretched, sensitive.recordId, Denial.ConsentExpired);
      });

      it("refuses emergency terms for a patient the provider never opened: AccessReaderNotPermitted(ticketId, NoConsent)", async () => {
        const { careTrail, actors, ticket } = await loadFixture(emergencyTicket);
        const otherPatientsLab = newRecord(actors.otherPatient.address, Category.Labs);
        await appendSigned(careTrail, actors.otherPatient, otherPatientsLab);
        const elsewhere: AccessTicket = { ...termsOf(ticket), patient: actors.otherPatient.address };
        await expectTermsRefused(careTrail, actors, elsewhere, otherPatientsLab.recordId, Denial.NoConsent);
      });

      it("refuses emergency terms named for a third party: AccessReaderNotPermitted(ticketId, NotAProvider)", async () => {
        const { careTrail, actors, sensitive } = await loadFixture(emergencyTicket);
        const insurerTicket = await ticketIssuedBy(
          careTrail,
          careTrail.connect(actors.insurer).requestAccess(actors.patient.address, Category.Labs, Purpose.Payment),
        );
        const posing: AccessTicket = { ...termsOf(insurerTicket), category: ALL_CATEGORIES, purpose: Purpose.Emergency, consentVersion: 0n };
        await expectTermsRefused(careTrail, actors, posing, sensitive.recordId, Denial.NotAProvider);
      });
    });

    for (const caller of ["governance", "patient", "provider", "insurer", "auditor", "researcher", "stranger"] as const) {
      it(`denies ${caller} (no VAULT_ROLE)`, async () => {
        const { careTrail, actors, labRecord } = await loadFixture(withConsents);
        const ticket = await providerLabTicket(careTrail, actors);
        await expect(careTrail.connect(actors[caller]).logRead(termsOf(ticket), labRecord.recordId))
          .to.be.revertedWithCustomError(careTrail, "AccessControlUnauthorizedAccount")
          .withArgs(actors[caller].address, await careTrail.VAULT_ROLE());
      });
    }
  });
});
