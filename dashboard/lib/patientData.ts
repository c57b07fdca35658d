// The patient's questions, answered from the API: "who saw my data lately" (a summary for the top of the page) and
// "who can still read it" (the API's whoCanRead: live tickets, and those voided or expired lately, with why).
import { graphqlRequest } from "./apiClient";
import { EVENT } from "./data";
import type { Session } from "./session";
import type { AccessEvent, AccessKind } from "./types";

/** An access ticket as the API's whoCanRead reports it: live, expired, or voided (and why, by which transaction). */
export type TicketView = {
  id: string;
  holder: string;
  holderRole: AccessEvent["actorRole"];
  recordId: string | null;
  category: number | null;
  purpose: AccessEvent["purpose"];
  expiresAt: string;
  emergency: boolean;
  issuedAt: string;
  state: "LIVE" | "EXPIRED" | "VOIDED";
  voidReason: string | null;
  voidedAt: string | null;
  voidedByTx: string | null;
};
/** Kept for the views that only need the live ones. */
export type LiveTicket = TicketView;

export type GranteeAccess = { grantee: string; granteeRole: AccessEvent["actorRole"]; canReadNow: boolean; live: TicketView[]; liveCount: number; recentlyEnded: TicketView[]; endedCount: number };

export type AccessSummary = {
  lastAccess: AccessEvent | undefined;
  reads: number;
  denials: number;
  emergencies: number;
  liveTickets: TicketView[];
  /** Per grantee: can they still read, and the tickets that ended lately with why. */
  whoCanRead: GranteeAccess[];
  /** Everyone who appears in the recent trail, for the "accessor" picker. */
  recentActors: string[];
};

// The API prices a query at its list bounds times the fields selected (limit 5000): these stay well under it.
const RECENT_EVENTS = 100;
const TICKET = "id grantee granteeRole recordId category purpose emergency expiresAt issuedAt state voidReason voidedAt voidedByTx";

type TicketRow = Omit<TicketView, "holder" | "holderRole" | "category"> & { grantee: string; granteeRole: TicketView["holderRole"]; category: number };

/** The API's ticket in the view's words: an emergency ticket covers every category, shown as "all". */
export function ticketView(row: TicketRow): TicketView {
  const { grantee, granteeRole, ...rest } = row;
  return { ...rest, holder: grantee, holderRole: granteeRole, category: row.emergency ? null : row.category };
}

async function fetchWhoCanRead(session: Session): Promise<GranteeAccess[]> {
  type Row = Omit<GranteeAccess, "live" | "recentlyEnded"> & { live: TicketRow[]; recentlyEnded: TicketRow[] };
  const data = await graphqlRequest<{ whoCanRead: Row[] }>(
    `query($patient: Address!) { whoCanRead(patient: $patient, endedWithinDays: 30, first: 12) {
       grantee granteeRole canReadNow liveCount endedCount live { ${TICKET} } recentlyEnded { ${TICKET} } } }`,
    { patient: session.address },
    session.token,
  );
  return data.whoCanRead.map((row) => ({ ...row, live: row.live.map(ticketView), recentlyEnded: row.recentlyEnded.map(ticketView) }));
}

type Page = { totalCount: number; edges: { node: AccessEvent }[] };

async function timeline(session: Session, kinds: AccessKind[] | undefined, first: number): Promise<Page> {
  const data = await graphqlRequest<{ auditTimeline: Page }>(
    `query($filter: AuditFilter, $first: Int) { auditTimeline(filter: $filter, first: $first) { totalCount edges { node { ${EVENT} } } } }`,
    { filter: { patient: session.address, ...(kinds ? { kinds } : {}) }, first },
    session.token,
  );
  return data.auditTimeline;
}

/** The tickets among `tickets` that reach this record: its own, its category's, or an emergency ticket. */
export function ticketsForRecord(tickets: TicketView[], record: { id: string; category: number }): TicketView[] {
  return tickets.filter((ticket) => ticket.emergency || ticket.recordId === record.id || (ticket.recordId === null && ticket.category === record.category));
}

export async function fetchAccessSummary(session: Session): Promise<AccessSummary> {
  const [recent, reads, denials, emergencies, whoCanRead] = await Promise.all([
    timeline(session, ["READ", "GRANT", "EMERGENCY", "DENIAL"], RECENT_EVENTS),
    timeline(session, ["READ"], 1),
    timeline(session, ["DENIAL"], 1),
    timeline(session, ["EMERGENCY"], 1),
    fetchWhoCanRead(session),
  ]);
  const events = recent.edges.map((edge) => edge.node);
  return {
    lastAccess: events.find((event) => event.kind === "READ" || event.kind === "EMERGENCY" || event.kind === "GRANT"),
    reads: reads.totalCount,
    denials: denials.totalCount,
    emergencies: emergencies.totalCount,
    liveTickets: whoCanRead.flatMap((grantee) => grantee.live),
    whoCanRead,
    recentActors: [...new Set(events.map((event) => event.actor.toLowerCase()))].filter((actor) => actor !== session.address.toLowerCase()),
  };
}
