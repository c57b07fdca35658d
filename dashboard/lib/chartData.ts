// Shapes the API's analytics grid into the plain arrays the charts draw. The API returns every cell of a fixed grid
// (bucket x kind x role); a suppressed cell means "fewer than k patients, possibly none", so it is shown as
// suppressed, never as 0 and never left out. Only parts of one whole are stacked: decisions (grant, emergency, denial).
import type { AccessCount, Accessor, ConsentCount, Rate } from "./apiShapes";
import { displayName, formatDay, formatPercent, roleLabel, type NameBook } from "./format";

/** The decision kinds (each request gets exactly one) and reads, in drawing order. */
export const DECISION_KINDS = ["GRANT", "EMERGENCY", "DENIAL"] as const;
export type DecisionKind = (typeof DECISION_KINDS)[number];
export type SeriesKind = DecisionKind | "READ";
export const SERIES_KINDS: readonly SeriesKind[] = [...DECISION_KINDS, "READ"];

/** A value the chart can draw (null when every group behind it was suppressed) and what the table says. */
export type KindValues = Record<SeriesKind, number | null>;
export type OutcomeRow = { bucket: string } & KindValues & { suppressedKinds: SeriesKind[] };
export type RoleRow = { role: string } & KindValues & { suppressedKinds: SeriesKind[] };
export type ConsentRow = { bucket: string; granted: number | null; revoked: number | null; suppressedKinds: ("granted" | "revoked")[] };
export type AccessorRow = { name: string; accesses: number; patients: number };
export type RateTile = { value: string; detail: string; suppressed: boolean };
export type TableRow = Record<string, string | number>;

export const suppressedLabel = (k: number) => `fewer than ${k} patients`;

/** Sums the published cells of each kind; a kind none of whose cells was published stays null (suppressed). */
function sumKinds(cells: AccessCount[]): { values: KindValues; suppressedKinds: SeriesKind[] } {
  const values = { GRANT: null, EMERGENCY: null, DENIAL: null, READ: null } as KindValues;
  for (const cell of cells) {
    const kind = cell.kind as SeriesKind;
    if (!(kind in values) || cell.suppressed || cell.count === null) continue;
    values[kind] = (values[kind] ?? 0) + cell.count;
  }
  const present = new Set(cells.map((cell) => cell.kind));
  return { values, suppressedKinds: SERIES_KINDS.filter((kind) => present.has(kind) && values[kind] === null) };
}

function groupBy<T>(items: T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(keyOf(item), [...(groups.get(keyOf(item)) ?? []), item]);
  return groups;
}

/** Every bucket of the window, oldest first, one value per kind (summed over roles). */
export function accessesOverTime(cells: AccessCount[]): OutcomeRow[] {
  return [...groupBy(cells, (cell) => formatDay(cell.bucketStart))]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([bucket, group]) => {
      const { values, suppressedKinds } = sumKinds(group);
      return { bucket, ...values, suppressedKinds };
    });
}

/** Every role of the grid over the whole window, busiest first; unregistered actors are a role of their own. */
export function accessesByRole(cells: AccessCount[]): RoleRow[] {
  const total = (row: RoleRow) => SERIES_KINDS.reduce((sum, kind) => sum + (row[kind] ?? 0), 0);
  return [...groupBy(cells, (cell) => roleLabel(cell.actorRole))]
    .map(([role, group]) => {
      const { values, suppressedKinds } = sumKinds(group);
      return { role, ...values, suppressedKinds };
    })
    .sort((a, b) => total(b) - total(a) || a.role.localeCompare(b.role));
}

export function consentsOverTime(cells: ConsentCount[]): ConsentRow[] {
  return [...groupBy(cells, (cell) => formatDay(cell.bucketStart))]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([bucket, group]) => {
      const value = (action: ConsentCount["action"]) => {
        const cell = group.find((entry) => entry.action === action);
        return cell && !cell.suppressed ? cell.count : null;
      };
      const row = { bucket, granted: value("GRANTED"), revoked: value("REVOKED") };
      return { ...row, suppressedKinds: (["granted", "revoked"] as const).filter((key) => row[key] === null) };
    });
}

