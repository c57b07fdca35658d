import { randomBytes } from "ethers";
import { toHex, type Hex } from "../hex.js";
import type { CareResource } from "../record/fhirResources.js";
import { buildFieldTree, fieldLeafHash, type FieldTree } from "./fieldTree.js";
import { flattenFields, type Field } from "./flattenFields.js";
import { CareTrailError } from "../errors/careTrailError.js";

/** One random 32-byte salt per field path: hides each field's value until the holder reveals it. */
export type FieldSalts = Record<string, Hex>;

export class FieldSaltsMismatchError extends CareTrailError {
  override name = "FieldSaltsMismatchError";
  static override readonly kind = "DATA_ALTERED";
  constructor(problem: string) {
    super(`The field salts do not belong to this record: ${problem}. Use the salts sealed with the record (caretrail record decrypt prints them).`);
  }
}

export type CommitFieldsParameters = {
  resource: CareResource;
  /** Existing salts (to recompute a root); fresh random ones when omitted. */
  salts?: FieldSalts;
};
export type CommitFieldsReturnType = { fieldsRoot: Hex; salts: FieldSalts; fields: Field[]; tree: FieldTree };

/** Salts every field of `resource` and builds the Merkle tree whose root the author signs. */
export function commitFields({ resource, salts }: CommitFieldsParameters): CommitFieldsReturnType {
  const fields = flattenFields(resource);
  const used: FieldSalts = {};
  for (const { path } of fields) {
    const salt = salts ? salts[path] : toHex(randomBytes(32));
    if (salt === undefined) throw new FieldSaltsMismatchError(`no salt for field ${path}`);
    if (!/^0x[0-9a-fA-F]{64}$/.test(salt)) throw new FieldSaltsMismatchError(`the salt for ${path} is not 32 bytes of hex`);
    used[path] = salt.toLowerCase() as Hex;
  }
  if (salts) {
    const extra = Object.keys(salts).filter((path) => !(path in used));
    if (extra.length > 0) throw new FieldSaltsMismatchError(`salts for fields the record lacks: ${extra.join(", ")}`);
  }
  const tree = buildFieldTree(fields.map(({ path, value }) => fieldLeafHash(used[path]!, path, value)));
  return { fieldsRoot: tree.root, salts: used, fields, tree };
}
