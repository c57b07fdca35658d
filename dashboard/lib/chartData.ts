// Shapes the API's analytics rows into the plain arrays the charts draw; suppressed (k-anonymous) groups are counted, not drawn.
import { displayName, formatDay, formatPercent, roleLabel, type NameBook } from "./format";
import type { AccessCount, AccessOutcome, Accessor, ConsentCount, Rate } from "./types";

export type OutcomeRow = { bucket: string } & Record<AccessOutcome, number>;
export type RoleRow = { role: string } & Record<AccessOutcome, number>;
export type ConsentRow = { bucket: string; granted: number; revoked: number };
export type AccessorRow = { name: string; accesses: number; patients: number };
export type RateTile = { value: string; detail: string; suppressed: boolean };

const emptyOutcomes = (): Record<AccessOutcome, number> => ({ REQUESTED: 0, GRANTED: 0, DENIED: 0 });

/** Accesses per time bucket, one column per outcome, oldest bucket first. */
export function accessesOverTime(counts: AccessCount[]): OutcomeRow[] {
  const buckets = new Map<string, OutcomeRow>();
  for (const row of counts) {
    if (row.suppressed || row.count === null) continue;
    const bucket = formatDay(row.bucketStart);
    const entry = buckets.get(bucket) ?? { bucket, ...emptyOutcomes() };
    entry[row.outcome] += row.count;
    buckets.set(bucket, entry);
  }
  return [...buckets.values()].sort((a, b) => a.bucket.localeCompare(b.bucket));
}

/** Accesses per actor role over the whole range, busiest role first. */
export function accessesByRole(counts: AccessCount[]): RoleRow[] {
  const roles = new Map<string, RoleRow>();
  for (const row of counts) {
    if (row.suppressed || row.count === null) continue;
    const role = roleLabel(row.actorRole);
    const entry = roles.get(role) ?? { role, ...emptyOutcomes() };
    entry[row.outcome] += row.count;
    roles.set(role, entry);
  }
  const total = (row: RoleRow) => row.REQUESTED + row.GRANTED + row.DENIED;
  return [...roles.values()].sort((a, b) => total(b) - total(a) || a.role.localeCompare(b.role));
}

export function consentsOverTime(counts: ConsentCount[]): ConsentRow[] {
  const buckets = new Map<string, ConsentRow>();
  for (const row of counts) {
    if (row.suppressed || row.count === null) continue;
    const bucket = formatDay(row.bucketStart);
    const entry = buckets.get(bucket) ?? { bucket, granted: 0, revoked: 0 };
    if (row.action === "GRANTED") entry.granted += row.count;
    else entry.revoked += row.count;
    buckets.set(bucket, entry);
  }
  return [...buckets.values()].sort((a, b) => a.bucket.localeCompare(b.bucket));
}

export function topAccessors(accessors: Accessor[], names: NameBook = {}): AccessorRow[] {
  return accessors.map((accessor) => ({ name: `${displayName(accessor.actor, names)} (${roleLabel(accessor.actorRole)})`, accesses: accessor.accesses, patients: accessor.patients }));
}

export function rateTile(rate: Rate): RateTile {
  if (rate.suppressed) return { value: "–", detail: "suppressed: too few patients to show", suppressed: true };
  if (rate.value === null || rate.denominator === null) return { value: "–", detail: "no access decisions in this range", suppressed: false };
  return { value: formatPercent(rate.value), detail: `${rate.numerator ?? 0} of ${rate.denominator} decisions`, suppressed: false };
}

/** How many groups k-anonymity hid, so the page can say so instead of silently showing less. */
export function suppressedGroups(counts: { suppressed: boolean }[]): number {
  return counts.filter((row) => row.suppressed).length;
}

export type TimeRange = { from?: string; to?: string; label: string };

export const RANGE_PRESETS = ["7d", "30d", "90d", "all"] as const;
export type RangePreset = (typeof RANGE_PRESETS)[number];

/** A preset ("7d") or an explicit from/to (yyyy-mm-dd) as an API time range ending `now`. */
export function timeRangeOf(preset: string | undefined, from: string | undefined, to: string | undefined, now: Date): TimeRange {
  const day = /^\d{4}-\d{2}-\d{2}$/;
  if ((from && day.test(from)) || (to && day.test(to))) {
    return {
      from: from && day.test(from) ? `${from}T00:00:00.000Z` : undefined,
      to: to && day.test(to) ? new Date(Date.parse(`${to}T00:00:00.000Z`) + 86_400_000).toISOString() : undefined,
      label: `${from || "start"} to ${to || "now"}`,
    };
  }
  const days = { "7d": 7, "30d": 30, "90d": 90 }[preset ?? "30d"];
  if (!days) return { label: "All time" };
  return { from: new Date(now.getTime() - days * 86_400_000).toISOString(), label: `Last ${days} days` };
}
