// Gas snapshot: median gas of real transactions per function, and each deployed contract's runtime bytecode
// size with its margin under EIP-170, compared with gas-snapshot.json. A function whose gas grows by more than
// 5% fails, as does a bytecode size that differs from the snapshot or exceeds EIP-170;
// UPDATE_GAS_SNAPSHOT=1 rewrites the snapshot.
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
import { GAS_TARGETS, README_PATH, readmeGasSection, renderGasTable, writeReadmeGasSection, type GasSnapshot } from "../scripts/gasTable";

const SNAPSHOT_FILE = path.join(__dirname, "..", "gas-snapshot.json");
const SAMPLES = 7;
const ALLOWED_GROWTH = 0.05;
/** EIP-170: the largest runtime bytecode a deployment may have, in bytes. */
const EIP170_LIMIT = 24_576;
const UPDATE = "run `npm run gas:snapshot -w contracts` after an intended change (it rewrites the snapshot and the README's gas table)";

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

async function measure(): Promise<GasSnapshot> {
  const { careTrail, actors } = await loadFixture(deployRegistered);
  const samples: Record<string, number[]> = {};
  const sample = async (name: string, tx: Promise<ContractTransactionResponse>) => {
    (samples[name] ??= []).push(await gasOf(tx));
  };
  const asWallet = (wallet: HDNodeWallet) => careTrail.connect(wallet);
  const inAMonth = (await now()) + 30 * DAY;
  const bytecode: GasSnapshot["bytecode"] = {};
  for (const [name, contract] of Object.entries({ CareTrail: careTrail })) {
    const runtimeBytes = ethers.dataLength(await ethers.provider.getCode(await contract.getAddress()));
    bytecode[name] = { runtimeBytes, eip170MarginBytes: EIP170_LIMIT - runtimeBytes };
  }

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
  return { bytecode, gas: Object.fromEntries(Object.entries(samples).map(([name, values]) => [name, median(values)])) };
}

function readSnapshot(): GasSnapshot {
  return JSON.parse(readFileSync(SNAPSHOT_FILE, "utf8")) as GasSnapshot;
}

describe("Gas", () => {
  let measured: GasSnapshot;
  before(async () => {
    measured = await measure();
    console.log("      runtime bytecode (bytes, and margin under EIP-170):");
    for (const [name, size] of Object.entries(measured.bytecode)) {
      console.log(`        ${name.padEnd(32)} ${size.runtimeBytes} (${size.eip170MarginBytes} to spare)`);
    }
    console.log("      median gas per transaction:");
    for (const [name, gas] of Object.entries(measured.gas)) console.log(`        ${name.padEnd(32)} ${gas}`);
    if (process.env.UPDATE_GAS_SNAPSHOT) {
      writeFileSync(SNAPSHOT_FILE, JSON.stringify(measured, null, 2) + "\n");
      writeReadmeGasSection(measured);
    }
  });

  it("has a committed snapshot covering every deployed contract and measured function", () => {
    expect(existsSync(SNAPSHOT_FILE), `gas-snapshot.json is missing: ${UPDATE}`).to.equal(true);
    const snapshot = readSnapshot();
    expect(Object.keys(snapshot.bytecode ?? {}).sort(), `bytecode sizes: ${UPDATE}`).to.deep.equal(Object.keys(measured.bytecode).sort());
    expect(Object.keys(snapshot.gas ?? {}).sort(), `gas figures: ${UPDATE}`).to.deep.equal(Object.keys(measured.gas).sort());
  });

  it("shows the snapshot's figures in the README's gas table", () => {
    const section = readmeGasSection(readFileSync(README_PATH, "utf8"));
    expect(section, "README.md lost its <!-- gas-table:start --> ... <!-- gas-table:end --> markers").to.not.equal(undefined);
    expect(section, `the README's gas table is stale: ${UPDATE}`).to.equal(renderGasTable(readSnapshot()));
  });

  it("records each contract's current runtime bytecode size and EIP-170 margin", () => {
    expect(readSnapshot().bytecode, `the bytecode sizes are stale: ${UPDATE}`).to.deep.equal(measured.bytecode);
  });

  it(`keeps every contract's runtime bytecode within EIP-170's ${EIP170_LIMIT} bytes`, () => {
    const oversized = Object.entries(measured.bytecode)
      .filter(([, size]) => size.runtimeBytes === 0 || size.runtimeBytes > EIP170_LIMIT)
      .map(([name, size]) => `${name}: ${size.runtimeBytes} bytes`);
    expect(oversized, `runtime bytecode empty or over the ${EIP170_LIMIT}-byte limit:\n${oversized.join("\n")}`).to.deep.equal([]);
  });

  it("grows no function by more than 5% over the snapshot", () => {
    const snapshot = readSnapshot().gas;
    const regressions = Object.entries(measured.gas)
      .filter(([name, gas]) => snapshot[name] !== undefined && gas > snapshot[name] * (1 + ALLOWED_GROWTH))
      .map(([name, gas]) => `${name}: ${snapshot[name]} -> ${gas}`);
    expect(regressions, `gas regressions (update the snapshot only if intended):\n${regressions.join("\n")}`).to.deep.equal([]);
  });

  for (const [name, target] of Object.entries(GAS_TARGETS)) {
    it(`keeps ${name} within ${target} gas`, () => {
      expect(measured.gas[name]).to.be.at.most(target);
    });
  }
});
