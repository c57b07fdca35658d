"use client";
// Next's router now and then drops a router.refresh(): its request is aborted, or its payload arrives and is not
// applied, when another router action overlaps it (seen in the e2e traces as a granted consent that never appeared).
// Pages that follow the chain therefore say which indexed height their data was read at, and a refresh that must show
// a block is repeated until the page does.
import type { useRouter } from "next/navigation";

type Router = ReturnType<typeof useRouter>;

/** The attribute a page's live element carries: the indexed height its data was read at. */
export const SNAPSHOT_HEIGHT_ATTRIBUTE = "data-snapshot-height";

const CHECK_AFTER_MS = 1_500;
const MAX_REFRESHES = 5;

function renderedHeight(): number | undefined {
  const text = document.querySelector(`[${SNAPSHOT_HEIGHT_ATTRIBUTE}]`)?.getAttribute(SNAPSHOT_HEIGHT_ATTRIBUTE);
  return text ? Number(text) : undefined;
}

/** Refreshes the page until it was rendered from data indexed at `block` or later (a few tries, then gives up). */
export function refreshUntilShown(router: Router, block: number, refreshes = 1): void {
  router.refresh();
  setTimeout(() => {
    const height = renderedHeight();
    // A page that does not say its height cannot be checked: one refresh is all it gets.
    if (height !== undefined && height < block && refreshes < MAX_REFRESHES) refreshUntilShown(router, block, refreshes + 1);
  }, CHECK_AFTER_MS);
}
