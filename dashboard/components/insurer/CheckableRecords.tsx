// The insurer's work list: each patient who gave it a payment consent, the records it may check now, and, for a
// consent that lapsed, why it can no longer.
import Link from "next/link";
import type { ConsentToMe } from "@/lib/apiShapes";
import { categoryName, displayName, shortHash, type NameBook } from "@/lib/format";
import { consentStanding } from "@/lib/insurerData";

export function CheckableRecords({ consents, names }: { consents: ConsentToMe[]; names: NameBook }) {
  const live = consents.filter((consent) => consent.live);
  const lapsed = consents.filter((consent) => !consent.live);
  return (
    <>
      {live.length === 0 ? (
        <p className="state">No patient has a live payment consent with you: there is no record you may check.</p>
      ) : (
        <ul className="timeline" aria-label="Records you may check">
          {live.map((consent) => (
            <li key={consent.patient} className="event grant">
              <div className="event-head">
                <strong>{displayName(consent.patient, names)}</strong>
                <span className="who">{consentStanding(consent)}</span>
              </div>
              {consent.records.length === 0 ? (
                <div className="who">No record in this scope yet.</div>
              ) : (
                <ul className="plain-list">
                  {consent.records.map((record) => (
                    <li key={record.id}>
                      <Link href={`/records/${record.id}`}>
                        {categoryName(record.category)} record <span className="mono">{shortHash(record.id)}</span>
                      </Link>{" "}
                      <span className="who">
                        {record.versionCount} version{record.versionCount === 1 ? "" : "s"}
                      </span>
                    </li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ul>
      )}
      {lapsed.length > 0 && (
        <details className="lapsed">
          <summary>
            {lapsed.length} consent{lapsed.length === 1 ? "" : "s"} no longer open records
          </summary>
          <ul className="plain-list" aria-label="Lapsed payment consents">
            {lapsed.map((consent) => (
              <li key={consent.patient}>
                {displayName(consent.patient, names)}: {consentStanding(consent)}
              </li>
            ))}
          </ul>
        </details>
      )}
    </>
  );
}
