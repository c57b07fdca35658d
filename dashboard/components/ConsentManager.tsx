"use client";
// The patient's consents: grant, change scope/purpose/expiry, revoke; each change is a transaction whose state is shown.
import { useState } from "react";
import { CATEGORY_NAMES, displayName, formatTime, purposeLabel, scopeFromCategories, scopeNames, shortHash, type NameBook } from "@/lib/format";
import type { Consent, Purpose } from "@/lib/types";
import { useConsentTransaction, type TxState } from "./useConsentTransaction";

const GRANT_PURPOSES: Exclude<Purpose, "NONE">[] = ["TREATMENT", "PAYMENT", "RESEARCH", "EMERGENCY"];
const DAY_MS = 86_400_000;

type Draft = { grantee: string; categories: number[]; purpose: Exclude<Purpose, "NONE">; days: number };

function TxStatus({ state }: { state: TxState }) {
  if (state.status === "idle") return null;
  const text = {
    sending: `${state.label}: waiting for your signature…`,
    pending: `${state.label}: pending, waiting for the chain to confirm…`,
    confirmed: state.status === "confirmed" && state.indexed ? `${state.label}: confirmed on the chain.` : `${state.label}: confirmed, waiting for the indexer…`,
    failed: `${state.label} failed: ${state.status === "failed" ? state.reason : ""}`,
  }[state.status];
  const tone = state.status === "failed" ? "fail" : state.status === "confirmed" ? "pass" : "neutral";
  return (
    <p className="tx-state" role={state.status === "failed" ? "alert" : "status"} data-tx-status={state.status === "confirmed" && !state.indexed ? "indexing" : state.status}>
      <span className={`badge ${tone}`}>{state.status === "confirmed" && !state.indexed ? "indexing" : state.status}</span> {text}
      {"hash" in state && <> <span className="mono">{shortHash(state.hash)}</span></>}
    </p>
  );
}

function ConsentForm({ initial, grantees, names, busy, onSubmit, submitLabel }: { initial: Draft; grantees: string[]; names: NameBook; busy: boolean; onSubmit: (draft: Draft) => void; submitLabel: string }) {
  const [draft, setDraft] = useState(initial);
  const idPrefix = `consent-${initial.grantee || "new"}`;
  const toggle = (category: number) =>
    setDraft((current) => ({ ...current, categories: current.categories.includes(category) ? current.categories.filter((c) => c !== category) : [...current.categories, category] }));
  return (
    <form
      className="form-row"
      onSubmit={(event) => {
        event.preventDefault();
        onSubmit(draft);
      }}
    >
      {!initial.grantee && (
        <div>
          <label htmlFor={`${idPrefix}-grantee`}>Grantee</label>
          <input id={`${idPrefix}-grantee`} list={`${idPrefix}-known`} required pattern="0x[0-9a-fA-F]{40}" placeholder="0x… provider or third party" value={draft.grantee} onChange={(event) => setDraft({ ...draft, grantee: event.target.value.trim() })} size={24} />
          <datalist id={`${idPrefix}-known`}>
            {grantees.map((address) => (
              <option key={address} value={address}>{displayName(address, names)}</option>
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
      <div>
        <label htmlFor={`${idPrefix}-purpose`}>Purpose</label>
        <select id={`${idPrefix}-purpose`} value={draft.purpose} onChange={(event) => setDraft({ ...draft, purpose: event.target.value as Draft["purpose"] })}>
          {GRANT_PURPOSES.map((purpose) => (
            <option key={purpose} value={purpose}>{purposeLabel(purpose)}</option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor={`${idPrefix}-days`}>Expires in (days)</label>
        <input id={`${idPrefix}-days`} type="number" min={1} max={3650} required value={draft.days} onChange={(event) => setDraft({ ...draft, days: Number(event.target.value) })} />
      </div>
      <div>
        <button type="submit" disabled={busy || draft.categories.length === 0}>{submitLabel}</button>
      </div>
    </form>
  );
}

export function ConsentManager({ consents, grantees, names }: { consents: Consent[]; grantees: string[]; names: NameBook }) {
  const { state, submit, busy } = useConsentTransaction();
  const [editing, setEditing] = useState<string | undefined>();
  const grant = (label: string, draft: Draft) =>
    submit(label, { action: "grant", grantee: draft.grantee, scope: scopeFromCategories(draft.categories), purpose: draft.purpose, expiresAt: Math.floor((Date.now() + draft.days * DAY_MS) / 1000) }).then(() => setEditing(undefined));

  return (
    <div>
      <TxStatus state={state} />
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
                  {scopeNames(consent.scope).join(", ") || "nothing"} · {purposeLabel(consent.purpose)} · {consent.live ? "until" : "ended / revoked, last expiry"} {formatTime(consent.expiresAt)}
                </div>
                <div className="nav">
                  <button type="button" className="secondary" disabled={busy} aria-expanded={editing === consent.grantee} onClick={() => setEditing(editing === consent.grantee ? undefined : consent.grantee)}>
                    {consent.live ? "Change" : "Grant again"}
                  </button>
                  {consent.live && (
                    <button type="button" className="danger" disabled={busy} onClick={() => submit(`Revoking ${name}`, { action: "revoke", grantee: consent.grantee })}>
                      Revoke
                    </button>
                  )}
                </div>
                {editing === consent.grantee && (
                  <ConsentForm
                    initial={{ grantee: consent.grantee, categories, purpose: consent.purpose === "NONE" ? "TREATMENT" : consent.purpose, days: 30 }}
                    grantees={grantees}
                    names={names}
                    busy={busy}
                    submitLabel="Save change"
                    onSubmit={(draft) => grant(`Changing ${name}`, draft)}
                  />
                )}
              </li>
            );
          })}
        </ul>
      )}
      <h3 style={{ marginTop: "1rem" }}>Grant access</h3>
      <ConsentForm initial={{ grantee: "", categories: [0], purpose: "TREATMENT", days: 30 }} grantees={grantees} names={names} busy={busy} submitLabel="Grant" onSubmit={(draft) => grant(`Granting ${displayName(draft.grantee, names)}`, draft)} />
    </div>
  );
}
