// Gas snapshot: median gas of real transactions per function, and the deployed bytecode size, compared
// with gas-snapshot.json. Anything that grows by more than 5% fails; UPDATE_GAS_SNAPSHOT=1 rewrites the snapshot.
import { expect } from "chai";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { loadFixture, setBalance } from "@nomicfoundation/hardhat-network-helpers";
import { ethers } from "hardhat";
import type { ContractTransactionResponse, HDNodeWallet } from "ethers";
import {
  appendSigned,
  Category,
  CONSENT_GRANT_TYPES,
  DAY,
  deployRegistered,
  domainOf,
  encryptionKey,
  FULL_SCOPE,
  licenseHash,
  newRecord,
  now,
  Purpose,
  Role,
  termsOf,
  ticketIssuedBy,
} from "./fixtures";

const SNAPSHOT_FILE = path.join(__dirname, "..", "gas-snapshot.json");
const SAMPLES = 7;
const ALLOWED_GROWTH = 0.05;
const BYTECODE_SIZE = "CareTrail runtime bytecode (bytes)";
/** EIP-170: the largest runtime bytecode a deployment may have. */
const EIP170_LIMIT = 24_576;
/** Full-transaction gas targets from the product requirements. */
const TARGETS: Record<string, number> = {
  "appendRecord (provider)": 60_000,
  "requestAccess (granted)": 40_000,
  "grantConsent (first)": 60_000,
};

type Snapshot = Record<string, number>;

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
};

async function gasOf(tx: Promise<ContractTransactionResponse>): Promise<number> {
  const receipt = await (await tx).wait();
  return Number(receipt!.gasUsed);
}

async function freshWallets(count: number): Promise<HDNodeWallet[]> {
  const wallets = Array.from({ length: count }, () => ethers.Wallet.createRandom(ethers.provider));
  for (const wallet of wallets) await setBalance(wallet.address, 10n ** 20n);
  return wallets;
}

async function measure(): Promise<Snapshot> {
  const { careTrail, actors } = await loadFixture(deployRegistered);
  const samples: Record<string, number[]> = {};
  const sample = async (name: string, tx: Promise<ContractTransactionResponse>) => {
    (samples[name] ??= []).push(await gasOf(tx));
  };
  const asWallet = (wallet: HDNodeWallet) => careTrail.connect(wallet);
  const inAMonth = (await now()) + 30 * DAY;
  const runtimeCode = await ethers.provider.getCode(await careTrail.getAddress());
  samples[BYTECODE_SIZE] = [(runtimeCode.length - 2) / 2];

  const patients = await freshWallets(SAMPLES);
  const providers = await freshWallets(SAMPLES);
  const insurers = await freshWallets(SAMPLES);
  for (let i = 0; i < SAMPLES; i++) {
    const patient = patients[i]!;
    const provider = providers[i]!;
    const insurer = insurers[i]!;
    await sample("enrolPatient", asWallet(patient).enrolPatient(encryptionKey(`p${i}`)));
    await sample("setEncryptionKey", asWallet(patient).setEncryptionKey(encryptionKey(`p${i}-rotated`)));
    await sample("credentialProvider", careTrail.credentialProvider(provider.address, licenseHash(`l${i}`), 207));
    await sample("registerThirdParty", careTrail.registerThirdParty(insurer.address, Role.Insurer));
    await sample("grantConsent (first)", asWallet(patient).grantConsent(provider.address, FULL_SCOPE, Purpose.Treatment, inAMonth));
    await sample("grantConsent (replace)", asWallet(patient).grantConsent(provider.address, FULL_SCOPE, Purpose.Treatment, inAMonth + 1));

    const grant = {
      patient: patient.address,
      grantee: insurer.address,
      scope: 1 << Category.Labs,
      purpose: Purpose.Payment,
      expiresAt: inAMonth,
      nonce: 0n,
      deadline: (await now()) + 3600,
    };
    const signature = await patient.signTypedData(await domainOf(careTrail), CONSENT_GRANT_TYPES, grant);
    await sample(
      "grantConsentBySig",
      careTrail.grantConsentBySig(grant.patient, grant.grantee, grant.scope, grant.purpose, grant.expiresAt, grant.deadline, signature),
    );

    // A patient's first record fills a new storage slot; the next 31 share it (see CareRecords).
    await sample("appendRecord (first in slot)", appendSigned(careTrail, provider as never, newRecord(patient.address, Category.Labs)));
    const record = newRecord(patient.address, Category.Labs);
    await sample("appendRecord (provider)", appendSigned(careTrail, provider as never, record));
    const amendment = newRecord(patient.address, Category.Labs, record.recordId);
    await sample("appendRecord (amendment)", appendSigned(careTrail, provider as never, amendment));

    const granted = asWallet(provider).requestAccess(patient.address, Category.Labs, Purpose.Treatment);
    await sample("requestAccess (granted)", granted);
    await sample("requestAccess (denied)", asWallet(insurer).requestAccess(patient.address, Category.Imaging, Purpose.Payment));
    await sample("requestAccess (unregistered)", careTrail.connect(actors.stranger).requestAccess(patient.address, Category.Labs, Purpose.Research));
    await sample("requestRecordAccess (granted)", asWallet(insurer).requestRecordAccess(amendment.recordId, Purpose.Payment));
    await sample("requestEmergencyAccess", careTrail.connect(actors.otherProvider).requestEmergencyAccess(patient.address, 1));
    await sample("logRead", careTrail.connect(actors.vault).logRead(termsOf(await ticketIssuedBy(careTrail, granted)), record.recordId));
    await sample("revokeConsent", asWallet(patient).revokeConsent(provider.address));
    await sample("suspendProvider", careTrail.suspendProvider(provider.address, 1));
    await sample("reinstateProvider", careTrail.reinstateProvider(provider.address));
    await sample("removeThirdParty", careTrail.removeThirdParty(insurer.address));
  }
  return Object.fromEntries(Object.entries(samples).map(([name, values]) => [name, median(values)]));
}

