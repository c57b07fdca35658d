import type { WorkingSet } from "./workingSet";
import { ConsentGrantedLog, ConsentRevokedLog } from "../types/abi-interfaces/CareTrail";
import { Consent, ConsentAction, ConsentGrantedEvent, ConsentRevokedEvent, ConsentVersion, TicketVoidReason } from "../types";
import { address, consentId, decodedLog, purposeOf, type LogFields } from "./logFields";
import { isSignedGrant } from "./signedGrant";
import { voidLiveTickets } from "./tickets";

export async function handleConsentGranted(log: ConsentGrantedLog, ws: WorkingSet): Promise<void> {
  const { args, fields } = decodedLog(log);
  const patient = address(args.patient);
  const grantee = address(args.grantee);
  const grant = {
    scope: args.scope,
    purpose: purposeOf(args.purpose),
    expiresAt: BigInt(args.expiresAt.toString()),
    version: args.version,
  };
  ws.save(ConsentGrantedEvent.create({ ...fields, patient, grantee, ...grant }));
  const consent = Consent.create({
    id: consentId(patient, grantee),
    patientId: patient,
    grantee,
    ...grant,
    active: true,
    updatedAtBlock: fields.blockNumber,
    updatedAt: fields.blockTimestamp,
  });
  ws.save(consent);
  await saveVersion(ws, consent, ConsentAction.Granted, fields, isSignedGrant(log));
  // A re-grant replaces the consent: tickets issued under an older version no longer pass logRead.
  await voidLiveTickets(ws, { grantee, patient, includeEmergency: false, reason: TicketVoidReason.ConsentReplaced }, fields);
}

export async function handleConsentRevoked(log: ConsentRevokedLog, ws: WorkingSet): Promise<void> {
  const { args, fields } = decodedLog(log);
  const patient = address(args.patient);
  const grantee = address(args.grantee);
  const version = args.version;
  ws.save(ConsentRevokedEvent.create({ ...fields, patient, grantee, version }));
  const consent = await ws.get(Consent, consentId(patient, grantee));
  if (!consent) throw new Error(`ConsentRevoked ${fields.id} revokes a consent that was never granted: reindex from the deployment block.`);
  consent.active = false;
  consent.version = version;
  consent.updatedAtBlock = fields.blockNumber;
  consent.updatedAt = fields.blockTimestamp;
  ws.save(consent);
  await saveVersion(ws, consent, ConsentAction.Revoked, fields, false);
  await voidLiveTickets(ws, { grantee, patient, includeEmergency: false, reason: TicketVoidReason.ConsentRevoked }, fields);
}

/** A snapshot of the consent after this event, so consentAsOf(block) is one indexed lookup. */
async function saveVersion(ws: WorkingSet, consent: Consent, action: ConsentAction, fields: LogFields, viaSignature: boolean): Promise<void> {
  ws.save(
    ConsentVersion.create({
      id: `${consent.id}-${consent.version}`,
      consentId: consent.id,
      patient: consent.patientId,
      grantee: consent.grantee,
      version: consent.version,
      action,
      scope: consent.scope,
      purpose: consent.purpose,
      expiresAt: consent.expiresAt,
      active: consent.active,
      viaSignature,
      blockNumber: fields.blockNumber,
      blockTimestamp: fields.blockTimestamp,
      txHash: fields.txHash,
      logIndex: fields.logIndex,
    }),
  );
}
