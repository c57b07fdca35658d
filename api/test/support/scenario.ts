import { randomBytes } from "node:crypto";
import { keccak256, solidityPacked, toUtf8Bytes, ZeroHash } from "ethers";
import {
  accessTicketOf,
  contentHashOf,
  contentIdOf,
  generateEncryptionKeyPair,
  Purpose,
  RecordCategory,
  Role,
  scopeOf,
  signRecord,
  type EncryptionKeyPair,
  type RecordStruct,
} from "@caretrail/sdk";
import type { ApiStack } from "./apiStack.ts";

const DAY = 24 * 60 * 60;
const FULL_SCOPE = 0b111111;

/** Who is who in the API tests (dev account indexes). */
export const cast = {
  governance: 0,
  patients: [1, 2, 3, 4, 5, 6],
  provider: 7,
  emergencyProvider: 8,
  insurer: 9,
  auditor: 10,
  researcher: 11,
  stranger: 12,
  vaultOperator: 13,
} as const;

export type Scenario = {
  addressOf: (index: number) => string;
  patient: string;
  otherPatient: string;
  /** Patient 1's lab record: the first version and its amendment. */
  record: { firstId: string; amendedId: string; ciphertext: Uint8Array };
  providerKeys: EncryptionKeyPair;
  /** The ticket of the provider's granted requestRecordAccess on the amended record. */
  providerTicket: string;
  /** Blocks around the insurer's consent: granted at `grantedBlock`, revoked at `revokedBlock`. */
  insurerConsent: { grantedBlock: number; revokedBlock: number };
};

/**
 * Six patients (k = 5 groups stay visible), a provider everyone consented to, an emergency access, an insurer
 * whose consent is revoked and who then asks again, an unregistered stranger, and a record with an amendment.
 */
export async function runScenario(stack: ApiStack): Promise<Scenario> {
  const { careTrail, deployment } = stack;
  const as = (index: number) => careTrail.connect(stack.account(index));
  const send = async (pending: Promise<{ wait: () => Promise<{ blockNumber: number } | null> }>) => (await (await pending).wait())!;
  const now = async () => (await stack.provider.getBlock("latest"))!.timestamp;
  const addressOf = (index: number) => stack.account(index).address.toLowerCase();
  const domain = { chainId: deployment.chainId, verifyingContract: deployment.address };
  const [patientIndex, otherPatientIndex] = cast.patients;

  for (const index of cast.patients) await send(as(index).enrolPatient(generateEncryptionKeyPair().publicKey));
  await send(as(cast.governance).credentialProvider(addressOf(cast.provider), keccak256(toUtf8Bytes("licence:provider")), 207));
  await send(as(cast.governance).credentialProvider(addressOf(cast.emergencyProvider), keccak256(toUtf8Bytes("licence:er")), 8));
  await send(as(cast.governance).registerThirdParty(addressOf(cast.insurer), Role.Insurer));
  await send(as(cast.governance).registerThirdParty(addressOf(cast.auditor), Role.Auditor));
  await send(as(cast.governance).registerThirdParty(addressOf(cast.researcher), Role.Researcher));
  await send(as(cast.governance).grantRole(await careTrail.VAULT_ROLE(), addressOf(cast.vaultOperator)));
  const providerKeys = generateEncryptionKeyPair();
  await send(as(cast.provider).setEncryptionKey(providerKeys.publicKey));

  const expiresAt = BigInt((await now()) + 30 * DAY);
  for (const index of cast.patients) await send(as(index).grantConsent(addressOf(cast.provider), FULL_SCOPE, Purpose.Treatment, expiresAt));
  const granted = await send(as(patientIndex).grantConsent(addressOf(cast.insurer), scopeOf(RecordCategory.Labs), Purpose.Payment, expiresAt));

  // A lab record written by the provider, then amended.
  const patient = addressOf(patientIndex);
  const ciphertext = new Uint8Array(randomBytes(256));
  const first = newRecord(patient, RecordCategory.Labs, 1n, contentHashOf(new Uint8Array(randomBytes(64))), ZeroHash);
  const firstSigned = await signRecord({ signer: stack.account(cast.provider), record: first, ...domain });
  await send(as(cast.provider).appendRecord(first, firstSigned.author, firstSigned.signature));
  const amended = { ...newRecord(patient, RecordCategory.Labs, 2n, contentHashOf(ciphertext), first.recordId), contentId: contentIdOf(ciphertext) };
  const amendedSigned = await signRecord({ signer: stack.account(cast.provider), record: amended, ...domain });
  await send(as(cast.provider).appendRecord(amended, amendedSigned.author, amendedSigned.signature));

  // Access: the provider reads every patient's vitals and the amended record; the insurer is granted then denied.
  for (const index of cast.patients) await send(as(cast.provider).requestAccess(addressOf(index), RecordCategory.Vitals, Purpose.Treatment));
  await send(as(cast.provider).requestRecordAccess(amended.recordId, Purpose.Treatment));
  const tickets = await careTrail.queryFilter(careTrail.filters.AccessGranted(patient, addressOf(cast.provider)));
  const providerTicket = tickets.at(-1)!.args.ticketId.toLowerCase();
  await send(as(cast.vaultOperator).logRead(accessTicketOf({ name: "AccessGranted", args: tickets.at(-1)!.args }), amended.recordId));
  await send(as(cast.insurer).requestAccess(patient, RecordCategory.Labs, Purpose.Payment));
  await send(as(cast.insurer).requestAccess(patient, RecordCategory.Vitals, Purpose.Payment));
  await send(as(cast.stranger).requestAccess(patient, RecordCategory.Vitals, Purpose.Treatment));
  await send(as(cast.emergencyProvider).requestEmergencyAccess(addressOf(otherPatientIndex), 7));
  const revoked = await send(as(patientIndex).revokeConsent(addressOf(cast.insurer)));
  await send(as(cast.insurer).requestAccess(patient, RecordCategory.Labs, Purpose.Payment));
  // The patient consents again, so the insurer may read the lab record's provenance (and nothing else).
  await send(as(patientIndex).grantConsent(addressOf(cast.insurer), scopeOf(RecordCategory.Labs), Purpose.Payment, expiresAt));

  return {
    addressOf,
    patient,
    otherPatient: addressOf(otherPatientIndex),
    record: { firstId: first.recordId.toLowerCase(), amendedId: amended.recordId.toLowerCase(), ciphertext },
    providerKeys,
    providerTicket,
    insurerConsent: { grantedBlock: granted.blockNumber, revokedBlock: revoked.blockNumber },
  };
}

function newRecord(patient: string, category: number, sequence: bigint, contentHash: string, supersedes: string): RecordStruct {
  return {
    recordId: solidityPacked(["address", "uint96"], [patient, sequence]).toLowerCase() as `0x${string}`,
    patient: patient as `0x${string}`,
    category,
    contentHash: contentHash as `0x${string}`,
    contentId: ("0x01551220" + contentHash.slice(2)) as `0x${string}`,
    fieldsRoot: keccak256(toUtf8Bytes(`fields:${patient}:${sequence}`)) as `0x${string}`,
    supersedes: supersedes as `0x${string}`,
  };
}
