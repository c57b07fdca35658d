// One page of access events; grants, denials and emergencies are marked by colour, label and icon text (not colour alone).
import { categoryName, displayName, eventTone, formatTime, kindLabel, purposeLabel, roleLabel, shortHash, type NameBook } from "@/lib/format";
import type { AccessEvent } from "@/lib/types";

export function EventTimeline({ events, names, showPatient = false, label }: { events: AccessEvent[]; names: NameBook; showPatient?: boolean; label: string }) {
  return (
    <ol className="timeline" aria-label={label}>
      {events.map((event) => {
        const tone = eventTone(event);
        return (
          <li key={event.id} className={`event ${tone}`} data-kind={event.kind}>
            <div className="event-head">
              <span className={`badge ${tone}`}>{tone === "emergency" ? "⚠ " : tone === "denial" ? "✕ " : ""}{kindLabel(event.kind)}</span>
              <strong>{displayName(event.actor, names)}</strong>
              <span className="who">{roleLabel(event.actorRole)}</span>
              {showPatient && <span>→ {displayName(event.patient, names)}</span>}
            </div>
            <div>
              {categoryName(event.category)} · {purposeLabel(event.purpose)}
              {event.denialReason && <> · reason: {event.denialReason}</>}
              {event.emergencyReasonCode !== null && <> · emergency reason code {event.emergencyReasonCode}</>}
              {event.expiresAt && <> · until {formatTime(event.expiresAt)}</>}
            </div>
            <div className="event-meta">
              <time dateTime={event.position.blockTimestamp}>{formatTime(event.position.blockTimestamp)}</time> · block {event.position.blockNumber} · tx{" "}
              <span className="mono">{shortHash(event.position.txHash)}</span>
              {event.recordId && <> · record <span className="mono">{shortHash(event.recordId)}</span></>}
            </div>
          </li>
        );
      })}
    </ol>
  );
}
