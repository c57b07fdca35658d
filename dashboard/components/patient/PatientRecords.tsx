// The patient's records, each named by what it is, who wrote it and when, with who can read it now and a way to open it.
import Link from "next/link";
import { SignatureBadge } from "@/components/RecordList";
import type { CareRecordSummary } from "@/lib/apiShapes";
import { categoryName, displayName, formatDay, formatTime, purposeLabel, type NameBook } from "@/lib/format";
import { ticketsForRecord, type LiveTicket, type TicketView } from "@/lib/patientData";
import { PlainText } from "@/components/PlainText";
import { endedInWords } from "./WhoCanRead";
import { RecordOpener } from "./RecordOpener";

export function recordTitle(record: CareRecordSummary, names: NameBook): string {
  return `${categoryName(record.category)} from ${displayName(record.latest.author, names)}, ${formatDay(record.latest.position.blockTimestamp)}`;
}

function Holders({ tickets, names, self }: { tickets: LiveTicket[]; names: NameBook; self: string }) {
  if (tickets.length === 0) return <span>Nobody holds a live ticket to it now.</span>;
  return (
    <span>
      Can read it now:{" "}
      {tickets.map((ticket, index) => (
        <span key={`${ticket.holder}-${ticket.issuedAt}-${index}`} data-ticket-holder={ticket.holder.toLowerCase()}>
          {index > 0 && "; "}
          <strong>{ticket.holder.toLowerCase() === self.toLowerCase() ? "you" : displayName(ticket.holder, names)}</strong> (
          {ticket.emergency ? "emergency access" : purposeLabel(ticket.purpose)}, until {formatTime(ticket.expiresAt)})
        </span>
      ))}
    </span>
  );
}

function Voided({ tickets, names }: { tickets: TicketView[]; names: NameBook }) {
  const voided = tickets.filter((ticket) => ticket.state === "VOIDED").slice(0, 3);
  if (voided.length === 0) return null;
  return (
    <div className="who">
      {voided.map((ticket) => (
        <div key={ticket.id} data-voided-holder={ticket.holder.toLowerCase()}>
          {displayName(ticket.holder, names)}: <PlainText plain={endedInWords(ticket)} label="Chain details" />
        </div>
      ))}
    </div>
  );
}

export function PatientRecords({
  records,
  names,
  tickets,
  ended = [],
  self,
}: {
  records: CareRecordSummary[];
  names: NameBook;
  tickets: LiveTicket[];
  ended?: TicketView[];
  self: string;
}) {
  return (
    <ul className="timeline" aria-label="My records">
      {records.map((record) => {
        const title = recordTitle(record, names);
        return (
          <li key={record.id} className="event" data-record={record.id}>
            <div className="event-head">
              <strong>{title}</strong>
              <SignatureBadge valid={record.latest.signatureValid} />
              {record.versionCount > 1 && <span className="badge warn">amended · {record.versionCount} versions</span>}
            </div>
            <div className="who">
              <Holders tickets={ticketsForRecord(tickets, record)} names={names} self={self} />
            </div>
            <Voided tickets={ticketsForRecord(ended, record)} names={names} />
            <RecordOpener recordId={record.latest.id} fileName={title.replaceAll(/[^A-Za-z0-9]+/g, "-")} names={names} />
            <div className="event-meta">
              {record.latest.authorisingConsent && <>written under your consent v{record.latest.authorisingConsent.version} · </>}
              <Link href={`/records/${record.id}`}>Provenance and proof</Link>
            </div>
          </li>
        );
      })}
    </ul>
  );
}
