import { displayName, formatTime, titleCase, type NameBook } from "@/lib/format";
import type { Alert } from "@/lib/types";

export function AlertList({ alerts, names }: { alerts: Alert[]; names: NameBook }) {
  return (
    <ul className="timeline" aria-label="Alerts">
      {alerts.map((alert) => (
        <li key={`${alert.rule}-${alert.event.id}`} className={`event ${alert.rule === "EMERGENCY_ACCESS" ? "emergency" : "denial"}`}>
          <div className="event-head">
            <span className={`badge ${alert.rule === "EMERGENCY_ACCESS" ? "emergency" : "denial"}`}>{titleCase(alert.rule)}</span>
            <strong>{displayName(alert.event.actor, names)}</strong> → {displayName(alert.event.patient, names)}
          </div>
          <div>{alert.detail}</div>
          <div className="event-meta">{formatTime(alert.event.position.blockTimestamp)} · block {alert.event.position.blockNumber}</div>
        </li>
      ))}
    </ul>
  );
}
