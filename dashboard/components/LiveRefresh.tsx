"use client";
// Follows the API's subscription (relayed as server-sent events) and re-renders the server timeline when events arrive.
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useRef, useState, useTransition } from "react";
import { refreshUntilShown } from "./refreshUntilShown";

type LiveState = "connecting" | "live" | "offline";

/** How long an event waits for the rest of its block's events before the page refreshes. */
const GATHER_MS = 25;
/** A refresh still pending after this long no longer holds the next one back. */
const REFRESH_GIVEN_UP_MS = 3_000;

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
  // One refresh at a time (overlapping ones are where Next drops a refresh): an event starts one at once, events
  // arriving while it renders wait for it and then start one more, for the newest of them.
  const [refreshing, startRefresh] = useTransition();
  const refreshStartedAt = useRef<number | undefined>(undefined);
  const announced = useRef<{ id: string | undefined } | undefined>(undefined);
  const refreshForAnnounced = useCallback(() => {
    const event = announced.current;
    const inFlight = refreshStartedAt.current !== undefined && performance.now() - refreshStartedAt.current < REFRESH_GIVEN_UP_MS;
    if (!event || inFlight || refreshTimer.current) return;
    // A few milliseconds' wait gathers a block's events, which arrive together, into one refresh.
    refreshTimer.current = setTimeout(() => {
      refreshTimer.current = undefined;
      announced.current = undefined;
      refreshStartedAt.current = performance.now();
      startRefresh(() => (event.id ? refreshUntilShown(router, `[data-event-id="${CSS.escape(event.id)}"]`) : router.refresh()));
    }, GATHER_MS);
  }, [router]);

  useEffect(() => {
    if (refreshing) return;
    refreshStartedAt.current = undefined;
    refreshForAnnounced();
  }, [refreshing, refreshForAnnounced]);

  useEffect(() => {
    const query = new URLSearchParams();
    if (patient) query.set("patient", patient);
    if (snapshotHeight.current !== undefined) query.set("afterBlock", String(snapshotHeight.current));
    const source = new EventSource(`/api/live${query.size ? `?${query}` : ""}`);
    source.addEventListener("ready", () => setState("live"));
    source.addEventListener("event", (message: MessageEvent<string>) => {
      setArrived((count) => count + 1);
      // The newest announced event is the one the next refresh waits to show (repeated until it is on the page, when
      // the page's filters and page show it at all: a few tries at most).
      announced.current = { id: eventId(message.data) };
      refreshForAnnounced();
    });
    source.addEventListener("failure", () => setState("offline"));
    source.onerror = () => setState(source.readyState === EventSource.CLOSED ? "offline" : "connecting");
    return () => {
      clearTimeout(refreshTimer.current);
      refreshTimer.current = undefined;
      source.close();
    };
  }, [patient, refreshForAnnounced]);

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
