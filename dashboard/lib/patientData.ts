// The patient's questions, answered from the API: "who saw my data lately" (a summary for the top of the page) and
// "who can still read it" (the API's whoCanRead: live tickets, and those voided or expired lately, with why).
import { graphqlRequest } from "./apiClient";
import type { AccessEvent, AccessKind, GranteeTickets, Ticket } from "./apiShapes";
import { graphql } from "./generated";
import type { Session } from "./session";

/**
 * An access ticket as the API's whoCanRead reports it (live, expired, or voided, and why, by which transaction), in
 * the view's words: the grantee is its holder, and an emergency ticket's category is "all" (null).
 */
export type TicketView = Omit<Ticket, "grantee" | "granteeRole" | "category"> & { holder: string; holderRole: Ticket["granteeRole"]; category: number | null };
/** Kept for the views that only need the live ones. */
export type LiveTicket = TicketView;

export type GranteeAccess = Omit<GranteeTickets, "live" | "recentlyEnded"> & { live: TicketView[]; recentlyEnded: TicketView[] };

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
/** The API's ticket in the view's words: an emergency ticket covers every category, shown as "all". */
export function ticketView(row: Ticket): TicketView {
  const { grantee, granteeRole, ...rest } = row;
  return { ...rest, holder: grantee, holderRole: granteeRole, category: row.emergency ? null : row.category };
}

async function fetchWhoCanRead(session: Session): Promise<GranteeAccess[]> {
  const data = await graphqlRequest(
    graphql(`
      query WhoCanRead($patient: Address!) {
        whoCanRead(patient: $patient, endedWithinDays: 30, first: 12) {
          grantee
          granteeRole
          canReadNow
          liveCount
          endedCount
          live {
            ...TicketFields
          }
          recentlyEnded {
            ...TicketFields
          }
        }
      }
    `),
    { patient: session.address },
    session.token,
  );
  return data.whoCanRead.map((row) => ({ ...row, live: row.live.map(ticketView), recentlyEnded: row.recentlyEnded.map(ticketView) }));
}

async function timeline(session: Session, kinds: AccessKind[] | undefined, first: number) {
  const data = await graphqlRequest(
    graphql(`
      query PatientTimeline($filter: AuditFilter, $first: Int) {
        auditTimeline(filter: $filter, first: $first) {
          totalCount
          edges {
            node {
              ...AccessEventFields
            }
          }
        }
      }
    `),
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
