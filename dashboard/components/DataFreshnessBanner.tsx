// Shown on every page while the indexer is behind the chain, recovering from a reorg or cut off from it.
import { Suspense } from "react";
import { fetchIndexerStatus } from "@/lib/data";
import { freshnessWarning } from "@/lib/freshness";

export function DataFreshnessBanner() {
  return (
    <Suspense fallback={null}>
      <Banner />
    </Suspense>
  );
}

async function Banner() {
  // When the API itself is down each view says so; the banner only speaks for the indexer.
  const status = await fetchIndexerStatus().catch(() => undefined);
  const warning = status ? freshnessWarning(status) : null;
  if (!warning) return null;
  return (
    <div className="freshness-banner" role="status" data-testid="data-behind-banner">
      {warning}
    </div>
  );
}
