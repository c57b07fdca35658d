// The answer to "who saw my data, and can they still?" in four tiles, at the top of the patient's page.
import Link from "next/link";
import { categoryName, displayName, formatCount, formatTime, kindLabel, type NameBook } from "@/lib/format";
import type { AccessSummary as Summary } from "@/lib/patientData";

type CountTileProps = { id: string; label: string; count: number; kind: "READ" | "DENIAL" | "EMERGENCY"; show: string; tone?: string };

/** A count with a link that filters the timeline below to its kind; a `tone` marks the tile once the count is not zero. */
function CountTile({ id, label, count, kind, show, tone }: CountTileProps) {
  return (
    <div className={`tile${tone && count ? ` ${tone}` : ""}`} data-summary={id}>
      <span className="who">{label}</span>
      <strong>{formatCount(count)}</strong>
      <Link href={`/patient?kind=${kind}#access-heading`} scroll={false}>
        {show}
      </Link>
    </div>
  );
}

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
      <CountTile id="reads" label="Records read" count={reads} kind="READ" show="Show reads" />
      <CountTile id="denials" label="Denied attempts" count={denials} kind="DENIAL" show="Show denials" tone="tile-denial" />
      <CountTile id="emergencies" label="Emergency accesses" count={emergencies} kind="EMERGENCY" show="Show emergencies" tone="tile-emergency" />
    </div>
  );
}
