"use client";
// Drop (or pick) a record bundle or disclosure JSON; the server checks it against the chain with the SDK and every check is listed.
import { useState } from "react";
import { VerdictView, type NamedVerdict as Verdict } from "./auditor/VerdictView";

type Result = { file: string; verdict?: Verdict; problem?: string };

export function VerifyDropzone() {
  const [dragging, setDragging] = useState(false);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<Result | undefined>();

  async function verify(file: File) {
    setBusy(true);
    setResult(undefined);
    try {
      const response = await fetch("/api/verify", { method: "POST", headers: { "content-type": "application/json" }, body: await file.text() });
      const body = (await response.json()) as Verdict & { error?: { message: string } };
      setResult(
        response.ok
          ? { file: file.name, verdict: body }
          : { file: file.name, problem: body.error?.message ?? `Verification failed (HTTP ${response.status}).` },
      );
    } catch (error) {
      setResult({ file: file.name, problem: `Could not reach the dashboard server: ${(error as Error).message}` });
    } finally {
      setBusy(false);
    }
  }

  return (
    <div>
      <div
        className={`dropzone${dragging ? " active" : ""}`}
        onDragOver={(event) => {
          event.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={(event) => {
          event.preventDefault();
          setDragging(false);
          const file = event.dataTransfer.files[0];
          if (file) void verify(file);
        }}
      >
        <p>Drop a record bundle or disclosure (.json) here, or</p>
        <label htmlFor="verify-file" className="button secondary">
          Choose a file
        </label>
        <input
          id="verify-file"
          className="visually-hidden"
          type="file"
          accept="application/json,.json"
          onChange={(event) => {
            const file = event.target.files?.[0];
            if (file) void verify(file);
            event.target.value = "";
          }}
        />
      </div>
      <div aria-live="polite">
        {busy && (
          <p className="state" role="status">
            Checking against the chain…
          </p>
        )}
        {result?.problem && (
          <p className="state error" role="alert">
            <strong>{result.file}:</strong> {result.problem}
          </p>
        )}
        {result?.verdict && <VerdictView file={result.file} verdict={result.verdict} />}
      </div>
    </div>
  );
}
