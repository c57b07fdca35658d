import Link from "next/link";
import { EventTimeline } from "@/components/EventTimeline";
import { Page } from "@/components/Page";
import { SignatureBadge } from "@/components/RecordList";
import { EmptyState, ErrorState } from "@/components/StatusViews";
import { fetchRecord, load, requireSession } from "@/lib/data";
import { explainInsurerRefusal } from "@/lib/insurerData";
import { categoryName, displayName, formatTime, purposeLabel, scopeNames, shortHash } from "@/lib/format";
import { personaNames } from "@/lib/personas";
import { homeFor } from "@/lib/roles";

export const dynamic = "force-dynamic";

export default async function RecordPage({ params }: { params: Promise<{ id: string }> }) {
  const session = await requireSession(["PATIENT", "PROVIDER", "INSURER", "AUDITOR"]);
  const { id } = await params;
  const names = personaNames();
  const record = await load(() => fetchRecord(session, id));
  const back = homeFor(session.roles) ?? "/";
  // An insurer refused a record is told which consent is missing, in words, rather than a bare FORBIDDEN.
  const refusal =
    record.error?.code === "FORBIDDEN" && session.roles.includes("INSURER") && /^0x[0-9a-fA-F]{64}$/.test(id)
      ? await explainInsurerRefusal(session, id, names).catch(() => undefined)
      : undefined;
  return (
    <Page
      session={session}
      title="Record provenance"
      lede={`Record ${shortHash(id)}: every version, who signed it, where it sits on the chain, and the consent that allowed it.`}
    >
      <p>
        <Link href={back}>← Back</Link>
      </p>
      {refusal ? (
        <div className="state error" role="alert" data-testid="refusal">
          <strong>You may not check this record.</strong> {refusal} <Link href="/auditor">See the records you may check.</Link>
        </div>
      ) : record.error ? (
        <ErrorState error={record.error} what="this record" />
      ) : !record.data ? (
        <EmptyState>
          No record with id <span className="mono">{id}</span> is on the chain. Check the id (any version&apos;s id works).
        </EmptyState>
      ) : (
        <>
          <section className="panel" aria-labelledby="versions-heading">
            <h2 id="versions-heading">
              {categoryName(record.data.category)} for {displayName(record.data.patient, names)} · {record.data.versionCount} version
              {record.data.versionCount === 1 ? "" : "s"}
            </h2>
            <ol className="timeline" aria-label="Provenance chain">
              {record.data.versions.map((version) => (
                <li key={version.id} className="event">
                  <div className="event-head">
                    <strong>Version {version.version}</strong>
                    <SignatureBadge valid={version.signatureValid} />
                    {version.supersededById && <span className="badge warn">superseded</span>}
                  </div>
                  <div>
                    Author {displayName(version.author, names)} <span className="mono">{version.author}</span>
                  </div>
                  <div className="event-meta">
                    {formatTime(version.position.blockTimestamp)} · block {version.position.blockNumber} · tx{" "}
                    <span className="mono">{shortHash(version.position.txHash)}</span>
                  </div>
                  <div className="event-meta">
                    id <span className="mono">{version.id}</span> · content <span className="mono">{shortHash(version.contentHash)}</span> · CID{" "}
                    <span className="mono">{shortHash(version.contentId)}</span>
                  </div>
                  <div>
                    {version.authorisingConsent
                      ? `Consent in force: v${version.authorisingConsent.version}, ${scopeNames(version.authorisingConsent.scope).join(", ")} ` +
                        `for ${purposeLabel(version.authorisingConsent.purpose)}, until ${formatTime(version.authorisingConsent.expiresAt)}`
                      : "Written by the patient (no consent needed)"}
                  </div>
                </li>
              ))}
            </ol>
          </section>
          <section className="panel" aria-labelledby="record-access-heading">
            <h2 id="record-access-heading">Accesses to this record</h2>
            {record.data.accesses.length === 0 ? (
              <EmptyState>Nobody has requested this record.</EmptyState>
            ) : (
              <EventTimeline events={record.data.accesses} names={names} label="Accesses to this record" />
            )}
          </section>
        </>
      )}
    </Page>
  );
}
