// Display formatting shared by server and client components; pure, so it is unit-tested.
import type { AccessEvent, AccessKind, Purpose, Role } from "./apiShapes";

// Mirrors the contract's RecordCategory bit positions (sdk/src/chain/careTypes.ts).
export const CATEGORY_NAMES = ["Vitals", "Notes", "Labs", "Imaging", "Prescriptions", "Sensitive"] as const;

/** CareTypes.sol Category.ALL: an emergency (break-glass) access covers every category. */
const WHOLE_RECORD = 255;

export function categoryName(category: number | null | undefined): string {
  if (category === null || category === undefined || category === WHOLE_RECORD) return "All categories";
  return CATEGORY_NAMES[category] ?? `Category ${category}`;
}

/** The category names a consent scope bitmask covers, e.g. 0b101 → ["Vitals", "Labs"]. */
export function scopeNames(scope: number): string[] {
  return CATEGORY_NAMES.filter((_, bit) => (scope & (1 << bit)) !== 0);
}

export function scopeFromCategories(categories: number[]): number {
  return categories.reduce((scope, category) => scope | (1 << category), 0);
}

export function shortAddress(address: string): string {
  return address.length > 12 ? `${address.slice(0, 6)}…${address.slice(-4)}` : address;
}

export function shortHash(hash: string): string {
  return hash.length > 18 ? `${hash.slice(0, 10)}…${hash.slice(-6)}` : hash;
}

/** "2026-11-25 14:03 UTC": UTC so server and browser render the same text. */
export function formatTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${date.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

export function formatDay(iso: string): string {
  return iso.slice(0, 10);
}

export function titleCase(value: string): string {
  return value.charAt(0) + value.slice(1).toLowerCase().replaceAll("_", " ");
}

export function purposeLabel(purpose: Purpose): string {
  return purpose === "NONE" ? "No purpose" : titleCase(purpose);
}

export function roleLabel(role: Role | null | undefined): string {
  return role ? titleCase(role) : "Unregistered";
}

const KIND_LABELS: Record<AccessKind, string> = {
  REQUEST: "Requested access",
  GRANT: "Access granted",
  DENIAL: "Access denied",
  EMERGENCY: "Emergency access",
  READ: "Record read",
};

export function kindLabel(kind: AccessKind): string {
  return KIND_LABELS[kind];
}

export type EventTone = "grant" | "denial" | "emergency" | "neutral";

/** How loudly a timeline shows an event: emergencies and denials must stand out. */
export function eventTone(event: Pick<AccessEvent, "kind">): EventTone {
  if (event.kind === "EMERGENCY") return "emergency";
  if (event.kind === "DENIAL") return "denial";
  if (event.kind === "GRANT" || event.kind === "READ") return "grant";
  return "neutral";
}

/** 0.125 → "12.5%"; null (suppressed or no decisions) → "–". */
export function formatPercent(value: number | null | undefined): string {
  if (value === null || value === undefined) return "–";
  return `${(value * 100).toFixed(value < 0.1 ? 1 : 0)}%`;
}

export function formatCount(value: number): string {
  return value.toLocaleString("en-US");
}

/** Address → display name (demo personas); unknown addresses show shortened. */
export type NameBook = Record<string, string>;

export function displayName(address: string, names: NameBook = {}): string {
  return names[address.toLowerCase()] ?? shortAddress(address);
}
