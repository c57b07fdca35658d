import Link from "next/link";
import { formatCount } from "@/lib/format";

/**
 * Keyset pages: "older" follows the API's cursor; "newest" drops it. Page cost stays flat however long the trail.
 * `start` (0-based position of the first event shown, carried in the links) lets the pager say "51–100 of 1,079".
 */
export function Pager({
  shown,
  total,
  start,
  newestHref,
  olderHref,
}: {
  shown: number;
  total: number;
  start?: number;
  newestHref: string | undefined;
  olderHref: string | undefined;
}) {
  return (
    <nav className="pager" aria-label="Timeline pages">
      <span className="who" data-testid="pager-position">
        {start === undefined
          ? `Showing ${formatCount(shown)} of ${formatCount(total)} events`
          : `${formatCount(start + 1)}–${formatCount(start + shown)} of ${formatCount(total)} events`}
      </span>
      <span className="nav">
        {newestHref && <Link href={newestHref}>← Newest</Link>}
        {olderHref && (
          <Link href={olderHref} rel="next">
            Older events →
          </Link>
        )}
      </span>
    </nav>
  );
}
