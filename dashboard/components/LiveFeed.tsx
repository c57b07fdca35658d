// The live feed once the page's snapshot height is known, without holding up the rest of the page (a page that
// awaited it would show its loading view, and lose the scroll position, on every filter change).
import { Suspense } from "react";
import { LiveRefresh } from "./LiveRefresh";

async function LiveFeedFrom({ patient, snapshotHeight }: { patient?: string; snapshotHeight: Promise<number | undefined> }) {
  return <LiveRefresh patient={patient} afterBlock={await snapshotHeight} />;
}

export function LiveFeed({ patient, snapshotHeight }: { patient?: string; snapshotHeight: Promise<number | undefined> }) {
  return (
    <Suspense fallback={null}>
      <LiveFeedFrom patient={patient} snapshotHeight={snapshotHeight} />
    </Suspense>
  );
}
