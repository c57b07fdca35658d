import {
  AccessDeniedLog,
  AccessGrantedLog,
  AccessRequestedLog,
  EmergencyAccessGrantedLog,
  RecordReadLog,
} from "../types/abi-interfaces/CareTrail";
import {
  AccessEvent,
  AccessKind,
  AccessOutcome,
  AccessTicket,
  Account,
  DailyAccessRollup,
  Purpose,
  RecordVersion,
  Role,
} from "../types";
import { address, argsOf, denialReasonOf, logFields, purposeOf, ZERO_BYTES32, type LogFields } from "./logFields";

/** Categories.ALL: the category of an emergency access. */
const ALL_CATEGORIES = 255;

export async function handleAccessRequested(log: AccessRequestedLog): Promise<void> {
  const args = argsOf(log);
  const fields = logFields(log);
  await saveAccessEvent(
    await accessEvent(fields, AccessKind.Request, AccessOutcome.Requested, args.patient, args.requester, {
      purpose: purposeOf(args.purpose),
      category: Number(args.category),
      recordId: nonZero(args.recordId),
    }),
  );
}

export async function handleAccessGranted(log: AccessGrantedLog): Promise<void> {
  const args = argsOf(log);
  const fields = logFields(log);
  const event = await accessEvent(fields, AccessKind.Grant, AccessOutcome.Granted, args.patient, args.requester, {
    purpose: purposeOf(args.purpose),
    category: Number(args.category),
    recordId: nonZero(args.recordId),
    ticketId: args.ticketId,
    expiresAt: BigInt(args.expiresAt.toString()),
    requestId: await requestOf(fields),
  });
  await saveTicket(event, { emergency: false, nonce: BigInt(args.nonce.toString()), consentVersion: Number(args.consentVersion) });
  await saveAccessEvent(event);
}

export async function handleAccessDenied(log: AccessDeniedLog): Promise<void> {
  const args = argsOf(log);
  const fields = logFields(log);
  await saveAccessEvent(
    await accessEvent(fields, AccessKind.Denial, AccessOutcome.Denied, args.patient, args.requester, {
      purpose: purposeOf(args.purpose),
      category: Number(args.category),
      recordId: nonZero(args.recordId),
      denialReason: denialReasonOf(args.reason),
      requestId: await requestOf(fields),
    }),
  );
}

export async function handleEmergencyAccessGranted(log: EmergencyAccessGrantedLog): Promise<void> {
  const args = argsOf(log);
  const fields = logFields(log);
  const event = await accessEvent(fields, AccessKind.Emergency, AccessOutcome.Granted, args.patient, args.provider, {
    purpose: Purpose.Emergency,
    category: ALL_CATEGORIES,
    ticketId: args.ticketId,
    emergencyReasonCode: Number(args.reasonCode),
    expiresAt: BigInt(args.expiresAt.toString()),
    requestId: await requestOf(fields),
  });
  await saveTicket(event, { emergency: true, nonce: BigInt(args.nonce.toString()), consentVersion: 0 });
  await saveAccessEvent(event);
}

/**
 * A read takes its purpose from its ticket and its category from the record version read. logRead only
 * accepts a ticket whose nonce was issued and re-checks it, so an honest vault's read always names an
 * indexed ticket; a VAULT_ROLE holder could still name terms that were never issued (the id then matches
 * no AccessGranted), and such a read is kept, with purpose None, rather than stopping the indexer.
 */
export async function handleRecordRead(log: RecordReadLog): Promise<void> {
  const args = argsOf(log);
  const fields = logFields(log);
  const ticket = await AccessTicket.get(args.ticketId);
  const record = await RecordVersion.get(args.recordId);
  await saveAccessEvent(
    await accessEvent(fields, AccessKind.Read, AccessOutcome.Granted, args.patient, args.reader, {
      purpose: ticket?.purpose ?? Purpose.None,
      category: record?.category,
      recordId: nonZero(args.recordId),
      ticketId: args.ticketId,
    }),
  );
}

type AccessDetails = Partial<
  Pick<AccessEvent, "category" | "recordId" | "ticketId" | "denialReason" | "emergencyReasonCode" | "expiresAt" | "requestId">
> & { purpose: Purpose };

async function accessEvent(
  fields: LogFields,
  kind: AccessKind,
  outcome: AccessOutcome,
  patient: string,
  actor: string,
  details: AccessDetails,
): Promise<AccessEvent> {
  const actorAddress = address(actor);
  return AccessEvent.create({
    ...fields,
    kind,
    outcome,
    patientId: address(patient),
    actor: actorAddress,
    actorRole: (await Account.get(actorAddress))?.role ?? Role.None,
    day: utcDay(fields.blockTimestamp),
    ...details,
  });
}

/**
 * Saves the event and counts it in its daily rollup. Each rollup remembers the last event it counted
 * (events arrive in chain order), so replaying a block after a crash cannot count an event twice.
 */
async function saveAccessEvent(event: AccessEvent): Promise<void> {
  await event.save();
  const rollupId = [event.day.toISOString().slice(0, 10), event.kind, event.outcome, event.purpose, event.actorRole].join("|");
  const rollup =
    (await DailyAccessRollup.get(rollupId)) ??
    DailyAccessRollup.create({
      id: rollupId,
      day: event.day,
      kind: event.kind,
      outcome: event.outcome,
      purpose: event.purpose,
      actorRole: event.actorRole,
      count: 0,
      lastCountedBlock: BigInt(-1),
      lastCountedLogIndex: -1,
    });
  const alreadyCounted =
    event.blockNumber < rollup.lastCountedBlock ||
    (event.blockNumber === rollup.lastCountedBlock && event.logIndex <= rollup.lastCountedLogIndex);
  if (alreadyCounted) return;
  rollup.count += 1;
  rollup.lastCountedBlock = event.blockNumber;
  rollup.lastCountedLogIndex = event.logIndex;
  await rollup.save();
}

async function saveTicket(
  event: AccessEvent,
  terms: { emergency: boolean; nonce: bigint; consentVersion: number },
): Promise<void> {
  await AccessTicket.create({
    id: event.ticketId!,
    patient: event.patientId,
    grantee: event.actor,
    recordId: event.recordId,
    category: event.category!,
    purpose: event.purpose,
    ...terms,
    expiresAt: event.expiresAt!,
    voided: false,
    issuedById: event.id,
  }).save();
}

/** An outcome directly follows its AccessRequested log in the same transaction. */
async function requestOf(fields: LogFields): Promise<string | undefined> {
  const requestId = `${fields.txHash}-${fields.logIndex - 1}`;
  const request = await AccessEvent.get(requestId);
  return request?.kind === AccessKind.Request ? requestId : undefined;
}

function nonZero(id: string): string | undefined {
  return id === ZERO_BYTES32 ? undefined : id;
}

function utcDay(timestamp: Date): Date {
  return new Date(Date.UTC(timestamp.getUTCFullYear(), timestamp.getUTCMonth(), timestamp.getUTCDate()));
}
