import { CareTrailError } from "../errors/careTrailError.js";

/** One leaf of a resource: a dotted path ("component.0.valueQuantity.value") and its JSON value. */
export type Field = { path: string; value: FieldValue };
/** A scalar, or an empty array/object (kept as a leaf so the tree commits to the whole shape). */
export type FieldValue = string | number | boolean | null | [] | Record<string, never>;

export class FieldPathError extends CareTrailError {
  override name = "FieldPathError";
  static override readonly kind = "BAD_USER_INPUT";
}

/** Every leaf of `value`, sorted by path: the order of the field Merkle tree's leaves. */
export function flattenFields(value: unknown): Field[] {
  const fields: Field[] = [];
  walk(value, "", fields);
  return fields.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

function walk(value: unknown, path: string, out: Field[]): void {
  if (Array.isArray(value)) {
    if (value.length === 0) out.push({ path, value: [] });
    value.forEach((item, index) => walk(item, join(path, String(index)), out));
    return;
  }
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value).filter(([, item]) => item !== undefined);
    if (entries.length === 0) out.push({ path, value: {} });
    for (const [key, item] of entries) {
      if (key.includes(".") || key === "")
        throw new FieldPathError(`Field name ${JSON.stringify(key)} cannot be part of a dotted path; record fields must not contain dots.`);
      walk(item, join(path, key), out);
    }
    return;
  }
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean" || value === null) {
    out.push({ path, value });
    return;
  }
  throw new FieldPathError(`The value at ${path || "(root)"} is a ${typeof value}, which JSON records cannot hold.`);
}

function join(path: string, key: string): string {
  return path === "" ? key : `${path}.${key}`;
}
