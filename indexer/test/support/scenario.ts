import { hexlify, keccak256, solidityPacked, toUtf8Bytes, ZeroHash } from "ethers";
import { accessTicketOf, Purpose, RecordCategory, Role, scopeOf, signConsentGrant, signRecord, type RecordStruct } from "@caretrail/sdk";
import type { Stack } from "./stack.ts";

const DAY = 24 * 60 * 60;
const FULL_SCOPE = 0b111111;
const key = (label: string) => keccak256(toUtf8Bytes(`x25519:${label}`));

/** Emits every CareTrail event kind at least once, through the contract's public functions. */
export async function runScenario(stack: Stack): Promise<void> {
  const { careTrail, deployment } = stack;
  const governance = stack.account(0);
  const patient = stack.account(1);
  const otherPatient = stack.account(2);
  const provider = stack.account(3);
  const otherProvider = stack.account(4);
  const insurer = stack.account(5);
  const researcher = stack.account(6);
  const stranger = stack.account(7);
  const relayer = stack.account(8);
  const vault = stack.account(9);
  const as = (signer: ReturnType<Stack["account"]>) => careTrail.connect(signer);
  const send = async (pending: Promise<{ wait: () => Promise<unknown> }>) => (await pending).wait();
  const now = async () => (await stack.provider.getBlock("latest"))!.timestamp;
  const domain = { chainId: deployment.chainId, verifyingContract: deployment.address };

  // registry
  await send(as(patient).enrolPatient(key("patient")));
  await send(as(otherPatient).enrolPatient(key("otherPatient")));
  await send(as(governance).credentialProvider(provider.address, keccak256(toUtf8Bytes("license:provider")), 207));
  await send(as(governance).credentialProvider(otherProvider.address, keccak256(toUtf8Bytes("license:other")), 8));
  await send(as(governance).registerThirdParty(insurer.address, Role.Insurer));
  await send(as(governance).registerThirdParty(researcher.address, Role.Researcher));
  await send(as(insurer).setEncryptionKey(key("insurer")));
  await send(as(patient).setEncryptionKey(key("patient-rotated")));
  await send(as(governance).grantRole(await careTrail.VAULT_ROLE(), vault.address));

  // consent: direct grants, a signed grant relayed by someone else, a revocation
  const expiresAt = BigInt((await now()) + 30 * DAY);
  await send(as(patient).grantConsent(provider.address, FULL_SCOPE, Purpose.Treatment, expiresAt));
  await send(as(patient).grantConsent(insurer.address, scopeOf(RecordCategory.Labs), Purpose.Payment, expiresAt));
  const grant = {
    patient: otherPatient.address as `0x${string}`,
    grantee: provider.address as `0x${string}`,
    scope: scopeOf(RecordCategory.Vitals, RecordCategory.Notes),
    purpose: Purpose.Treatment,
    expiresAt,
    nonce: await careTrail.consentNonce(otherPatient.address),
    deadline: BigInt((await now()) + DAY),
  };
  const grantSignature = await signConsentGrant({ signer: otherPatient, grant, ...domain });
  await send(as(relayer).grantConsentBySig(grant.patient, grant.grantee, grant.scope, grant.purpose, grant.expiresAt, grant.deadline, grantSignature));
  // a signed grant the patient submits herself is still a signed grant (via_signature)
  const ownGrant = {
    ...grant,
    grantee: researcher.address as `0x${string}`,
    scope: scopeOf(RecordCategory.Labs),
    purpose: Purpose.Research,
    nonce: await careTrail.consentNonce(otherPatient.address),
  };
  const ownSignature = await signConsentGrant({ signer: otherPatient, grant: ownGrant, ...domain });
  await send(
    as(otherPatient).grantConsentBySig(
      ownGrant.patient,
      ownGrant.grantee,
      ownGrant.scope,
      ownGrant.purpose,
      ownGrant.expiresAt,
      ownGrant.deadline,
      ownSignature,
    ),
  );
  await send(as(patient).grantConsent(researcher.address, scopeOf(RecordCategory.Labs), Purpose.Research, expiresAt));

  // records: an append signed by the provider, then an amendment that supersedes it
  const first = newRecord(patient.address, RecordCategory.Labs, 1n);
  const firstSigned = await signRecord({ signer: provider, record: first, ...domain });
  await send(as(relayer).appendRecord(first, firstSigned.author, firstSigned.signature));
  const amended = newRecord(patient.address, RecordCategory.Labs, 2n, first.recordId);
  const amendedSigned = await signRecord({ signer: provider, record: amended, ...domain });
  await send(as(provider).appendRecord(amended, amendedSigned.author, amendedSigned.signature));
  // an amendment that recategorises a record: records.category follows the latest version
  const vitals = newRecord(patient.address, RecordCategory.Vitals, 3n);
  const vitalsSigned = await signRecord({ signer: provider, record: vitals, ...domain });
  await send(as(provider).appendRecord(vitals, vitalsSigned.author, vitalsSigned.signature));
  const recategorised = newRecord(patient.address, RecordCategory.Notes, 4n, vitals.recordId);
  const recategorisedSigned = await signRecord({ signer: provider, record: recategorised, ...domain });
  await send(as(provider).appendRecord(recategorised, recategorisedSigned.author, recategorisedSigned.signature));

  // access: granted, denied (out of scope), unregistered, record-level, emergency, read
  await send(as(insurer).requestAccess(patient.address, RecordCategory.Labs, Purpose.Payment));
  await send(as(insurer).requestAccess(patient.address, RecordCategory.Vitals, Purpose.Payment));
  await send(as(stranger).requestAccess(patient.address, RecordCategory.Vitals, Purpose.Treatment));
  await send(as(otherProvider).requestAccess(patient.address, RecordCategory.Labs, Purpose.Treatment));
  await send(as(provider).requestRecordAccess(amended.recordId, Purpose.Treatment));
  const granted = await careTrail.queryFilter(careTrail.filters.AccessGranted(patient.address, provider.address));
  const ticket = accessTicketOf({ name: "AccessGranted", args: granted.at(-1)!.args });
  await send(as(vault).logRead(ticket, amended.recordId));
  // terms that were never issued (a stretched expiry): the chain still re-checks the live consent and logs
  // the read under an id no AccessGranted carries; the indexer keeps it with purpose None
  await send(as(vault).logRead({ ...ticket, expiresAt: ticket.expiresAt + 60n }, amended.recordId));
  await send(as(otherProvider).requestEmergencyAccess(otherPatient.address, 7));
  // voids: the insurer's live ticket by a revocation, the provider's by a re-grant
  await send(as(patient).revokeConsent(insurer.address));
  await send(as(patient).grantConsent(provider.address, FULL_SCOPE, Purpose.Treatment, expiresAt + 1n));
  await send(as(insurer).requestAccess(patient.address, RecordCategory.Labs, Purpose.Payment));

  // provider suspension (voids its live emergency ticket) and reinstatement, third-party removal (voids the
  // researcher's live ticket) and its later denial
  await send(as(researcher).requestAccess(patient.address, RecordCategory.Labs, Purpose.Research));
  await send(as(governance).suspendProvider(otherProvider.address, 3));
  await send(as(otherProvider).requestAccess(otherPatient.address, RecordCategory.Vitals, Purpose.Treatment));
  await send(as(governance).reinstateProvider(otherProvider.address));
  await send(as(governance).removeThirdParty(researcher.address));
  await send(as(researcher).requestAccess(patient.address, RecordCategory.Labs, Purpose.Research));
}

/** A record with made-up content; the id is the patient's address followed by a sequence number. */
function newRecord(patient: string, category: number, sequence: bigint, supersedes: string = ZeroHash): RecordStruct {
  const contentHash = keccak256(toUtf8Bytes(`content:${patient}:${sequence}`));
  return {
    recordId: solidityPacked(["address", "uint96"], [patient, sequence]) as `0x${string}`,
    patient: patient as `0x${string}`,
    category,
    contentHash: contentHash as `0x${string}`,
    contentId: ("0x01551220" + contentHash.slice(2)) as `0x${string}`,
    fieldsRoot: keccak256(toUtf8Bytes(`fields:${patient}:${sequence}`)) as `0x${string}`,
    supersedes: hexlify(supersedes) as `0x${string}`,
  };
}
