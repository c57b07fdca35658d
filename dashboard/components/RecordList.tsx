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
      {records.map((record) => (
        <li key={record.id} className="event">
          <div className="event-head">
            <strong>{categoryName(record.category)}</strong>
            <SignatureBadge valid={record.latest.signatureValid} />
            {record.versionCount > 1 && <span className="badge warn">amended · {record.versionCount} versions</span>}
            {record.latest.authorisingConsent && <span className="badge grant">written under your consent v{record.latest.authorisingConsent.version}</span>}
          </div>
          <div className="event-meta">
            by {displayName(record.latest.author, names)} · {formatTime(record.latest.position.blockTimestamp)} · block {record.latest.position.blockNumber} ·{" "}
            <Link href={`/records/${record.id}`}>provenance</Link>
          </div>
        </li>
      ))}
    </ul>
  );
}
