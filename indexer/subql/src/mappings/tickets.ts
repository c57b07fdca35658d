import type { WorkingSet } from "./workingSet";
import { AccessTicket, TicketVoidReason } from "../types";
import type { LogFields } from "./logFields";

/** SubQuery's store answers at most this many rows per call. */
const PAGE = 100;

type VoidScope = {
  grantee: string;
  /** Only this patient's tickets (a consent event); every patient's when absent (suspension, removal). */
  patient?: string;
  /** Consent events leave break-glass tickets alone: the emergency window, not the consent, backs them. */
  includeEmergency: boolean;
  reason: TicketVoidReason;
};

/**
 * Marks the grantee's tickets that were still unexpired at this event as voided, mirroring logRead, which
 * refuses them from this block on. Already expired or voided tickets keep their state, so a replay of the
 * same block writes the same rows.
 */
export async function voidLiveTickets(ws: WorkingSet, { grantee, patient, includeEmergency, reason }: VoidScope, fields: LogFields): Promise<void> {
  const blockSeconds = BigInt(Math.floor(fields.blockTimestamp.getTime() / 1000));
  const filter: [keyof AccessTicket, "=", string | boolean][] = [
    ["grantee", "=", grantee],
    ["voided", "=", false],
  ];
  if (patient !== undefined) filter.push(["patient", "=", patient]);
  // The store's query must see the tickets this block issued or voided so far.
  await ws.flush(AccessTicket);
  const toVoid: AccessTicket[] = [];
  for (let offset = 0; ; offset += PAGE) {
    const page = await AccessTicket.getByFields(filter as never, { limit: PAGE, offset, orderBy: "id" });
    toVoid.push(...page.filter((ticket) => ticket.expiresAt > blockSeconds && (includeEmergency || !ticket.emergency)));
    if (page.length < PAGE) break;
  }
  for (const ticket of toVoid) {
    ticket.voided = true;
    ticket.voidReason = reason;
    ticket.voidedAtBlock = fields.blockNumber;
    ticket.voidedAt = fields.blockTimestamp;
    ticket.voidedByEvent = fields.id;
    ws.save(ticket);
  }
}
