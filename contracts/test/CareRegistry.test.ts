import { expect } from "chai";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import { ethers } from "hardhat";
import type { ContractTransactionResponse } from "ethers";
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/signers";
import type { CareTrail } from "../typechain-types";
import { deployCareTrail, deployRegistered, encryptionKey, licenseHash, ProviderStatus, Role, SPECIALTY_CARDIOLOGY } from "./fixtures";

/** `call` emits `event` for `account` with `key`, and the registry then serves `key` as the account's. */
async function expectKeyPublished(
  careTrail: CareTrail,
  call: Promise<ContractTransactionResponse>,
  event: "PatientEnrolled" | "EncryptionKeySet",
  account: HardhatEthersSigner,
  key: string,
) {
  await expect(call).to.emit(careTrail, event).withArgs(account.address, key);
  expect(await careTrail.encryptionKeyOf(account.address)).to.equal(key);
}

describe("CareRegistry", () => {
  describe("enrolPatient", () => {
    it("enrols the caller and stores the encryption key", async () => {
      const { careTrail, actors } = await loadFixture(deployCareTrail);
      await expectKeyPublished(
        careTrail,
        careTrail.connect(actors.patient).enrolPatient(encryptionKey("p")),
        "PatientEnrolled",
        actors.patient,
        encryptionKey("p"),
      );
      expect(await careTrail.roleOf(actors.patient.address)).to.equal(Role.Patient);
    });

    it("rejects a zero key", async () => {
      const { careTrail, actors } = await loadFixture(deployCareTrail);
      await expect(careTrail.connect(actors.patient).enrolPatient(ethers.ZeroHash))
        .to.be.revertedWithCustomError(careTrail, "RegistryInvalidEncryptionKey")
        .withArgs(actors.patient.address);
    });

    for (const [name, role] of [
      ["patient", Role.Patient],
      ["provider", Role.Provider],
      ["insurer", Role.Insurer],
      ["auditor", Role.Auditor],
      ["researcher", Role.Researcher],
    ] as const) {
      it(`refuses an address already registered as ${name}`, async () => {
        const { careTrail, actors } = await loadFixture(deployRegistered);
        const account = actors[name];
        await expect(careTrail.connect(account).enrolPatient(encryptionKey("again")))
          .to.be.revertedWithCustomError(careTrail, "RegistryAlreadyRegistered")
          .withArgs(account.address, role);
      });
    }
  });

  describe("setEncryptionKey", () => {
    it("rotates a registered account's key", async () => {
      const { careTrail, actors } = await loadFixture(deployRegistered);
      const rotation = careTrail.connect(actors.provider).setEncryptionKey(encryptionKey("provider-2"));
      await expectKeyPublished(careTrail, rotation, "EncryptionKeySet", actors.provider, encryptionKey("provider-2"));
    });

    it("refuses an unregistered caller and a zero key", async () => {
      const { careTrail, actors } = await loadFixture(deployRegistered);
      await expect(careTrail.connect(actors.stranger).setEncryptionKey(encryptionKey("s")))
        .to.be.revertedWithCustomError(careTrail, "RegistryNotRegistered")
        .withArgs(actors.stranger.address);
      await expect(careTrail.connect(actors.insurer).setEncryptionKey(ethers.ZeroHash))
        .to.be.revertedWithCustomError(careTrail, "RegistryInvalidEncryptionKey")
        .withArgs(actors.insurer.address);
    });
  });

  describe("credentialProvider", () => {
    it("credentials an active provider with licence hash and specialty", async () => {
      const { careTrail, actors } = await loadFixture(deployCareTrail);
      await expect(careTrail.credentialProvider(actors.provider.address, licenseHash("x"), SPECIALTY_CARDIOLOGY))
        .to.emit(careTrail, "ProviderCredentialed")
        .withArgs(actors.provider.address, licenseHash("x"), SPECIALTY_CARDIOLOGY, actors.governance.address);
      expect(await careTrail.providerOf(actors.provider.address)).to.deep.equal([
        BigInt(ProviderStatus.Active),
        licenseHash("x"),
        BigInt(SPECIALTY_CARDIOLOGY),
      ]);
    });

    it("refuses to credential a patient", async () => {
      const { careTrail, actors } = await loadFixture(deployRegistered);
      await expect(careTrail.credentialProvider(actors.patient.address, licenseHash("x"), 1))
        .to.be.revertedWithCustomError(careTrail, "RegistryAlreadyRegistered")
        .withArgs(actors.patient.address, Role.Patient);
    });
  });

  describe("suspendProvider / reinstateProvider", () => {
    it("suspends and reinstates with events", async () => {
      const { careTrail, actors } = await loadFixture(deployRegistered);
      await expect(careTrail.suspendProvider(actors.provider.address, 3))
        .to.emit(careTrail, "ProviderSuspended")
        .withArgs(actors.provider.address, 3, actors.governance.address);
      expect(await careTrail.providerStatusOf(actors.provider.address)).to.equal(ProviderStatus.Suspended);
      await expect(careTrail.reinstateProvider(actors.provider.address))
        .to.emit(careTrail, "ProviderReinstated")
        .withArgs(actors.provider.address, actors.governance.address);
      expect(await careTrail.providerStatusOf(actors.provider.address)).to.equal(ProviderStatus.Active);
    });

    it("rejects a zero reason, a double suspension, reinstating an active provider and non-providers", async () => {
      const { careTrail, actors } = await loadFixture(deployRegistered);
      await expect(careTrail.suspendProvider(actors.provider.address, 0)).to.be.revertedWithCustomError(careTrail, "RegistryInvalidReasonCode").withArgs(0);
      await expect(careTrail.reinstateProvider(actors.provider.address))
        .to.be.revertedWithCustomError(careTrail, "RegistryProviderStatus")
        .withArgs(actors.provider.address, ProviderStatus.Active);
      await careTrail.suspendProvider(actors.provider.address, 1);
      await expect(careTrail.suspendProvider(actors.provider.address, 1))
        .to.be.revertedWithCustomError(careTrail, "RegistryProviderStatus")
        .withArgs(actors.provider.address, ProviderStatus.Suspended);
      await expect(careTrail.suspendProvider(actors.insurer.address, 1))
        .to.be.revertedWithCustomError(careTrail, "RegistryNotAProvider")
        .withArgs(actors.insurer.address, Role.Insurer);
      await expect(careTrail.reinstateProvider(actors.stranger.address))
        .to.be.revertedWithCustomError(careTrail, "RegistryNotAProvider")
        .withArgs(actors.stranger.address, Role.None);
    });
  });

  describe("registerThirdParty / removeThirdParty", () => {
    for (const role of [Role.Insurer, Role.Auditor, Role.Researcher]) {
      it(`registers and removes ${Object.keys(Role).find((k) => Role[k as keyof typeof Role] === role)}`, async () => {
        const { careTrail, actors } = await loadFixture(deployCareTrail);
        await expect(careTrail.registerThirdParty(actors.stranger.address, role))
          .to.emit(careTrail, "ThirdPartyRegistered")
          .withArgs(actors.stranger.address, role, actors.governance.address);
        expect(await careTrail.roleOf(actors.stranger.address)).to.equal(role);
        await expect(careTrail.removeThirdParty(actors.stranger.address))
          .to.emit(careTrail, "ThirdPartyRemoved")
          .withArgs(actors.stranger.address, role, actors.governance.address);
        expect(await careTrail.roleOf(actors.stranger.address)).to.equal(Role.None);
      });
    }

    it("refuses patient and provider roles as third parties", async () => {
      const { careTrail, actors } = await loadFixture(deployCareTrail);
      for (const role of [Role.None, Role.Patient, Role.Provider]) {
        await expect(careTrail.registerThirdParty(actors.stranger.address, role))
          .to.be.revertedWithCustomError(careTrail, "RegistryInvalidThirdPartyRole")
          .withArgs(role);
      }
    });

    it("refuses to remove someone who is not a third party", async () => {
      const { careTrail, actors } = await loadFixture(deployRegistered);
      await expect(careTrail.removeThirdParty(actors.provider.address))
        .to.be.revertedWithCustomError(careTrail, "RegistryNotAThirdParty")
        .withArgs(actors.provider.address, Role.Provider);
    });
  });

  describe("governance-only functions x every other role", () => {
    const callers = ["patient", "provider", "insurer", "auditor", "researcher", "stranger", "vault"] as const;
    for (const caller of callers) {
      it(`denies ${caller} every governance function`, async () => {
        const { careTrail, actors } = await loadFixture(deployRegistered);
        const account = actors[caller];
        const governanceRole = await careTrail.GOVERNANCE_ROLE();
        const asCaller = careTrail.connect(account);
        const calls = [
          () => asCaller.credentialProvider(actors.stranger.address, licenseHash("s"), 1),
          () => asCaller.suspendProvider(actors.provider.address, 1),
          () => asCaller.reinstateProvider(actors.provider.address),
          () => asCaller.registerThirdParty(actors.stranger.address, Role.Insurer),
          () => asCaller.removeThirdParty(actors.insurer.address),
        ];
        for (const call of calls) {
          await expect(call()).to.be.revertedWithCustomError(careTrail, "AccessControlUnauthorizedAccount").withArgs(account.address, governanceRole);
        }
      });
    }
  });
});
