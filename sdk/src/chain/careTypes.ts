// The contract's codes (enums, categories, scopes) are generated from contracts/contracts/CareTypes.sol;
// this module adds the helpers that work on them.
export * from "../generated/careTypes.js";
import type { RecordCategory } from "../generated/careTypes.js";

/** The consent scope bitmask that covers exactly `categories`. */
export function scopeOf(...categories: RecordCategory[]): number {
  return categories.reduce<number>((scope, category) => scope | (1 << category), 0);
}

export function inScope(scope: number, category: number): boolean {
  return (scope & (1 << category)) !== 0;
}

/** The name of an enum value, for messages ("Provider" rather than 2). */
export function enumName(values: Record<string, number>, value: number): string {
  return Object.keys(values).find((key) => values[key] === value) ?? `unknown(${value})`;
}
