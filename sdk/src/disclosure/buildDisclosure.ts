import type { Hex } from "../hex.js";
import type { CareResource } from "../record/fhirResources.js";
import type { RecordBundle } from "../record/recordBundle.js";
import type { OpenedRecord } from "../record/sealRecord.js";
import { commitFields, type FieldSalts } from "./commitFields.js";
import { DISCLOSURE_TYPE, type DisclosedField, type Disclosure } from "./disclosure.js";
import { fieldProof } from "./fieldTree.js";
import { CareTrailError } from "../errors/careTrailError.js";

export class FieldNotFoundError extends CareTrailError {
  override name = "FieldNotFoundError";
  static override readonly kind = "BAD_USER_INPUT";
  constructor(path: string, available: string[]) {
    super(`${path ? `The record has no field ${JSON.stringify(path)}` : "No field was chosen"}. Fields you can disclose: ${available.join(", ")}`);
  }
}

export class BundleNotSignedError extends CareTrailError {
  override name = "BundleNotSignedError";
  static override readonly kind = "BAD_USER_INPUT";
  constructor() {
    super("The record bundle has no author signature: sign it first (caretrail record sign), then disclose.");
  }
}

export class FieldsRootMismatchError extends CareTrailError {
  override name = "FieldsRootMismatchError";
  static override readonly kind = "DATA_ALTERED";
  constructor(expected: Hex, actual: Hex) {
    super(`The decrypted record's fields hash to ${actual}, but the bundle's fieldsRoot is ${expected}: the bundle or its salts were altered.`);
  }
}

/** True when `path` names `field` itself or an object/array that contains it ("code" covers "code.text"). */
function selects(path: string, field: string): boolean {
  return field === path || field.startsWith(`${path}.`);
}

export type BuildFieldDisclosureParameters = { resource: CareResource; salts: FieldSalts; paths: string[] };
export type BuildFieldDisclosureReturnType = { fieldsRoot: Hex; fields: DisclosedField[] };

/** The chosen fields of `resource` with their salts and Merkle proofs. */
export function buildFieldDisclosure({ resource, salts, paths }: BuildFieldDisclosureParameters): BuildFieldDisclosureReturnType {
  const { fieldsRoot, fields, tree } = commitFields({ resource, salts });
  if (paths.length === 0)
    throw new FieldNotFoundError(
      "",
      fields.map((field) => field.path),
    );
  const chosen = new Set<number>();
  for (const path of paths) {
    const matches = fields.flatMap((field, index) => (selects(path, field.path) ? [index] : []));
    if (matches.length === 0)
      throw new FieldNotFoundError(
        path,
        fields.map((field) => field.path),
      );
    matches.forEach((index) => chosen.add(index));
  }
  const disclosed = [...chosen]
    .sort((a, b) => a - b)
    .map((index) => {
      const { path, value } = fields[index]!;
      return { path, value, salt: salts[path]!, proof: fieldProof(tree, index) };
    });
  return { fieldsRoot, fields: disclosed };
}

export type BuildDisclosureParameters = { bundle: RecordBundle; opened: OpenedRecord; paths: string[] };
export type BuildDisclosureReturnType = Disclosure;

/** A disclosure of `paths` from a signed bundle the holder has opened (decrypted). */
export function buildDisclosure({ bundle, opened, paths }: BuildDisclosureParameters): BuildDisclosureReturnType {
  if (!bundle.authorSignature) throw new BundleNotSignedError();
  const { fieldsRoot, fields } = buildFieldDisclosure({ resource: opened.record.resource, salts: opened.salts, paths });
  if (fieldsRoot !== bundle.record.fieldsRoot) throw new FieldsRootMismatchError(bundle.record.fieldsRoot, fieldsRoot);
  return { type: DISCLOSURE_TYPE, record: bundle.record, authorSignature: bundle.authorSignature, fields };
}
