// The audit timeline sections (the patient's "who accessed my data", the auditor's trail) stream from the same inputs.
import type { NameBook } from "./format";
import type { Session } from "./session";
import { readTimelineFilters, type SearchParams, type TimelineFilterState } from "./timelineFilters";

/** A timeline section's props: it waits for `snapshotHeight` so the live feed replays whatever is indexed after it. */
export type TimelineSectionProps = { session: Session; names: NameBook; params: SearchParams; snapshotHeight: Promise<unknown> };

/** The timeline's filters and page cursor, as the URL gives them. */
export function readTimelinePage(params: SearchParams): { state: TimelineFilterState; after: string | undefined } {
  return { state: readTimelineFilters(params), after: typeof params.after === "string" ? params.after : undefined };
}