/** The same rows as text for the table view: a suppressed value reads "fewer than k patients", not 0. */
export function tableRows(rows: readonly { suppressedKinds: readonly string[] }[], keys: readonly string[], k: number): TableRow[] {
  return rows.map((row) => {
    const record = row as unknown as Record<string, string | number | null>;
    const out: TableRow = {};
    for (const [key, value] of Object.entries(record)) {
      if (key === "suppressedKinds") continue;
      out[key] = keys.includes(key) && value === null ? suppressedLabel(k) : (value ?? "");
    }
    return out;
  });
}

/** True when nothing at all was published: the chart says so instead of drawing an empty axis. */
export const nothingPublished = (rows: { suppressedKinds: readonly string[] }[], keys: readonly string[]) =>
  rows.every((row) => keys.every((key) => row.suppressedKinds.includes(key) || (row as unknown as Record<string, unknown>)[key] === null));

export function topAccessors(accessors: Accessor[], names: NameBook = {}): AccessorRow[] {
  return accessors.map((accessor) => ({
    name: `${displayName(accessor.actor, names)} (${roleLabel(accessor.actorRole)})`,
    accesses: accessor.accesses,
    patients: accessor.patients,
  }));
}

export function rateTile(rate: Rate, k: number): RateTile {
  if (rate.suppressed) return { value: "suppressed", detail: `${suppressedLabel(k)} behind it (possibly none)`, suppressed: true };
  if (rate.value === null || rate.denominator === null) return { value: "–", detail: "no access decisions in this range", suppressed: false };
  return { value: formatPercent(rate.value), detail: `${rate.numerator ?? 0} of ${rate.denominator} decisions in published groups`, suppressed: false };
}

/** How many cells k-anonymity hid, so the page can say so instead of silently showing less. */
export function suppressedGroups(counts: { suppressed: boolean }[]): number {
  return counts.filter((row) => row.suppressed).length;
}

export type TimeRange = { from?: string; to?: string; label: string; error?: string };

export const RANGE_PRESETS = ["7d", "30d", "90d", "all"] as const;
export type RangePreset = (typeof RANGE_PRESETS)[number];

/** A preset ("7d") or an explicit from/to (yyyy-mm-dd, both inclusive) as an API time range ending `now`. */
export function timeRangeOf(preset: string | undefined, from: string | undefined, to: string | undefined, now: Date): TimeRange {
  const day = /^\d{4}-\d{2}-\d{2}$/;
  const valid = (value: string | undefined) => Boolean(value && day.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00.000Z`)));
  if (from || to) {
    if ((from && !valid(from)) || (to && !valid(to))) return { label: "Invalid range", error: "Dates must be real days written yyyy-mm-dd." };
    if (from && to && from > to) return { label: "Invalid range", error: `"From" (${from}) is after "To" (${to}): swap them or pick a preset.` };
    return {
      from: from ? `${from}T00:00:00.000Z` : undefined,
      to: to ? new Date(Date.parse(`${to}T00:00:00.000Z`) + 86_400_000).toISOString() : undefined,
      label: `${from || "start"} to ${to || "now"}`,
    };
  }
  const days = { "7d": 7, "30d": 30, "90d": 90 }[preset ?? "30d"];
  if (!days) return { label: "All time" };
  return { from: new Date(now.getTime() - days * 86_400_000).toISOString(), label: `Last ${days} days` };
}

/** "weeks of 2026-11-02 to 2026-11-29": the window the API actually answered (it snaps to whole buckets). */
export function windowLabel(window: { from: string; to: string; bucket: string; snapped: boolean; open: boolean }): string {
  const last = new Date(Date.parse(window.to) - 86_400_000).toISOString();
  const unit = window.bucket === "WEEK" ? "weeks" : "days";
  const snapped = window.snapped ? " (snapped to whole " + unit + ")" : "";
  const open = window.open ? "; the last is still open" : "";
  return `${unit} of ${formatDay(window.from)} to ${formatDay(last)}${snapped}${open}`;
}