describe("Gas", () => {
  let measured: Snapshot;
  before(async () => {
    measured = await measure();
    console.log("      median gas per transaction (and bytecode size):");
    for (const [name, gas] of Object.entries(measured)) console.log(`        ${name.padEnd(32)} ${gas}`);
    if (process.env.UPDATE_GAS_SNAPSHOT) writeFileSync(SNAPSHOT_FILE, JSON.stringify(measured, null, 2) + "\n");
  });

  it("has a committed snapshot covering every measured function", () => {
    expect(existsSync(SNAPSHOT_FILE), "gas-snapshot.json is missing: run `npm run gas:snapshot -w contracts`").to.equal(true);
    const snapshot: Snapshot = JSON.parse(readFileSync(SNAPSHOT_FILE, "utf8"));
    expect(Object.keys(snapshot).sort()).to.deep.equal(Object.keys(measured).sort());
  });

  it("grows no function by more than 5% over the snapshot", () => {
    const snapshot: Snapshot = JSON.parse(readFileSync(SNAPSHOT_FILE, "utf8"));
    const regressions = Object.entries(measured)
      .filter(([name, gas]) => snapshot[name] !== undefined && gas > snapshot[name] * (1 + ALLOWED_GROWTH))
      .map(([name, gas]) => `${name}: ${snapshot[name]} -> ${gas}`);
    expect(regressions, `gas regressions (update the snapshot only if intended):\n${regressions.join("\n")}`).to.deep.equal([]);
  });

  it(`keeps the runtime bytecode within EIP-170's ${EIP170_LIMIT} bytes`, () => {
    expect(measured[BYTECODE_SIZE]).to.be.greaterThan(0);
    expect(measured[BYTECODE_SIZE]).to.be.at.most(EIP170_LIMIT);
  });

  for (const [name, target] of Object.entries(TARGETS)) {
    it(`keeps ${name} within ${target} gas`, () => {
      expect(measured[name]).to.be.at.most(target);
    });
  }
});
