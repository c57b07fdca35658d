"use client";
// Long hashes are shown short; this copies the whole value and says so beside the button.
import { useState } from "react";

export function CopyButton({ value, label }: { value: string; label: string }) {
  const [copied, setCopied] = useState<"yes" | "no" | undefined>();
  return (
    <button
      type="button"
      className="secondary copy-button"
      aria-label={`Copy ${label}`}
      title={value}
      onClick={() =>
        void navigator.clipboard.writeText(value).then(
          () => setCopied("yes"),
          () => setCopied("no"),
        )
      }
    >
      {copied === "yes" ? "Copied" : copied === "no" ? "Select and copy" : "Copy"}
    </button>
  );
}

/** A hash shortened for reading, whole in its title and on the clipboard. */
export function ShortHash({ value, label }: { value: string; label: string }) {
  const short = value.length > 18 ? `${value.slice(0, 10)}…${value.slice(-6)}` : value;
  return (
    <span className="hash">
      <span className="mono" title={value}>
        {short}
      </span>{" "}
      <CopyButton value={value} label={label} />
    </span>
  );
}
