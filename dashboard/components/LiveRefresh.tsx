"use client";
// Follows the API's subscription (relayed as server-sent events) and re-renders the server timeline when events arrive.
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { refreshUntilShown } from "./refreshUntilShown";

type LiveState = "connecting" | "live" | "offline";

function eventId(data: string): string | undefined {
  try {
    const id = (JSON.parse(data) as { id?: unknown } | null)?.id;
    return typeof id === "string" ? id : undefined;
  } catch {
    return undefined;
  }
}

/** `afterBlock`: the indexed height the page's data was read at; the feed replays what was indexed after it. */
export function LiveRefresh({ patient, afterBlock }: { patient?: string; afterBlock?: number }) {
  const router = useRouter();
  const [state, setState] = useState<LiveState>("connecting");
  const [arrived, setArrived] = useState(0);
  const refreshTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  // The height of the first render: later refreshes bring newer data, but the feed already follows from here.
  const snapshotHeight = useRef(afterBlock);

  useEffect(() => {
    const query = new URLSearchParams();
    if (patient) query.set("patient", patient);
    if (snapshotHeight.current !== undefined) query.set("afterBlock", String(snapshotHeight.current));
    const source = new EventSource(`/api/live${query.size ? `?${query}` : ""}`);
    source.addEventListener("ready", () => setState("live"));
    source.addEventListener("event", (message: MessageEvent<string>) => {
      setArrived((count) => count + 1);
      const id = eventId(message.data);
      // A burst of events becomes one re-render, repeated until its newest event is on the page (when the page's
      // filters and page show it at all: a few tries at most).
      clearTimeout(refreshTimer.current);
      refreshTimer.current = setTimeout(() => (id ? refreshUntilShown(router, `[data-event-id="${CSS.escape(id)}"]`) : router.refresh()), 400);
    });
    source.addEventListener("failure", () => setState("offline"));
    source.onerror = () => setState(source.readyState === EventSource.CLOSED ? "offline" : "connecting");
    return () => {
      clearTimeout(refreshTimer.current);
      source.close();
    };
  }, [patient, router]);

  const text =
    state === "live"
      ? "Live: new accesses appear as they are indexed"
      : state === "connecting"
        ? "Connecting to the live feed…"
        : "Live feed offline: reload to reconnect";
  return (
    <p className="who" role="status" aria-live="polite" data-live-state={state}>
      <span className={`badge ${state === "live" ? "grant" : "neutral"}`}>
        {state === "live" ? "● Live" : state === "connecting" ? "○ Connecting" : "○ Offline"}
      </span>{" "}
      {text}
      {arrived > 0 && ` · ${arrived} new since you opened this page`}
    </p>
  );
}
