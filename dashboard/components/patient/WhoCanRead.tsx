// "Can they still?": each grantee who can read now (until when), and tickets that ended lately with why, in words;
// the voiding transaction one click away.
import { PlainText } from "@/components/PlainText";
import { categoryName, displayName, formatTime, purposeLabel, type NameBook } from "@/lib/format";
import type { GranteeAccess, TicketView } from "@/lib/patientData";
import { voidReasonInWords } from "@/lib/plainWords";

export function endedInWords(ticket: TicketView): { words: string; detail?: string } {
  if (ticket.state !== "VOIDED") return { words: `Expired ${formatTime(ticket.expiresAt)}.` };
  const plain = voidReasonInWords(ticket.voidReason);
  const when = ticket.voidedAt ? ` (${formatTime(ticket.voidedAt)})` : "";
  return {
    words: `${plain.words.replace(/\.$/, "")}${when}.`,
    detail: [plain.detail, ticket.voidedByTx && `transaction ${ticket.voidedByTx}`].filter(Boolean).join(" · "),
  };
}

const covers = (ticket: TicketView) =>
  ticket.emergency
    ? "every record (emergency access)"
    : ticket.recordId
      ? `one ${categoryName(ticket.category).toLowerCase()} record`
      : `${categoryName(ticket.category)} records`;

export function WhoCanRead({ grantees, names }: { grantees: GranteeAccess[]; names: NameBook }) {
  if (grantees.length === 0) return <p className="who">Nobody has held a ticket to your data in the last 30 days.</p>;
  return (
    <details className="who-can-read" open={grantees.some((grantee) => grantee.canReadNow)}>
      <summary>Who can still read my data ({grantees.filter((grantee) => grantee.canReadNow).length} now)</summary>
      <ul className="timeline" aria-label="Who can still read my data">
        {grantees.map((grantee) => (
          <li key={grantee.grantee} className={`event ${grantee.canReadNow ? "grant" : ""}`} data-can-read={grantee.grantee.toLowerCase()}>
            <div className="event-head">
              <span className={`badge ${grantee.canReadNow ? "grant" : "neutral"}`}>{grantee.canReadNow ? "Can read now" : "Cannot read now"}</span>
              <strong>{displayName(grantee.grantee, names)}</strong>
            </div>
            {grantee.live.map((ticket) => (
              <div key={ticket.id}>
                {covers(ticket)} for {purposeLabel(ticket.purpose).toLowerCase()}, until {formatTime(ticket.expiresAt)}
              </div>
            ))}
            {grantee.recentlyEnded.slice(0, 3).map((ticket) => (
              <div key={ticket.id} className="who" data-ticket-state={ticket.state}>
                {covers(ticket)}: <PlainText plain={endedInWords(ticket)} label="Chain details" />
              </div>
            ))}
            {grantee.endedCount > 3 && <div className="who">and {grantee.endedCount - 3} more ended tickets</div>}
          </li>
        ))}
      </ul>
    </details>
  );
}
