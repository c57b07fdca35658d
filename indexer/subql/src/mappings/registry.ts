import {
  EncryptionKeySetLog,
  PatientEnrolledLog,
  ProviderCredentialedLog,
  ProviderReinstatedLog,
  ProviderSuspendedLog,
  ThirdPartyRegisteredLog,
  ThirdPartyRemovedLog,
} from "../types/abi-interfaces/CareTrail";
import {
  Account,
  EncryptionKeySetEvent,
  Patient,
  PatientEnrolledEvent,
  Provider,
  ProviderCredentialedEvent,
  ProviderReinstatedEvent,
  ProviderStatus,
  ProviderSuspendedEvent,
  Role,
  ThirdParty,
  ThirdPartyRegisteredEvent,
  ThirdPartyRemovedEvent,
  TicketVoidReason,
} from "../types";
import { address, argsOf, logFields, roleOf } from "./logFields";
import { voidLiveTickets } from "./tickets";

export async function handlePatientEnrolled(log: PatientEnrolledLog): Promise<void> {
  const args = argsOf(log);
  const fields = logFields(log);
  const patient = address(args.patient);
  await PatientEnrolledEvent.create({ ...fields, patient, encryptionKey: args.encryptionKey }).save();
  await Patient.create({
    id: patient,
    encryptionKey: args.encryptionKey,
    enrolledAtBlock: fields.blockNumber,
    enrolledAt: fields.blockTimestamp,
  }).save();
  await saveAccount(patient, fields.blockNumber, { role: Role.Patient, encryptionKey: args.encryptionKey });
}

export async function handleProviderCredentialed(log: ProviderCredentialedLog): Promise<void> {
  const args = argsOf(log);
  const fields = logFields(log);
  const provider = address(args.provider);
  const by = address(args.by);
  const specialty = Number(args.specialty);
  await ProviderCredentialedEvent.create({ ...fields, provider, licenseHash: args.licenseHash, specialty, by }).save();
  await Provider.create({
    id: provider,
    status: ProviderStatus.Active,
    licenseHash: args.licenseHash,
    specialty,
    credentialedBy: by,
    credentialedAtBlock: fields.blockNumber,
    statusChangedAtBlock: fields.blockNumber,
    statusChangedAt: fields.blockTimestamp,
  }).save();
  await saveAccount(provider, fields.blockNumber, { role: Role.Provider });
}

export async function handleProviderSuspended(log: ProviderSuspendedLog): Promise<void> {
  const args = argsOf(log);
  const fields = logFields(log);
  const provider = address(args.provider);
  const reasonCode = Number(args.reasonCode);
  await ProviderSuspendedEvent.create({ ...fields, provider, reasonCode, by: address(args.by) }).save();
  await setProviderStatus(provider, fields, ProviderStatus.Suspended, reasonCode);
  await voidLiveTickets({ grantee: provider, includeEmergency: true, reason: TicketVoidReason.ProviderSuspended }, fields);
}

export async function handleProviderReinstated(log: ProviderReinstatedLog): Promise<void> {
  const args = argsOf(log);
  const fields = logFields(log);
  const provider = address(args.provider);
  await ProviderReinstatedEvent.create({ ...fields, provider, by: address(args.by) }).save();
  await setProviderStatus(provider, fields, ProviderStatus.Active, undefined);
}

/** Suspension and reinstatement change the same state: status, reason and when it changed. */
async function setProviderStatus(
  provider: string,
  fields: ReturnType<typeof logFields>,
  status: ProviderStatus,
  suspensionReasonCode: number | undefined,
): Promise<void> {
  const state = await requireProvider(provider, fields.id);
  state.status = status;
  state.suspensionReasonCode = suspensionReasonCode;
  state.statusChangedAtBlock = fields.blockNumber;
  state.statusChangedAt = fields.blockTimestamp;
  await state.save();
}

export async function handleThirdPartyRegistered(log: ThirdPartyRegisteredLog): Promise<void> {
  const args = argsOf(log);
  const fields = logFields(log);
  const party = address(args.party);
  const by = address(args.by);
  const role = roleOf(args.role);
  await ThirdPartyRegisteredEvent.create({ ...fields, party, role, by }).save();
  await ThirdParty.create({
    id: party,
    role,
    registered: true,
    registeredBy: by,
    registeredAtBlock: fields.blockNumber,
  }).save();
  await saveAccount(party, fields.blockNumber, { role });
}

export async function handleThirdPartyRemoved(log: ThirdPartyRemovedLog): Promise<void> {
  const args = argsOf(log);
  const fields = logFields(log);
  const party = address(args.party);
  await ThirdPartyRemovedEvent.create({ ...fields, party, role: roleOf(args.role), by: address(args.by) }).save();
  const state = await ThirdParty.get(party);
  if (!state) throw new Error(`ThirdPartyRemoved ${fields.id} names ${party}, which was never registered: reindex from the deployment block.`);
  state.registered = false;
  state.removedAtBlock = fields.blockNumber;
  await state.save();
  await saveAccount(party, fields.blockNumber, { role: Role.None });
  await voidLiveTickets({ grantee: party, includeEmergency: true, reason: TicketVoidReason.ThirdPartyRemoved }, fields);
}

export async function handleEncryptionKeySet(log: EncryptionKeySetLog): Promise<void> {
  const args = argsOf(log);
  const fields = logFields(log);
  const account = address(args.account);
  await EncryptionKeySetEvent.create({ ...fields, account, encryptionKey: args.encryptionKey }).save();
  await saveAccount(account, fields.blockNumber, { encryptionKey: args.encryptionKey });
  const patient = await Patient.get(account);
  if (patient) {
    patient.encryptionKey = args.encryptionKey;
    await patient.save();
  }
}

async function saveAccount(id: string, block: bigint, changes: { role?: Role; encryptionKey?: string }): Promise<void> {
  const account = (await Account.get(id)) ?? Account.create({ id, role: Role.None, updatedAtBlock: block });
  if (changes.role !== undefined) account.role = changes.role;
  if (changes.encryptionKey !== undefined) account.encryptionKey = changes.encryptionKey;
  account.updatedAtBlock = block;
  await account.save();
}

async function requireProvider(id: string, eventId: string): Promise<Provider> {
  const provider = await Provider.get(id);
  if (!provider) throw new Error(`Event ${eventId} names provider ${id}, which was never credentialed: reindex from the deployment block.`);
  return provider;
}
