import { expect } from "chai";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import { Category, CONSENT_GRANT_TYPES, DAY, deployRegistered, domainOf, FULL_SCOPE, now, Purpose } from "./fixtures";

const VITALS_AND_LABS = (1 << Category.Vitals) | (1 << Category.Labs);

describe("CareConsent", () => {
  describe("grantConsent", () => {
    it("grants with scope, purpose, expiry and version 1", async () => {
      const { careTrail, actors } = await loadFixture(deployRegistered);
      const expiresAt = (await now()) + 30 * DAY;
      await expect(careTrail.connect(actors.patient).grantConsent(actors.provider.address, VITALS_AND_LABS, Purpose.Treatment, expiresAt))
        .to.emit(careTrail, "ConsentGranted")
        .withArgs(actors.patient.address, actors.provider.address, VITALS_AND_LABS, Purpose.Treatment, expiresAt, 1);
      const consent = await careTrail.consentOf(actors.patient.address, actors.provider.address);
      expect(consent.scope).to.equal(VITALS_AND_LABS);
      expect(consent.purpose).to.equal(Purpose.Treatment);
      expect(consent.expiresAt).to.equal(expiresAt);
      expect(consent.version).to.equal(1);
      expect(consent.active).to.equal(true);
      expect(await careTrail.hasLiveConsent(actors.patient.address, actors.provider.address, Category.Labs, Purpose.Treatment)).to.equal(true);
      expect(await careTrail.hasLiveConsent(actors.patient.address, actors.provider.address, Category.Imaging, Purpose.Treatment)).to.equal(false);
      expect(await careTrail.hasLiveConsent(actors.patient.address, actors.provider.address, Category.Labs, Purpose.Research)).to.equal(false);
    });

    it("replaces an earlier grant and bumps the version", async () => {
      const { careTrail, actors } = await loadFixture(deployRegistered);
      const expiresAt = (await now()) + DAY;
      await careTrail.connect(actors.patient).grantConsent(actors.insurer.address, VITALS_AND_LABS, Purpose.Payment, expiresAt);
      await expect(careTrail.connect(actors.patient).grantConsent(actors.insurer.address, FULL_SCOPE, Purpose.Payment, expiresAt + DAY))
        .to.emit(careTrail, "ConsentGranted")
        .withArgs(actors.patient.address, actors.insurer.address, FULL_SCOPE, Purpose.Payment, expiresAt + DAY, 2);
    });

    it("grants to every registered grantee role", async () => {
      const { careTrail, actors } = await loadFixture(deployRegistered);
      const expiresAt = (await now()) + DAY;
      for (const grantee of [actors.provider, actors.insurer, actors.auditor, actors.researcher]) {
        await expect(careTrail.connect(actors.patient).grantConsent(grantee.address, FULL_SCOPE, Purpose.Research, expiresAt)).to.emit(
          careTrail,
          "ConsentGranted",
        );
      }
    });

    for (const caller of ["provider", "insurer", "auditor", "researcher", "stranger", "governance"] as const) {
      it(`refuses a grant from ${caller} (not an enrolled patient)`, async () => {
        const { careTrail, actors } = await loadFixture(deployRegistered);
        await expect(careTrail.connect(actors[caller]).grantConsent(actors.otherProvider.address, FULL_SCOPE, Purpose.Treatment, (await now()) + DAY))
          .to.be.revertedWithCustomError(careTrail, "ConsentPatientNotEnrolled")
          .withArgs(actors[caller].address);
      });
    }

    it("refuses unregistered grantees, patients as grantees and self grants", async () => {
      const { careTrail, actors } = await loadFixture(deployRegistered);
      const expiresAt = (await now()) + DAY;
      const asPatient = careTrail.connect(actors.patient);
      await expect(asPatient.grantConsent(actors.stranger.address, FULL_SCOPE, Purpose.Treatment, expiresAt))
        .to.be.revertedWithCustomError(careTrail, "ConsentGranteeNotRegistered")
        .withArgs(actors.stranger.address);
      await expect(asPatient.grantConsent(actors.otherPatient.address, FULL_SCOPE, Purpose.Treatment, expiresAt))
        .to.be.revertedWithCustomError(careTrail, "ConsentGranteeNotRegistered")
        .withArgs(actors.otherPatient.address);
      await expect(asPatient.grantConsent(actors.patient.address, FULL_SCOPE, Purpose.Treatment, expiresAt))
        .to.be.revertedWithCustomError(careTrail, "ConsentSelfGrant")
        .withArgs(actors.patient.address);
    });

    it("refuses a suspended provider as grantee", async () => {
      const { careTrail, actors } = await loadFixture(deployRegistered);
      await careTrail.suspendProvider(actors.provider.address, 2);
      await expect(careTrail.connect(actors.patient).grantConsent(actors.provider.address, FULL_SCOPE, Purpose.Treatment, (await now()) + DAY))
        .to.be.revertedWithCustomError(careTrail, "ConsentGranteeSuspended")
        .withArgs(actors.provider.address);
    });

    it("rejects an empty or oversized scope, no purpose and a past expiry", async () => {
      const { careTrail, actors } = await loadFixture(deployRegistered);
      const asPatient = careTrail.connect(actors.patient);
      const later = (await now()) + DAY;
      await expect(asPatient.grantConsent(actors.provider.address, 0, Purpose.Treatment, later))
        .to.be.revertedWithCustomError(careTrail, "ConsentInvalidScope")
        .withArgs(0);
      await expect(asPatient.grantConsent(actors.provider.address, 64, Purpose.Treatment, later))
        .to.be.revertedWithCustomError(careTrail, "ConsentInvalidScope")
        .withArgs(64);
      await expect(asPatient.grantConsent(actors.provider.address, FULL_SCOPE, Purpose.None, later))
        .to.be.revertedWithCustomError(careTrail, "ConsentInvalidPurpose")
        .withArgs(Purpose.None);
      const past = (await now()) - 1;
      await time.setNextBlockTimestamp((await now()) + 10);
      await expect(asPatient.grantConsent(actors.provider.address, FULL_SCOPE, Purpose.Treatment, past))
        .to.be.revertedWithCustomError(careTrail, "ConsentExpiryInPast")
        .withArgs(past, past + 11);
    });
  });

  describe("expiry", () => {
    it("is live until the second before expiresAt and dead from expiresAt on", async () => {
      const { careTrail, actors } = await loadFixture(deployRegistered);
      const expiresAt = (await now()) + 100;
      await careTrail.connect(actors.patient).grantConsent(actors.provider.address, FULL_SCOPE, Purpose.Treatment, expiresAt);
      await time.increaseTo(expiresAt - 1);
      expect(await careTrail.hasLiveConsent(actors.patient.address, actors.provider.address, Category.Notes, Purpose.Treatment)).to.equal(true);
      await time.increaseTo(expiresAt);
      expect(await careTrail.hasLiveConsent(actors.patient.address, actors.provider.address, Category.Notes, Purpose.Treatment)).to.equal(false);
    });
  });

  describe("revokeConsent", () => {
    it("revokes, bumps the version and leaves nothing live", async () => {
      const { careTrail, actors } = await loadFixture(deployRegistered);
      await careTrail.connect(actors.patient).grantConsent(actors.provider.address, FULL_SCOPE, Purpose.Treatment, (await now()) + DAY);
      await expect(careTrail.connect(actors.patient).revokeConsent(actors.provider.address))
        .to.emit(careTrail, "ConsentRevoked")
        .withArgs(actors.patient.address, actors.provider.address, 2);
      const consent = await careTrail.consentOf(actors.patient.address, actors.provider.address);
      expect(consent.active).to.equal(false);
      expect(consent.version).to.equal(2);
      expect(await careTrail.hasLiveConsent(actors.patient.address, actors.provider.address, Category.Vitals, Purpose.Treatment)).to.equal(false);
    });

    it("refuses to revoke what is not active, and nobody but the patient can revoke", async () => {
      const { careTrail, actors } = await loadFixture(deployRegistered);
      await expect(careTrail.connect(actors.patient).revokeConsent(actors.provider.address))
        .to.be.revertedWithCustomError(careTrail, "ConsentNotActive")
        .withArgs(actors.patient.address, actors.provider.address);
      await careTrail.connect(actors.patient).grantConsent(actors.provider.address, FULL_SCOPE, Purpose.Treatment, (await now()) + DAY);
      // The provider "revoking" only touches its own (empty) consent table: the patient's grant stands.
      await expect(careTrail.connect(actors.provider).revokeConsent(actors.provider.address))
        .to.be.revertedWithCustomError(careTrail, "ConsentNotActive")
        .withArgs(actors.provider.address, actors.provider.address);
      expect(await careTrail.hasLiveConsent(actors.patient.address, actors.provider.address, Category.Vitals, Purpose.Treatment)).to.equal(true);
    });
  });

  describe("grantConsentBySig", () => {
    type GrantOverrides = {
      chainId: bigint;
      nonce: bigint;
      deadline: number;
      signer: "patient" | "stranger";
      grantee: "insurer" | "stranger";
      scope: number;
      purpose: number;
    };
    async function signGrant(overrides: Partial<GrantOverrides> = {}) {
      const fixture = await loadFixture(deployRegistered);
      const { careTrail, actors } = fixture;
      const domain = await domainOf(careTrail);
      const grant = {
        patient: actors.patient.address,
        grantee: actors[overrides.grantee ?? "insurer"].address,
        scope: overrides.scope ?? VITALS_AND_LABS,
        purpose: overrides.purpose ?? Purpose.Payment,
        expiresAt: (await now()) + 7 * DAY,
        nonce: overrides.nonce ?? (await careTrail.consentNonce(actors.patient.address)),
        deadline: overrides.deadline ?? (await now()) + 3600,
      };
      const signer = actors[overrides.signer ?? "patient"];
      const signature = await signer.signTypedData({ ...domain, chainId: overrides.chainId ?? domain.chainId }, CONSENT_GRANT_TYPES, grant);
      const relay = () =>
        careTrail
          .connect(actors.stranger)
          .grantConsentBySig(grant.patient, grant.grantee, grant.scope, grant.purpose, grant.expiresAt, grant.deadline, signature);
      return { ...fixture, grant, relay, signer };
    }

    it("accepts the patient's signature relayed by anyone and consumes the nonce", async () => {
      const { careTrail, actors, grant, relay } = await signGrant();
      await expect(relay())
        .to.emit(careTrail, "ConsentGranted")
        .withArgs(actors.patient.address, actors.insurer.address, VITALS_AND_LABS, Purpose.Payment, grant.expiresAt, 1);
      expect(await careTrail.consentNonce(actors.patient.address)).to.equal(1);
    });

    it("rejects a replay of the same signature", async () => {
      const { careTrail, actors, relay } = await signGrant();
      await relay();
      await expect(relay())
        .to.be.revertedWithCustomError(careTrail, "ConsentInvalidSignature")
        .withArgs(actors.patient.address, (addr: string) => addr !== actors.patient.address);
    });

    it("rejects a signature by someone else", async () => {
      const { careTrail, actors, relay } = await signGrant({ signer: "stranger" });
      await expect(relay()).to.be.revertedWithCustomError(careTrail, "ConsentInvalidSignature").withArgs(actors.patient.address, actors.stranger.address);
    });

    it("rejects a signature made for another chain id", async () => {
      const { careTrail, actors, relay } = await signGrant({ chainId: 1n });
      await expect(relay())
        .to.be.revertedWithCustomError(careTrail, "ConsentInvalidSignature")
        .withArgs(actors.patient.address, (addr: string) => addr !== actors.patient.address);
    });

    it("rejects an expired deadline", async () => {
      const deadline = (await now()) + 5;
      const { careTrail, relay } = await signGrant({ deadline });
      await time.setNextBlockTimestamp(deadline + 1);
      await expect(relay())
        .to.be.revertedWithCustomError(careTrail, "ConsentSignatureExpired")
        .withArgs(deadline, deadline + 1);
    });

    it("still applies the grant rules (unregistered grantee)", async () => {
      const { careTrail, actors, relay } = await signGrant({ grantee: "stranger", scope: FULL_SCOPE, purpose: Purpose.Research });
      await expect(relay()).to.be.revertedWithCustomError(careTrail, "ConsentGranteeNotRegistered").withArgs(actors.stranger.address);
      expect(await careTrail.consentNonce(actors.patient.address)).to.equal(0);
    });
  });
});
