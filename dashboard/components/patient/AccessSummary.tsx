// The answer to "who saw my data, and can they still?" in four tiles, at the top of the patient's page.
import Link from "next/link";
import { categoryName, displayName, formatCount, formatTime, kindLabel, type NameBook } from "@/lib/format";
import type { AccessSummary as Summary } from "@/lib/patientData";

export function AccessSummary({ summary, names }: { summary: Summary; names: NameBook }) {
  const { lastAccess, liveTickets, denials, emergencies, reads } = summary;
  const holders = [...new Set(liveTickets.map((ticket) => displayName(ticket.holder, names)))];
  return (
    <div className="tiles" aria-label="Summary of who accessed my data">
      <div className="tile" data-summary="last-access">
        <span className="who">Last access</span>
        {lastAccess ? (
          <>
            <strong className="tile-text">{displayName(lastAccess.actor, names)}</strong>
            {kindLabel(lastAccess.kind).toLowerCase()} · {categoryName(lastAccess.category)} · {formatTime(lastAccess.position.blockTimestamp)}
          </>
        ) : (
          <strong className="tile-text">Nobody yet</strong>
        )}
      </div>
      <div className="tile" data-summary="live-tickets">
        <span className="who">Can read now (live tickets)</span>
        <strong>{formatCount(liveTickets.length)}</strong>
        {holders.length > 0 ? holders.join(", ") : "Nobody holds a live ticket."}
      </div>
      <div className="tile" data-summary="reads">
        <span className="who">Records read</span>
        <strong>{formatCount(reads)}</strong>
        <Link href="/patient?kind=READ#access-heading" scroll={false}>
          Show reads
        </Link>
      </div>
      <div className={`tile${denials ? " tile-denial" : ""}`} data-summary="denials">
        <span className="who">Denied attempts</span>
        <strong>{formatCount(denials)}</strong>
        <Link href="/patient?kind=DENIAL#access-heading" scroll={false}>
          Show denials
        </Link>
      </div>
      <div className={`tile${emergencies ? " tile-emergency" : ""}`} data-summary="emergencies">
        <span className="who">Emergency accesses</span>
        <strong>{formatCount(emergencies)}</strong>
        <Link href="/patient?kind=EMERGENCY#access-heading" scroll={false}>
          Show emergencies
        </Link>
      </div>
    </div>
  );
}
