import type { WorkingSet } from "./workingSet";
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
import { address, decodedLog, roleOf, type LogFields } from "./logFields";
import { voidLiveTickets } from "./tickets";

export async function handlePatientEnrolled(log: PatientEnrolledLog, ws: WorkingSet): Promise<void> {
  const { args, fields } = decodedLog(log);
  const patient = address(args.patient);
  ws.save(PatientEnrolledEvent.create({ ...fields, patient, encryptionKey: args.encryptionKey }));
  ws.save(
    Patient.create({
      id: patient,
      encryptionKey: args.encryptionKey,
      enrolledAtBlock: fields.blockNumber,
      enrolledAt: fields.blockTimestamp,
    }),
  );
  await saveAccount(ws, patient, fields.blockNumber, { role: Role.Patient, encryptionKey: args.encryptionKey });
}

export async function handleProviderCredentialed(log: ProviderCredentialedLog, ws: WorkingSet): Promise<void> {
  const { args, fields } = decodedLog(log);
  const provider = address(args.provider);
  const by = address(args.by);
  const specialty = args.specialty;
  ws.save(ProviderCredentialedEvent.create({ ...fields, provider, licenseHash: args.licenseHash, specialty, by }));
  ws.save(
    Provider.create({
      id: provider,
      status: ProviderStatus.Active,
      licenseHash: args.licenseHash,
      specialty,
      credentialedBy: by,
      credentialedAtBlock: fields.blockNumber,
      statusChangedAtBlock: fields.blockNumber,
      statusChangedAt: fields.blockTimestamp,
    }),
  );
  await saveAccount(ws, provider, fields.blockNumber, { role: Role.Provider });
}

export async function handleProviderSuspended(log: ProviderSuspendedLog, ws: WorkingSet): Promise<void> {
  const { args, fields } = decodedLog(log);
  const provider = address(args.provider);
  const reasonCode = args.reasonCode;
  ws.save(ProviderSuspendedEvent.create({ ...fields, provider, reasonCode, by: address(args.by) }));
  await setProviderStatus(ws, provider, fields, ProviderStatus.Suspended, reasonCode);
  await voidLiveTickets(ws, { grantee: provider, includeEmergency: true, reason: TicketVoidReason.ProviderSuspended }, fields);
}

export async function handleProviderReinstated(log: ProviderReinstatedLog, ws: WorkingSet): Promise<void> {
  const { args, fields } = decodedLog(log);
  const provider = address(args.provider);
  ws.save(ProviderReinstatedEvent.create({ ...fields, provider, by: address(args.by) }));
  await setProviderStatus(ws, provider, fields, ProviderStatus.Active, undefined);
}

/** Suspension and reinstatement change the same state: status, reason and when it changed. */
async function setProviderStatus(
  ws: WorkingSet,
  provider: string,
  fields: LogFields,
  status: ProviderStatus,
  suspensionReasonCode: number | undefined,
): Promise<void> {
  const state = await requireProvider(ws, provider, fields.id);
  state.status = status;
  state.suspensionReasonCode = suspensionReasonCode;
  state.statusChangedAtBlock = fields.blockNumber;
  state.statusChangedAt = fields.blockTimestamp;
  ws.save(state);
}

export async function handleThirdPartyRegistered(log: ThirdPartyRegisteredLog, ws: WorkingSet): Promise<void> {
  const { args, fields } = decodedLog(log);
  const party = address(args.party);
  const by = address(args.by);
  const role = roleOf(args.role);
  ws.save(ThirdPartyRegisteredEvent.create({ ...fields, party, role, by }));
  ws.save(
    ThirdParty.create({
      id: party,
      role,
      registered: true,
      registeredBy: by,
      registeredAtBlock: fields.blockNumber,
    }),
  );
  await saveAccount(ws, party, fields.blockNumber, { role });
}

export async function handleThirdPartyRemoved(log: ThirdPartyRemovedLog, ws: WorkingSet): Promise<void> {
  const { args, fields } = decodedLog(log);
  const party = address(args.party);
  ws.save(ThirdPartyRemovedEvent.create({ ...fields, party, role: roleOf(args.role), by: address(args.by) }));
  const state = await ws.get(ThirdParty, party);
  if (!state) throw new Error(`ThirdPartyRemoved ${fields.id} names ${party}, which was never registered: reindex from the deployment block.`);
  state.registered = false;
  state.removedAtBlock = fields.blockNumber;
  ws.save(state);
  await saveAccount(ws, party, fields.blockNumber, { role: Role.None });
  await voidLiveTickets(ws, { grantee: party, includeEmergency: true, reason: TicketVoidReason.ThirdPartyRemoved }, fields);
}

export async function handleEncryptionKeySet(log: EncryptionKeySetLog, ws: WorkingSet): Promise<void> {
  const { args, fields } = decodedLog(log);
  const account = address(args.account);
  ws.save(EncryptionKeySetEvent.create({ ...fields, account, encryptionKey: args.encryptionKey }));
  await saveAccount(ws, account, fields.blockNumber, { encryptionKey: args.encryptionKey });
  const patient = await ws.get(Patient, account);
  if (patient) {
    patient.encryptionKey = args.encryptionKey;
    ws.save(patient);
  }
}

async function saveAccount(ws: WorkingSet, id: string, block: bigint, changes: { role?: Role; encryptionKey?: string }): Promise<void> {
  const account = (await ws.get(Account, id)) ?? Account.create({ id, role: Role.None, updatedAtBlock: block });
  if (changes.role !== undefined) account.role = changes.role;
  if (changes.encryptionKey !== undefined) account.encryptionKey = changes.encryptionKey;
  account.updatedAtBlock = block;
  ws.save(account);
}

async function requireProvider(ws: WorkingSet, id: string, eventId: string): Promise<Provider> {
  const provider = await ws.get(Provider, id);
  if (!provider) throw new Error(`Event ${eventId} names provider ${id}, which was never credentialed: reindex from the deployment block.`);
  return provider;
}
