"use client";
// Opens the API's GraphiQL with a short-lived copy of the analyst's session (see app/api/graphiql/route.ts).
import { useState } from "react";

export function OpenGraphiql() {
  const [state, setState] = useState<{ busy?: boolean; problem?: string }>({});
  async function open() {
    setState({ busy: true });
    try {
      const response = await fetch("/api/graphiql", { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
      const body = (await response.json()) as { url?: string; error?: { message?: string } };
      if (!response.ok || !body.url) throw new Error(body.error?.message ?? `HTTP ${response.status}`);
      window.location.assign(body.url);
    } catch (error) {
      setState({ problem: `Could not open GraphiQL: ${(error as Error).message}` });
    }
  }
  return (
    <div className="form-row">
      <button type="button" onClick={() => void open()} disabled={state.busy}>
        {state.busy ? "Opening GraphiQL…" : "Open GraphiQL signed in as you"}
      </button>
      <span className="who">Your session goes along for 15 minutes, after the # of the address (never sent to a server). Paste one of these:</span>
      {state.problem && (
        <p className="state error" role="alert">
          {state.problem}
        </p>
      )}
    </div>
  );
}
