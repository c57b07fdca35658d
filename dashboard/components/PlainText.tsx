// A plain sentence first; the raw chain detail (code, custom error, arguments) one click away.
import type { Plain } from "@/lib/plainWords";

export function PlainText({ plain, label = "Details" }: { plain: Plain; label?: string }) {
  return (
    <span className="plain">
      {plain.words}
      {plain.detail && (
        <details className="raw-detail">
          <summary>{label}</summary>
          <span className="mono wrap">{plain.detail}</span>
        </details>
      )}
    </span>
  );
}
