import { ethers } from "hardhat";
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/signers";
import type { CareTrail } from "../typechain-types";
import { hexlify, keccak256, randomBytes, toUtf8Bytes, type BytesLike, type ContractTransactionResponse } from "ethers";

import { ALL_CATEGORIES, DenialReason, FULL_SCOPE, ProviderStatus, Purpose, RecordCategory, Role } from "./generated/careTypes";

// The codes of contracts/contracts/CareTypes.sol, generated from it (a drift fails the stale test in generated.test.ts).
export { ALL_CATEGORIES, FULL_SCOPE, ProviderStatus, Purpose, Role };
export const Category = RecordCategory;
export const Denial = DenialReason;

export const DAY = 24 * 60 * 60;
export const SPECIALTY_CARDIOLOGY = 207;

export type Actors = {
  governance: HardhatEthersSigner;
  patient: HardhatEthersSigner;
  otherPatient: HardhatEthersSigner;
  provider: HardhatEthersSigner;
  otherProvider: HardhatEthersSigner;
  insurer: HardhatEthersSigner;
  auditor: HardhatEthersSigner;
  researcher: HardhatEthersSigner;
  stranger: HardhatEthersSigner;
  vault: HardhatEthersSigner;
};

export const encryptionKey = (label: string) => keccak256(toUtf8Bytes(`x25519:${label}`));
export const licenseHash = (label: string) => keccak256(toUtf8Bytes(`license:${label}`));

export async function deployCareTrail(): Promise<{ careTrail: CareTrail; actors: Actors }> {
  const [governance, patient, otherPatient, provider, otherProvider, insurer, auditor, researcher, stranger, vault] = await ethers.getSigners();
  const factory = await ethers.getContractFactory("CareTrail");
  const careTrail = (await factory.deploy(governance!.address, governance!.address)) as unknown as CareTrail;
  await careTrail.waitForDeployment();
  const actors = { governance, patient, otherPatient, provider, otherProvider, insurer, auditor, researcher, stranger, vault } as Actors;
  return { careTrail, actors };
}

/** Everyone registered: two patients, two active providers, one of each third party, a vault operator. */
export async function deployRegistered(): Promise<{ careTrail: CareTrail; actors: Actors }> {
  const { careTrail, actors } = await deployCareTrail();
  await careTrail.connect(actors.patient).enrolPatient(encryptionKey("patient"));
  await careTrail.connect(actors.otherPatient).enrolPatient(encryptionKey("otherPatient"));
  await careTrail.credentialProvider(actors.provider.address, licenseHash("provider"), SPECIALTY_CARDIOLOGY);
  await careTrail.credentialProvider(actors.otherProvider.address, licenseHash("otherProvider"), 8);
  await careTrail.registerThirdParty(actors.insurer.address, Role.Insurer);
  await careTrail.registerThirdParty(actors.auditor.address, Role.Auditor);
  await careTrail.registerThirdParty(actors.researcher.address, Role.Researcher);
  await careTrail.grantRole(await careTrail.VAULT_ROLE(), actors.vault.address);
  return { careTrail, actors };
}

/** An independent copy of ICareAccess.AccessTicket and its id: if the contract's derivation drifts, reads fail here. */
export type AccessTicket = {
  requester: string;
  patient: string;
  recordId: string;
  category: number;
  purpose: number;
  expiresAt: bigint;
  nonce: bigint;
  consentVersion: bigint;
};

export function ticketIdOf(contract: string, ticket: AccessTicket): string {
  return ethers.keccak256(
    ethers.AbiCoder.defaultAbiCoder().encode(
      ["address", "tuple(address,address,bytes32,uint8,uint8,uint64,uint64,uint32)"],
      [contract, [ticket.requester, ticket.patient, ticket.recordId, ticket.category, ticket.purpose, ticket.expiresAt, ticket.nonce, ticket.consentVersion]],
    ),
  );
}

