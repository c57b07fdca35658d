"use client";
// The patient's consents: grant, change scope/purpose/expiry, revoke; each change is a transaction whose state is shown.
import { useState } from "react";
import { LabelledSelect } from "./LabelledSelect";
import type { Consent, Purpose } from "@/lib/apiShapes";
import { CATEGORY_NAMES, displayName, formatTime, purposeLabel, scopeFromCategories, scopeNames, type NameBook } from "@/lib/format";
import { errorInWords } from "@/lib/plainWords";
import { PlainText } from "./PlainText";
import { useConsentTransaction, type TxState } from "./useConsentTransaction";

const GRANT_PURPOSES: Exclude<Purpose, "NONE">[] = ["TREATMENT", "PAYMENT", "RESEARCH", "EMERGENCY"];
const DAY_MS = 86_400_000;

type Draft = { grantee: string; categories: number[]; purpose: Exclude<Purpose, "NONE">; days: number };

/** A change's progress, shown beside the button that started it; a refusal in plain words, the raw error one click away. */
function TxStatus({ state, names }: { state: TxState; names: NameBook }) {
  if (state.status === "idle") return null;
  const text = {
    sending: `${state.label}: waiting for your signature…`,
    pending: `${state.label}: pending, waiting for the chain to confirm…`,
    confirmed:
      state.status === "confirmed" && state.indexed ? `${state.label}: confirmed on the chain.` : `${state.label}: confirmed, waiting for the indexer…`,
    failed: `${state.label} failed:`,
  }[state.status];
  const tone = state.status === "failed" ? "fail" : state.status === "confirmed" ? "pass" : "neutral";
  return (
    <p
      className="tx-state"
      role={state.status === "failed" ? "alert" : "status"}
      data-tx-status={state.status === "confirmed" && !state.indexed ? "indexing" : state.status}
    >
      <span className={`badge ${tone}`}>{state.status === "confirmed" && !state.indexed ? "indexing" : state.status}</span> {text}
      {state.status === "failed" && (
        <>
          {" "}
          <PlainText plain={errorInWords(state.reason, names)} />
        </>
      )}
      {"hash" in state && (
        <details className="raw-detail">
          <summary>Transaction</summary>
          <span className="mono wrap">{state.hash}</span>
        </details>
      )}
    </p>
  );
}

/** A typed grantee: a 0x address as is, or a known name (any case) as its address. */
function resolveGrantee(typed: string, grantees: string[], names: NameBook): string {
  const wanted = typed.trim().toLowerCase();
  return grantees.find((address) => displayName(address, names).toLowerCase() === wanted) ?? typed.trim();
}

function ConsentForm({
  initial,
  grantees,
  names,
  busy,
  onSubmit,
  submitLabel,
  status,
}: {
  initial: Draft;
  grantees: string[];
  names: NameBook;
  busy: boolean;
  onSubmit: (draft: Draft) => void;
  submitLabel: string;
  status?: React.ReactNode;
}) {
  const [draft, setDraft] = useState(initial);
  const idPrefix = `consent-${initial.grantee || "new"}`;
  const toggle = (category: number) =>
    setDraft((current) => ({
      ...current,
      categories: current.categories.includes(category) ? current.categories.filter((c) => c !== category) : [...current.categories, category],
    }));
  return (
    <form
      className="form-row"
      onSubmit={(event) => {
        event.preventDefault();
        onSubmit({ ...draft, grantee: resolveGrantee(draft.grantee, grantees, names) });
      }}
    >
      {!initial.grantee && (
        <div>
          <label htmlFor={`${idPrefix}-grantee`}>Grantee (name or 0x address)</label>
          <input
            id={`${idPrefix}-grantee`}
            list={`${idPrefix}-known`}
            required
            placeholder="Start typing a name"
            value={draft.grantee}
            onChange={(event) => setDraft({ ...draft, grantee: event.target.value })}
            size={24}
          />
          <datalist id={`${idPrefix}-known`}>
            {grantees.map((address) => (
              <option key={address} value={displayName(address, names)} />
            ))}
          </datalist>
        </div>
      )}
      <fieldset>
        <legend>Categories</legend>
        <div className="checks">
          {CATEGORY_NAMES.map((name, category) => (
            <label key={name}>
              <input type="checkbox" checked={draft.categories.includes(category)} onChange={() => toggle(category)} /> {name}
            </label>
          ))}
        </div>
      </fieldset>
      <LabelledSelect
        id={`${idPrefix}-purpose`}
        label="Purpose"
        options={GRANT_PURPOSES.map((purpose) => ({ value: purpose, label: purposeLabel(purpose) }))}
        value={draft.purpose}
        onChange={(event) => setDraft({ ...draft, purpose: event.target.value as Draft["purpose"] })}
      />
      <div>
        <label htmlFor={`${idPrefix}-days`}>Expires in (days)</label>
        <input
          id={`${idPrefix}-days`}
          type="number"
          min={1}
          max={3650}
          required
          value={draft.days}
          onChange={(event) => setDraft({ ...draft, days: Number(event.target.value) })}
        />
      </div>
      <div>
        <button type="submit" disabled={busy || draft.categories.length === 0}>
          {submitLabel}
        </button>
      </div>
      {status && <div className="form-status">{status}</div>}
    </form>
  );
}

