import type { WorkingSet } from "./workingSet";
import { AccessDeniedLog, AccessGrantedLog, AccessRequestedLog, EmergencyAccessGrantedLog, RecordReadLog } from "../types/abi-interfaces/CareTrail";
import { AccessEvent, AccessKind, AccessOutcome, AccessTicket, Account, Purpose, RecordVersion, Role } from "../types";
import { address, decodedLog, denialReasonOf, purposeOf, ZERO_BYTES32, type LogFields } from "./logFields";

/** Categories.ALL: the category of an emergency access. */
const ALL_CATEGORIES = 255;

export async function handleAccessRequested(log: AccessRequestedLog, ws: WorkingSet): Promise<void> {
  const { args, fields } = decodedLog(log);
  ws.save(await accessEvent(ws, fields, AccessKind.Request, AccessOutcome.Requested, args.patient, args.requester, askedFor(args)));
}

export async function handleAccessGranted(log: AccessGrantedLog, ws: WorkingSet): Promise<void> {
  const { args, fields } = decodedLog(log);
  const event = await accessEvent(ws, fields, AccessKind.Grant, AccessOutcome.Granted, args.patient, args.requester, {
    ...askedFor(args),
    ticketId: args.ticketId,
    expiresAt: BigInt(args.expiresAt.toString()),
    requestId: requestOf(ws, fields),
  });
  await saveTicket(ws, event, { emergency: false, nonce: BigInt(args.nonce.toString()), consentVersion: args.consentVersion });
  ws.save(event);
}

export async function handleAccessDenied(log: AccessDeniedLog, ws: WorkingSet): Promise<void> {
  const { args, fields } = decodedLog(log);
  ws.save(
    await accessEvent(ws, fields, AccessKind.Denial, AccessOutcome.Denied, args.patient, args.requester, {
      ...askedFor(args),
      denialReason: denialReasonOf(args.reason),
      requestId: requestOf(ws, fields),
    }),
  );
}

export async function handleEmergencyAccessGranted(log: EmergencyAccessGrantedLog, ws: WorkingSet): Promise<void> {
  const { args, fields } = decodedLog(log);
  const event = await accessEvent(ws, fields, AccessKind.Emergency, AccessOutcome.Granted, args.patient, args.provider, {
    purpose: Purpose.Emergency,
    category: ALL_CATEGORIES,
    ticketId: args.ticketId,
    emergencyReasonCode: args.reasonCode,
    expiresAt: BigInt(args.expiresAt.toString()),
    requestId: requestOf(ws, fields),
  });
  await saveTicket(ws, event, { emergency: true, nonce: BigInt(args.nonce.toString()), consentVersion: 0 });
  ws.save(event);
}

/**
 * A read takes its purpose from its ticket and its category from the record version read. logRead only
 * accepts a ticket whose nonce was issued and re-checks it, so an honest vault's read always names an
 * indexed ticket; a VAULT_ROLE holder could still name terms that were never issued (the id then matches
 * no AccessGranted), and such a read is kept, with purpose None, rather than stopping the indexer.
 */
export async function handleRecordRead(log: RecordReadLog, ws: WorkingSet): Promise<void> {
  const { args, fields } = decodedLog(log);
  const ticket = await ws.get(AccessTicket, args.ticketId);
  const record = await ws.get(RecordVersion, args.recordId);
  ws.save(
    await accessEvent(ws, fields, AccessKind.Read, AccessOutcome.Granted, args.patient, args.reader, {
      purpose: ticket?.purpose ?? Purpose.None,
      category: record?.category,
      recordId: nonZero(args.recordId),
      ticketId: args.ticketId,
    }),
  );
}

type AccessDetails = Partial<Pick<AccessEvent, "category" | "recordId" | "ticketId" | "denialReason" | "emergencyReasonCode" | "expiresAt" | "requestId">> & {
  purpose: Purpose;
};

/** What a request, and the grant or denial that answers it, say was asked for. */
function askedFor(args: Pick<NonNullable<AccessRequestedLog["args"]>, "purpose" | "category" | "recordId">): AccessDetails {
  return { purpose: purposeOf(args.purpose), category: args.category, recordId: nonZero(args.recordId) };
}

async function accessEvent(
  ws: WorkingSet,
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
    actorRole: (await ws.get(Account, actorAddress))?.role ?? Role.None,
    day: utcDay(fields.blockTimestamp),
    ...details,
  });
}

async function saveTicket(ws: WorkingSet, event: AccessEvent, terms: { emergency: boolean; nonce: bigint; consentVersion: number }): Promise<void> {
  ws.save(
    AccessTicket.create({
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
    }),
  );
}

/**
 * An outcome directly follows its AccessRequested log in the same transaction, so in the same block: the
 * block's own writes answer (a replayed block is indexed again from its first log).
 */
function requestOf(ws: WorkingSet, fields: LogFields): string | undefined {
  const requestId = `${fields.txHash}-${fields.logIndex - 1}`;
  const request = ws.local(AccessEvent, requestId);
  return request?.kind === AccessKind.Request ? requestId : undefined;
}

function nonZero(id: string): string | undefined {
  return id === ZERO_BYTES32 ? undefined : id;
}

function utcDay(timestamp: Date): Date {
  return new Date(Date.UTC(timestamp.getUTCFullYear(), timestamp.getUTCMonth(), timestamp.getUTCDate()));
}
