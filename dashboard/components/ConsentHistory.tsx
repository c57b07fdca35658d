import type { ConsentVersion } from "@/lib/apiShapes";
import { displayName, formatTime, purposeLabel, scopeNames, type NameBook } from "@/lib/format";

/** Every grant and revocation, newest first: the patient's own side of the audit trail. */
export function ConsentHistory({ versions, names }: { versions: ConsentVersion[]; names: NameBook }) {
  return (
    <ol className="timeline" aria-label="Consent history">
      {versions.map((version) => (
        <li
          key={`${version.grantee}-${version.version}`}
          className={`event ${version.action === "GRANTED" ? "grant" : "denial"}`}
          data-action={version.action}
          data-tx={version.position.txHash.toLowerCase()}
        >
          <div className="event-head">
            <span className={`badge ${version.action === "GRANTED" ? "grant" : "denial"}`}>
              {version.action === "GRANTED" ? "Consent granted" : "Consent revoked"}
            </span>
            <strong>{displayName(version.grantee, names)}</strong>
            <span className="who">
              v{version.version}
              {version.viaSignature ? " · relayed with your signature" : ""}
            </span>
          </div>
          {version.action === "GRANTED" && (
            <div>
              {scopeNames(version.scope).join(", ")} · {purposeLabel(version.purpose)} · until {formatTime(version.expiresAt)}
            </div>
          )}
          <div className="event-meta">
            <time dateTime={version.position.blockTimestamp}>{formatTime(version.position.blockTimestamp)}</time> · block {version.position.blockNumber}
          </div>
        </li>
      ))}
    </ol>
  );
}
