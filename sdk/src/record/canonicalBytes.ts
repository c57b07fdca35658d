import canonicalizeModule from "canonicalize";
import { CareTrailError } from "../errors/careTrailError.js";

// canonicalize 2 is CommonJS (so CommonJS consumers of the SDK, such as the contracts scripts, can load
// it); its typings claim an ES default export, but the default import is the function itself.
const canonicalize = canonicalizeModule as unknown as (input: unknown) => string | undefined;

export class CanonicalizationError extends CareTrailError {
  override name = "CanonicalizationError";
  static override readonly kind = "BAD_USER_INPUT";
}

export type CanonicalBytesParameters = unknown;
export type CanonicalBytesReturnType = Uint8Array;

/** RFC 8785 (JSON Canonicalization Scheme) bytes of `value`: equal values always give equal bytes. */
export function canonicalBytes(value: CanonicalBytesParameters): CanonicalBytesReturnType {
  return new TextEncoder().encode(canonicalJson(value));
}

export function canonicalJson(value: unknown): string {
  const json = canonicalize(value);
  if (json === undefined) throw new CanonicalizationError("This value has no JSON form (undefined or a function); records hold JSON data only.");
  return json;
}