export function ConsentManager({ consents, grantees, names }: { consents: Consent[]; grantees: string[]; names: NameBook }) {
  const { state, submit, busy } = useConsentTransaction();
  const [editing, setEditing] = useState<string | undefined>();
  const [confirming, setConfirming] = useState<string | undefined>();
  // Which control started the change in flight: its status shows there, not at the top of the list.
  const [origin, setOrigin] = useState<string | undefined>();
  const statusAt = (place: string) => (origin === place ? <TxStatus state={state} names={names} /> : null);
  const grant = (place: string, label: string, draft: Draft) => {
    setOrigin(place);
    return submit(label, {
      action: "grant",
      grantee: draft.grantee,
      scope: scopeFromCategories(draft.categories),
      purpose: draft.purpose,
      expiresAt: Math.floor((Date.now() + draft.days * DAY_MS) / 1000),
    }).then(() => setEditing(undefined));
  };
  const revoke = (grantee: string, name: string) => {
    setConfirming(undefined);
    setOrigin(grantee);
    return submit(`Revoking ${name}`, { action: "revoke", grantee });
  };

  return (
    <div>
      {consents.length === 0 ? (
        <p className="state">You have not granted anyone access yet. Grant a provider access below; you can revoke it at any time.</p>
      ) : (
        <ul className="timeline" aria-label="My consents">
          {consents.map((consent) => {
            const name = displayName(consent.grantee, names);
            const categories = scopeNames(consent.scope).map((label) => CATEGORY_NAMES.indexOf(label as (typeof CATEGORY_NAMES)[number]));
            return (
              <li key={consent.grantee} className={`event ${consent.live ? "grant" : ""}`} data-grantee={consent.grantee.toLowerCase()}>
                <div className="event-head">
                  <span className={`badge ${consent.live ? "grant" : "neutral"}`}>{consent.live ? "Active" : "Not active"}</span>
                  <strong>{name}</strong>
                  <span className="who">version {consent.version}</span>
                </div>
                <div>
                  {scopeNames(consent.scope).join(", ") || "nothing"} · {purposeLabel(consent.purpose)} ·{" "}
                  {consent.live ? "until" : "ended / revoked, last expiry"} {formatTime(consent.expiresAt)}
                </div>
                <div className="nav">
                  <button
                    type="button"
                    className="secondary"
                    disabled={busy}
                    aria-expanded={editing === consent.grantee}
                    onClick={() => setEditing(editing === consent.grantee ? undefined : consent.grantee)}
                  >
                    {consent.live ? "Change" : "Grant again"}
                  </button>
                  {consent.live && confirming !== consent.grantee && (
                    <button type="button" className="danger" disabled={busy} onClick={() => setConfirming(consent.grantee)}>
                      Revoke
                    </button>
                  )}
                </div>
                {confirming === consent.grantee && (
                  <div className="confirm" role="group" aria-label={`Confirm revoking ${name}`}>
                    <span>Revoke {name}&apos;s access? Their open tickets stop working at once; records they already read stay read.</span>
                    <span className="nav">
                      <button type="button" className="danger" disabled={busy} onClick={() => void revoke(consent.grantee, name)}>
                        Yes, revoke
                      </button>
                      <button type="button" className="secondary" onClick={() => setConfirming(undefined)}>
                        Keep access
                      </button>
                    </span>
                  </div>
                )}
                {statusAt(consent.grantee)}
                {editing === consent.grantee && (
                  <ConsentForm
                    initial={{ grantee: consent.grantee, categories, purpose: consent.purpose === "NONE" ? "TREATMENT" : consent.purpose, days: 30 }}
                    grantees={grantees}
                    names={names}
                    busy={busy}
                    submitLabel="Save change"
                    onSubmit={(draft) => void grant(consent.grantee, `Changing ${name}`, draft)}
                  />
                )}
              </li>
            );
          })}
        </ul>
      )}
      <h3 style={{ marginTop: "1rem" }}>Grant access</h3>
      <ConsentForm
        initial={{ grantee: "", categories: [0], purpose: "TREATMENT", days: 30 }}
        grantees={grantees}
        names={names}
        busy={busy}
        submitLabel="Grant"
        status={statusAt("new")}
        onSubmit={(draft) => void grant("new", `Granting ${displayName(draft.grantee, names)}`, draft)}
      />
    </div>
  );
}
