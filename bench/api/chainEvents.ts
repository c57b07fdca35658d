// Stages the access events of a real chain, read from its logs, in the loader's stage table: what the fidelity
// test feeds to materialiseEvents to compare its rows with the indexer's for the same events.
import { Contract, type JsonRpcProvider } from "ethers";
import type postgres from "postgres";
import { careTrailAbi, DenialReasonNames, PurposeNames, RoleNames, type Deployment } from "@caretrail/sdk";

const ZERO = "0x" + "0".repeat(64);

type StagedEvent = {
  kind: string;
  patient: string;
  actor: string;
  actor_role: string;
  purpose: string;
  category: number | null;
  record_id: string | null;
  ticket_id: string | null;
  denial_reason: string | null;
  emergency_reason_code: number | null;
  expires_at: string | null;
  nonce: string | null;
  consent_version: number | null;
  block_number: string;
  block_timestamp: Date;
  tx_hash: string;
  log_index: number;
};

export async function stageChainEvents(
  sql: postgres.Sql<Record<string, never>>,
  schema: string,
  provider: JsonRpcProvider,
  deployment: Deployment,
): Promise<number> {
  const contract = new Contract(deployment.address, careTrailAbi, provider);
  const logs = await provider.getLogs({ address: deployment.address, fromBlock: deployment.startBlock, toBlock: "latest" });
  const recordCategory = new Map<string, number>();
  const ticketPurpose = new Map<string, string>();
  const timestamps = new Map<number, Date>();
  const rows: StagedEvent[] = [];
  for (const log of logs) {
    const parsed = contract.interface.parseLog(log);
    if (!parsed) continue;
    const a = parsed.args;
    if (parsed.name === "RecordAppended") recordCategory.set(a.recordId, Number(a.category));
    const actorOf: Record<string, string> = {
      AccessRequested: a.requester,
      AccessGranted: a.requester,
      AccessDenied: a.requester,
      EmergencyAccessGranted: a.provider,
      RecordRead: a.reader,
    };
    const actor = actorOf[parsed.name];
    if (!actor) continue;
    if (!timestamps.has(log.blockNumber)) timestamps.set(log.blockNumber, new Date((await provider.getBlock(log.blockNumber))!.timestamp * 1000));
    // The indexer reads the actor's role from its projection as of the block; the registry answers the same.
    const role = RoleNames[Number(await contract.getFunction("roleOf")(actor, { blockTag: log.blockNumber }))]!;
    const nonZero = (id: string) => (id === ZERO ? null : id);
    const base = {
      patient: (a.patient as string).toLowerCase(),
      actor: actor.toLowerCase(),
      actor_role: role,
      block_number: String(log.blockNumber),
      block_timestamp: timestamps.get(log.blockNumber)!,
      tx_hash: log.transactionHash,
      log_index: log.index,
      ticket_id: null,
      denial_reason: null,
      emergency_reason_code: null,
      expires_at: null,
      nonce: null,
      consent_version: null,
    };
    switch (parsed.name) {
      case "AccessRequested":
        rows.push({ ...base, kind: "Request", purpose: PurposeNames[Number(a.purpose)]!, category: Number(a.category), record_id: nonZero(a.recordId) });
        break;
      case "AccessGranted":
        ticketPurpose.set(a.ticketId, PurposeNames[Number(a.purpose)]!);
        rows.push({
          ...base,
          kind: "Grant",
          purpose: PurposeNames[Number(a.purpose)]!,
          category: Number(a.category),
          record_id: nonZero(a.recordId),
          ticket_id: a.ticketId,
          expires_at: String(a.expiresAt),
          nonce: String(a.nonce),
          consent_version: Number(a.consentVersion),
        });
        break;
      case "AccessDenied":
        rows.push({
          ...base,
          kind: "Denial",
          purpose: PurposeNames[Number(a.purpose)]!,
          category: Number(a.category),
          record_id: nonZero(a.recordId),
          denial_reason: DenialReasonNames[Number(a.reason)]!,
        });
        break;
      case "EmergencyAccessGranted":
        ticketPurpose.set(a.ticketId, "Emergency");
        rows.push({
          ...base,
          kind: "Emergency",
          purpose: "Emergency",
          category: 255,
          record_id: null,
          ticket_id: a.ticketId,
          emergency_reason_code: Number(a.reasonCode),
          expires_at: String(a.expiresAt),
          nonce: String(a.nonce),
          consent_version: 0,
        });
        break;
      case "RecordRead":
        rows.push({
          ...base,
          kind: "Read",
          purpose: ticketPurpose.get(a.ticketId) ?? "None",
          category: recordCategory.get(a.recordId) ?? null,
          record_id: nonZero(a.recordId),
          ticket_id: a.ticketId,
        });
        break;
    }
  }
  if (rows.length) await sql`insert into ${sql(`${schema}_stage.events`)} ${sql(rows)}`;
  return rows.length;
}
