// A provider's patients: each consent's scope, purpose and expiry, and the records it covers, each openable through
// the vault (the read is logged on-chain and shows on the patient's own timeline).
import Link from "next/link";
import { RecordOpener } from "@/components/patient/RecordOpener";
import { categoryName, displayName, formatDay, formatTime, purposeLabel, scopeNames, type NameBook } from "@/lib/format";
import { isCareConsent, type MyPatient } from "@/lib/providerData";

function ConsentTerms({ consent }: { consent: MyPatient["consent"] }) {
  const state = !consent.active ? "Revoked" : !consent.live ? "Expired" : isCareConsent(consent) ? "Active" : "Not for care";
  return (
    <div>
      <span className={`badge ${state === "Active" ? "grant" : "neutral"}`}>{state}</span> {scopeNames(consent.scope).join(", ") || "nothing"} ·{" "}
      {purposeLabel(consent.purpose)} · {consent.live ? "until" : "ended"} {formatTime(consent.expiresAt)}
    </div>
  );
}

export function MyPatients({ patients, names }: { patients: MyPatient[]; names: NameBook }) {
  return (
    <ul className="timeline" aria-label="My patients">
      {patients.map(({ patient, consent, records, moreRecords }) => {
        const name = displayName(patient, names);
        const usable = consent.live && isCareConsent(consent);
        return (
          <li key={patient} className={`event ${usable ? "grant" : ""}`} data-patient={patient.toLowerCase()}>
            <div className="event-head">
              <h3 style={{ margin: 0 }}>{name}</h3>
              <span className="who">consent v{consent.version}</span>
            </div>
            <ConsentTerms consent={consent} />
            {usable &&
              (records.length === 0 ? (
                <p className="who">No records within this consent's scope yet.</p>
              ) : (
                <ul className="timeline" aria-label={`Records of ${name}`}>
                  {records.map((record) => {
                    const day = record.blockTimestamp ? `, ${formatDay(record.blockTimestamp)}` : "";
                    const title = `${categoryName(record.category)} from ${displayName(record.author, names)}${day}`;
                    return (
                      <li key={record.id} className="event" data-record={record.id}>
                        <div className="event-head">
                          <strong>{title}</strong>
                          {record.versionCount > 1 && <span className="badge warn">amended · {record.versionCount} versions</span>}
                        </div>
                        <RecordOpener recordId={record.id} fileName={`${name}-${title}`.replaceAll(/[^A-Za-z0-9]+/g, "-")} names={names} />
                        <div className="event-meta">
                          <Link href={`/records/${record.id}`}>Provenance and proof</Link>
                        </div>
                      </li>
                    );
                  })}
                  {moreRecords && <li className="who">Showing the newest {records.length}; older records are on the chain.</li>}
                </ul>
              ))}
          </li>
        );
      })}
    </ul>
  );
}
