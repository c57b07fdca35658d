import Link from "next/link";
import { formatCount } from "@/lib/format";

/** Keyset pages: "older" follows the API's cursor; "newest" drops it. Page cost stays flat however long the trail. */
export function Pager({ shown, total, newestHref, olderHref }: { shown: number; total: number; newestHref: string | undefined; olderHref: string | undefined }) {
  return (
    <nav className="pager" aria-label="Timeline pages">
      <span className="who">
        Showing {formatCount(shown)} of {formatCount(total)} events
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
