import { z } from "zod";
import type { Hex } from "../hex.js";
import { bytes32, issuesOf, RecordInvalidError } from "../record/careRecord.js";
import { authorSignatureSchema, recordStructSchema, type AuthorSignature } from "../record/recordBundle.js";
import type { RecordStruct } from "../signing/careTrailTypedData.js";
import type { FieldValue } from "./flattenFields.js";

export const DISCLOSURE_TYPE = "caretrail/disclosure@1";

/** A revealed field: its value and salt, and the sibling hashes that lead from its leaf to fieldsRoot. */
export type DisclosedField = { path: string; value: FieldValue; salt: Hex; proof: Hex[] };

/**
 * Part of a record, shown to someone (an insurer, a researcher) who cannot decrypt the whole: the signed
 * on-chain record fields and the revealed fields with their proofs. Hidden fields appear only inside
 * proof hashes, salted, so they give nothing away.
 */
export type Disclosure = {
  type: typeof DISCLOSURE_TYPE;
  record: RecordStruct;
  authorSignature: AuthorSignature;
  fields: DisclosedField[];
};

const fieldValueSchema = z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(z.never()).length(0), z.strictObject({})]);

export const disclosureSchema = z.strictObject({
  type: z.literal(DISCLOSURE_TYPE),
  record: recordStructSchema,
  authorSignature: authorSignatureSchema,
  fields: z
    .array(z.strictObject({ path: z.string().min(1), value: fieldValueSchema, salt: bytes32, proof: z.array(bytes32) }))
    .min(1, { error: "a disclosure reveals at least one field" }),
});

export function parseDisclosure(input: unknown): Disclosure {
  const result = disclosureSchema.safeParse(input);
  if (!result.success) throw new RecordInvalidError(issuesOf(result.error), "disclosure");
  return result.data as Disclosure;
}
