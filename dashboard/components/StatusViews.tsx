// The empty, error and loading states every view uses, so they look and read the same everywhere.
import type { DataError } from "@/lib/apiClient";

export function EmptyState({ children }: { children: React.ReactNode }) {
  return <p className="state">{children}</p>;
}

export function ErrorState({ error, what }: { error: Pick<DataError, "message" | "code">; what: string }) {
  const hint =
    error.code === "FORBIDDEN"
      ? "Your roles do not allow this view: sign in with another account."
      : error.code === "SERVICE_UNAVAILABLE"
        ? "Check the API is running, then reload."
        : "Reload to retry.";
  return (
    <div className="state error" role="alert">
      <strong>Could not load {what}.</strong> {error.message} {hint}
    </div>
  );
}

export function LoadingRows({ label, rows = 4 }: { label: string; rows?: number }) {
  return (
    <div role="status" aria-live="polite">
      <span className="visually-hidden">Loading {label}…</span>
      {Array.from({ length: rows }, (_, index) => (
        <div key={index} className="skeleton" aria-hidden="true" />
      ))}
    </div>
  );
}
