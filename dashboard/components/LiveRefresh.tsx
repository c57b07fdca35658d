"use client";
// Follows the API's subscription (relayed as server-sent events) and re-renders the server timeline when events arrive.
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";

type LiveState = "connecting" | "live" | "offline";

export function LiveRefresh({ patient }: { patient?: string }) {
  const router = useRouter();
  const [state, setState] = useState<LiveState>("connecting");
  const [arrived, setArrived] = useState(0);
  const refreshTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  useEffect(() => {
    const source = new EventSource(`/api/live${patient ? `?patient=${patient}` : ""}`);
    source.addEventListener("ready", () => setState("live"));
    source.addEventListener("event", () => {
      setArrived((count) => count + 1);
      // A burst of events becomes one re-render.
      clearTimeout(refreshTimer.current);
      refreshTimer.current = setTimeout(() => router.refresh(), 400);
    });
    source.addEventListener("failure", () => setState("offline"));
    source.onerror = () => setState(source.readyState === EventSource.CLOSED ? "offline" : "connecting");
    return () => {
      clearTimeout(refreshTimer.current);
      source.close();
    };
  }, [patient, router]);

  const text = state === "live" ? "Live: new accesses appear as they are indexed" : state === "connecting" ? "Connecting to the live feed…" : "Live feed offline: reload to reconnect";
  return (
    <p className="who" role="status" aria-live="polite" data-live-state={state}>
      <span className={`badge ${state === "live" ? "grant" : "neutral"}`}>{state === "live" ? "● Live" : state === "connecting" ? "○ Connecting" : "○ Offline"}</span> {text}
      {arrived > 0 && ` · ${arrived} new since you opened this page`}
    </p>
  );
}
