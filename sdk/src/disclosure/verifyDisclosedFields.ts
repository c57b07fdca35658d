import type { Hex } from "../hex.js";
import type { DisclosedField } from "./disclosure.js";
import { fieldLeafHash, rootFromProof } from "./fieldTree.js";

export type DisclosedFieldResult = { path: string; valid: boolean; reason: string };

export type VerifyDisclosedFieldsParameters = { fieldsRoot: Hex; fields: DisclosedField[] };
export type VerifyDisclosedFieldsReturnType = DisclosedFieldResult[];

/** Checks each revealed field's salt, value and proof against `fieldsRoot` (offline; no chain needed). */
export function verifyDisclosedFields({ fieldsRoot, fields }: VerifyDisclosedFieldsParameters): VerifyDisclosedFieldsReturnType {
  const seen = new Set<string>();
  return fields.map(({ path, value, salt, proof }) => {
    if (seen.has(path)) return { path, valid: false, reason: "the field is disclosed twice" };
    seen.add(path);
    const root = rootFromProof(fieldLeafHash(salt, path, value), proof);
    return root === fieldsRoot.toLowerCase()
      ? { path, valid: true, reason: `value, salt and ${proof.length}-step proof lead to the fields root` }
      : {
          path,
          valid: false,
          reason: `value, salt and proof lead to ${root}, not the signed fields root ${fieldsRoot}: the field, its salt or its proof was altered`,
        };
  });
}
