"use client";
// Next's router now and then drops a router.refresh(): its request is aborted, or its payload arrives and is not
// applied, when another router action overlaps it (seen in the e2e traces as a granted consent that never appeared).
// A change the user just made, or an event the live feed announced, must show: the refresh is repeated until it does.
import type { useRouter } from "next/navigation";

type Router = ReturnType<typeof useRouter>;

const CHECK_AFTER_MS = 1_500;
const MAX_REFRESHES = 5;

/**
 * Refreshes the page until an element matching `selector` is on it: a few tries, and none once the user has moved
 * to another URL (a refresh racing their navigation would undo it).
 */
export function refreshUntilShown(router: Router, selector: string, refreshes = 1, url = window.location.href): void {
  router.refresh();
  setTimeout(() => {
    if (window.location.href !== url || document.querySelector(selector) || refreshes >= MAX_REFRESHES) return;
    refreshUntilShown(router, selector, refreshes + 1, url);
  }, CHECK_AFTER_MS);
}
