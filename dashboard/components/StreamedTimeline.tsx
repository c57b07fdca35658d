// A timeline section streamed below its filters: a new query string remounts it, so the loading rows show again.
import { Suspense, type ReactNode } from "react";
import { LoadingRows } from "@/components/StatusViews";
import type { SearchParams } from "@/lib/timelineFilters";

export function StreamedTimeline({ params, label, children }: { params: SearchParams; label: string; children: ReactNode }) {
  return (
    <div style={{ marginTop: "0.75rem" }}>
      <Suspense key={JSON.stringify(params)} fallback={<LoadingRows label={label} rows={8} />}>
        {children}
      </Suspense>
    </div>
  );
}
