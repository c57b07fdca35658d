// One page of access events; grants, denials and emergencies are marked by colour, label and icon text (not colour alone).
import type { AccessEvent } from "@/lib/apiShapes";
import { categoryName, displayName, eventTone, formatTime, kindLabel, purposeLabel, roleLabel, type NameBook } from "@/lib/format";
import { denialInWords } from "@/lib/plainWords";
import { PlainText } from "./PlainText";

export function EventTimeline({ events, names, showPatient = false, label }: { events: AccessEvent[]; names: NameBook; showPatient?: boolean; label: string }) {
  return (
    <ol className="timeline" aria-label={label}>
      {events.map((event) => {
        const tone = eventTone(event);
        return (
          <li key={event.id} className={`event ${tone}`} data-kind={event.kind} data-event-id={event.id}>
            <div className="event-head">
              <span className={`badge ${tone}`}>
                {tone === "emergency" ? "⚠ " : tone === "denial" ? "✕ " : ""}
                {kindLabel(event.kind)}
              </span>
              <strong>{displayName(event.actor, names)}</strong>
              <span className="who">{roleLabel(event.actorRole)}</span>
              {showPatient && <span>→ {displayName(event.patient, names)}</span>}
            </div>
            <div>
              {categoryName(event.category)} · {purposeLabel(event.purpose)}
              {event.kind === "DENIAL" && (
                <>
                  {" "}
                  · <PlainText plain={denialInWords(event.denialReason)} label="Reason code" />
                </>
              )}
              {event.emergencyReasonCode !== null && <> · emergency reason code {event.emergencyReasonCode}</>}
              {event.expiresAt && <> · until {formatTime(event.expiresAt)}</>}
            </div>
            <div className="event-meta">
              <time dateTime={event.position.blockTimestamp}>{formatTime(event.position.blockTimestamp)}</time>
              {/* The chain's coordinates are proof, not the story: one click away. */}
              <details className="raw-detail">
                <summary>Chain details</summary>
                <span className="mono wrap">
                  block {event.position.blockNumber} · tx {event.position.txHash}
                  {event.recordId && <> · record {event.recordId}</>}
                </span>
              </details>
            </div>
          </li>
        );
      })}
    </ol>
  );
}
