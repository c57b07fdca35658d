import Link from "next/link";
import type { CareRecordSummary } from "@/lib/apiShapes";
import { categoryName, displayName, formatTime, type NameBook } from "@/lib/format";

/** The signature badge: verified, invalid, or unchecked (the API runs without the deployment). */
export function SignatureBadge({ valid }: { valid: boolean | null }) {
  if (valid === null) return <span className="badge skip">signature unchecked</span>;
  return valid ? <span className="badge pass">✓ signed by author</span> : <span className="badge fail">✕ signature invalid</span>;
}

export function RecordList({ records, names }: { records: CareRecordSummary[]; names: NameBook }) {
  return (
    <ul className="timeline" aria-label="My records">
      {records.map(({ id, category, versionCount, latest }) => (
        <li key={id} className="event">
          <div className="event-head">
            <strong>{categoryName(category)}</strong>
            <SignatureBadge valid={latest.signatureValid} />
            {versionCount > 1 && <span className="badge warn">amended · {versionCount} versions</span>}
            {latest.authorisingConsent && <span className="badge grant">written under your consent v{latest.authorisingConsent.version}</span>}
          </div>
          <div className="event-meta">
            by {displayName(latest.author, names)} · {formatTime(latest.position.blockTimestamp)} · block {latest.position.blockNumber} ·{" "}
            <Link href={`/records/${id}`}>provenance</Link>
          </div>
        </li>
      ))}
    </ul>
  );
}
