// The patient's questions, answered from the API: "who saw my data lately" (a summary for the top of the page) and
// "who holds a live ticket to my records now". Pure helpers are exported for unit tests.
import { graphqlRequest } from "./apiClient";
import { EVENT } from "./data";
import type { Session } from "./session";
import type { AccessEvent, AccessKind, ConsentVersion } from "./types";

/** A ticket the chain issued and that no expiry, revocation or consent change has ended yet. */
export type LiveTicket = {
  holder: string;
  holderRole: AccessEvent["actorRole"];
  recordId: string | null;
  category: number | null;
  purpose: AccessEvent["purpose"];
  expiresAt: string;
  emergency: boolean;
  issuedAt: string;
};

export type AccessSummary = {
  lastAccess: AccessEvent | undefined;
  reads: number;
  denials: number;
  emergencies: number;
  liveTickets: LiveTicket[];
  /** Everyone who appears in the recent trail, for the "accessor" picker. */
  recentActors: string[];
};

/** The longest a ticket lives (CareAccess.sol: EMERGENCY_TTL 4 h, TICKET_TTL 1 h): older grants cannot be live. */
const LONGEST_TICKET_MS = 4 * 3_600_000;
const RECENT_EVENTS = 200;

type Page = { totalCount: number; edges: { node: AccessEvent }[] };

async function timeline(session: Session, kinds: AccessKind[] | undefined, first: number, from?: string): Promise<Page> {
  const data = await graphqlRequest<{ auditTimeline: Page }>(
    `query($filter: AuditFilter, $first: Int) { auditTimeline(filter: $filter, first: $first) { totalCount edges { node { ${EVENT} } } } }`,
    { filter: { patient: session.address, ...(kinds ? { kinds } : {}), ...(from ? { from } : {}) }, first },
    session.token,
  );
  return data.auditTimeline;
}

/**
 * Grants and emergency grants still live at `now`: not expired, and (for consent-based tickets) no consent change for
 * that grantee since, because a revocation or a re-grant voids the tickets issued under the old version on-chain.
 */
export function liveTicketsOf(grants: AccessEvent[], consentChanges: ConsentVersion[], now = Date.now()): LiveTicket[] {
  return grants
    .filter((grant) => (grant.kind === "GRANT" || grant.kind === "EMERGENCY") && grant.expiresAt && Date.parse(grant.expiresAt) > now)
    .filter((grant) => {
      if (grant.kind === "EMERGENCY" || grant.actor === grant.patient) return true;
      return !consentChanges.some((change) => change.grantee.toLowerCase() === grant.actor.toLowerCase() && change.position.blockNumber > grant.position.blockNumber);
    })
    .map((grant) => ({
      holder: grant.actor,
      holderRole: grant.actorRole,
      recordId: grant.recordId,
      category: grant.kind === "EMERGENCY" ? null : grant.category,
      purpose: grant.purpose,
      expiresAt: grant.expiresAt!,
      emergency: grant.kind === "EMERGENCY",
      issuedAt: grant.position.blockTimestamp,
    }));
}

/** The tickets among `tickets` that reach this record: its own, its category's, or an emergency ticket. */
export function ticketsForRecord(tickets: LiveTicket[], record: { id: string; category: number }): LiveTicket[] {
  return tickets.filter((ticket) => ticket.emergency || ticket.recordId === record.id || (ticket.recordId === null && ticket.category === record.category));
}

export async function fetchAccessSummary(session: Session, consentChanges: ConsentVersion[]): Promise<AccessSummary> {
  const since = new Date(Date.now() - LONGEST_TICKET_MS).toISOString();
  const [recent, reads, denials, emergencies, grants] = await Promise.all([
    timeline(session, ["READ", "GRANT", "EMERGENCY", "DENIAL"], RECENT_EVENTS),
    timeline(session, ["READ"], 1),
    timeline(session, ["DENIAL"], 1),
    timeline(session, ["EMERGENCY"], 1),
    timeline(session, ["GRANT", "EMERGENCY"], RECENT_EVENTS, since),
  ]);
  const events = recent.edges.map((edge) => edge.node);
  return {
    lastAccess: events.find((event) => event.kind === "READ" || event.kind === "EMERGENCY" || event.kind === "GRANT"),
    reads: reads.totalCount,
    denials: denials.totalCount,
    emergencies: emergencies.totalCount,
    liveTickets: liveTicketsOf(grants.edges.map((edge) => edge.node), consentChanges),
    recentActors: [...new Set(events.map((event) => event.actor.toLowerCase()))].filter((actor) => actor !== session.address.toLowerCase()),
  };
}