/** The ticket a request transaction issued, rebuilt from its AccessGranted or EmergencyAccessGranted event. */
export async function ticketIssuedBy(
  careTrail: CareTrail,
  tx: ContractTransactionResponse | Promise<ContractTransactionResponse>,
): Promise<AccessTicket & { ticketId: string }> {
  const receipt = await (await tx).wait();
  for (const log of receipt!.logs) {
    const event = careTrail.interface.parseLog(log);
    if (event?.name === "AccessGranted") {
      const { patient, requester, ticketId, recordId, category, purpose, expiresAt, nonce, consentVersion } = event.args;
      return { ticketId, requester, patient, recordId, category: Number(category), purpose: Number(purpose), expiresAt, nonce, consentVersion };
    }
    if (event?.name === "EmergencyAccessGranted") {
      const { patient, provider, ticketId, expiresAt, nonce } = event.args;
      return {
        ticketId,
        requester: provider,
        patient,
        recordId: ethers.ZeroHash,
        category: ALL_CATEGORIES,
        purpose: Purpose.Emergency,
        expiresAt,
        nonce,
        consentVersion: 0n,
      };
    }
  }
  throw new Error("the transaction issued no ticket");
}

/** The struct argument of logRead (without the id, which the contract re-derives). */
export const termsOf = ({ ticketId: _ticketId, ...terms }: AccessTicket & { ticketId?: string }): AccessTicket => terms;

export async function now(): Promise<number> {
  const block = await ethers.provider.getBlock("latest");
  return block!.timestamp;
}

export type RecordInput = {
  recordId: string;
  patient: string;
  category: number;
  contentHash: string;
  contentId: BytesLike;
  fieldsRoot: string;
  supersedes: string;
};

// Independent copies of the EIP-712 types (a deliberate oracle, not shared with the SDK): if the contract's
// typehashes drift, signatures break here.
export const RECORD_TYPES = {
  Record: [
    { name: "recordId", type: "bytes32" },
    { name: "patient", type: "address" },
    { name: "category", type: "uint8" },
    { name: "contentHash", type: "bytes32" },
    { name: "contentId", type: "bytes" },
    { name: "fieldsRoot", type: "bytes32" },
    { name: "supersedes", type: "bytes32" },
  ],
};

export const CONSENT_GRANT_TYPES = {
  ConsentGrant: [
    { name: "patient", type: "address" },
    { name: "grantee", type: "address" },
    { name: "scope", type: "uint8" },
    { name: "purpose", type: "uint8" },
    { name: "expiresAt", type: "uint64" },
    { name: "nonce", type: "uint256" },
    { name: "deadline", type: "uint256" },
  ],
};

export async function domainOf(careTrail: CareTrail) {
  const { chainId } = await ethers.provider.getNetwork();
  return { name: "CareTrail", version: "1", chainId, verifyingContract: await careTrail.getAddress() };
}

/** A CIDv1 (raw codec, sha2-256) for `digest`: 0x01 0x55 0x12 0x20 followed by the digest. */
export const rawCid = (digest: string) => "0x01551220" + digest.slice(2);

/** A record id: the patient's address followed by a 96-bit sequence number. */
export const recordIdOf = (patient: string, sequence: bigint) => ethers.solidityPacked(["address", "uint96"], [patient, sequence]);

const nextSequence = new Map<string, bigint>();

/** A new record for `patient` with random content; sequence numbers count up per patient. */
export function newRecord(patient: string, category: number, supersedes = ethers.ZeroHash): RecordInput {
  const contentHash = hexlify(randomBytes(32));
  const sequence = nextSequence.get(patient) ?? 0n;
  nextSequence.set(patient, sequence + 1n);
  return {
    recordId: recordIdOf(patient, sequence),
    patient,
    category,
    contentHash,
    contentId: rawCid(contentHash),
    fieldsRoot: hexlify(randomBytes(32)),
    supersedes,
  };
}

export async function signRecord(careTrail: CareTrail, author: HardhatEthersSigner, record: RecordInput): Promise<string> {
  return author.signTypedData(await domainOf(careTrail), RECORD_TYPES, record);
}

/** Signs `record` as `author` and appends it, relayed by `author` unless `relayer` is given. */
export async function appendSigned(careTrail: CareTrail, author: HardhatEthersSigner, record: RecordInput, relayer: HardhatEthersSigner = author) {
  const signature = await signRecord(careTrail, author, record);
  return careTrail.connect(relayer).appendRecord(record, author.address, signature);
}
