"use client";
// Opens one record the way any reader does: a ticket from the chain, the ciphertext from the vault (which logs the
// read on-chain), decryption with the reader's key. Status and errors sit beside the button; the content can be downloaded.
import { useEffect, useState } from "react";
import { PlainText } from "@/components/PlainText";
import { errorInWords } from "@/lib/plainWords";
import type { NameBook } from "@/lib/format";

type Opened = { recordId: string; ticketId: string; ticketExpiresAt: string; content: unknown };
type State = { status: "idle" } | { status: "opening" } | { status: "open"; opened: Opened; url: string } | { status: "failed"; message: string };

/** A FHIR resource's own words for what it is: its code's text or display, else its type. */
export function resourceTitle(content: unknown): string {
  const resource = (content ?? {}) as {
    resourceType?: string;
    code?: { text?: string; coding?: { display?: string }[] };
    medicationCodeableConcept?: { text?: string };
    description?: string;
  };
  const text = resource.code?.text ?? resource.code?.coding?.[0]?.display ?? resource.medicationCodeableConcept?.text ?? resource.description;
  return [resource.resourceType, text].filter(Boolean).join(": ") || "Record";
}

export function RecordOpener({
  recordId,
  fileName,
  purpose = "TREATMENT",
  names = {},
}: {
  recordId: string;
  fileName: string;
  purpose?: "TREATMENT" | "PAYMENT";
  names?: NameBook;
}) {
  const [state, setState] = useState<State>({ status: "idle" });
  useEffect(
    () => () => {
      if (state.status === "open") URL.revokeObjectURL(state.url);
    },
    [state],
  );

  async function open() {
    setState({ status: "opening" });
    try {
      const response = await fetch("/api/records/open", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ recordId, purpose }),
      });
      const answer = (await response.json().catch(() => ({}))) as Opened & { error?: { message: string } };
      if (!response.ok) throw new Error(answer.error?.message ?? `The record could not be opened (HTTP ${response.status}).`);
      const url = URL.createObjectURL(new Blob([JSON.stringify(answer.content, null, 2)], { type: "application/fhir+json" }));
      setState({ status: "open", opened: answer, url });
    } catch (error) {
      setState({ status: "failed", message: (error as Error).message });
    }
  }

  return (
    <div className="record-opener" data-open-state={state.status}>
      <div className="nav">
        <button type="button" className="secondary" disabled={state.status === "opening"} onClick={() => void open()}>
          {state.status === "open" ? "Open again" : "Open and decrypt"}
        </button>
        <span role="status" aria-live="polite" className="who">
          {state.status === "opening" && "Asking the chain for a ticket, then the vault for the record…"}
          {state.status === "open" && "Opened. This read is logged on the chain."}
        </span>
        {state.status === "open" && (
          <a className="button secondary" href={state.url} download={`${fileName}.json`}>
            Download
          </a>
        )}
      </div>
      {state.status === "failed" && (
        <p className="state error" role="alert">
          <PlainText plain={errorInWords(state.message, names)} />
        </p>
      )}
      {state.status === "open" && (
        <div className="opened-record">
          <strong>{resourceTitle(state.opened.content)}</strong>
          <pre className="record-json" aria-label="Decrypted record">
            {JSON.stringify(state.opened.content, null, 2)}
          </pre>
        </div>
      )}
    </div>
  );
}
