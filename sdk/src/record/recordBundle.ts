import { z } from "zod";
import type { Address, Hex } from "../hex.js";
import type { RecordStruct } from "../signing/careTrailTypedData.js";
import type { WrappedKey } from "../crypto/wrapDataKey.js";
import { address, bytes32, issuesOf, RecordInvalidError } from "./careRecord.js";

export const RECORD_BUNDLE_TYPE = "caretrail/record-bundle@1";

const hexBytes = z
  .string()
  .regex(/^0x([0-9a-fA-F]{2})+$/, { error: "must be 0x-prefixed hex bytes" })
  .transform((v) => v.toLowerCase() as Hex);

export const recordStructSchema = z.strictObject({
  recordId: bytes32,
  patient: address,
  category: z.number().int().min(0).max(255),
  contentHash: bytes32,
  contentId: hexBytes,
  fieldsRoot: bytes32,
  supersedes: bytes32,
});

/** Who signed the record, for which chain and contract (the EIP-712 domain). */
export const authorSignatureSchema = z.strictObject({
  chainId: z.number().int().positive(),
  verifyingContract: address,
  author: address,
  signature: hexBytes,
});
export type AuthorSignature = { chainId: number; verifyingContract: Address; author: Address; signature: Hex };

const wrappedKeySchema = z.strictObject({ recipient: bytes32, ephemeralPublicKey: bytes32, sealedKey: hexBytes });

export const recordBundleSchema = z.strictObject({
  type: z.literal(RECORD_BUNDLE_TYPE),
  record: recordStructSchema,
  ciphertext: z.base64({ error: "must be the ciphertext in base64" }),
  keys: z.array(wrappedKeySchema).min(1, { error: "needs at least one wrapped data key" }),
  authorSignature: authorSignatureSchema.optional(),
});

/**
 * What travels off-chain: the encrypted record, its data key sealed to each reader, the on-chain record
 * fields, and (once signed) the author's signature. Everything a verifier needs besides the chain.
 */
export type RecordBundle = {
  type: typeof RECORD_BUNDLE_TYPE;
  record: RecordStruct;
  /** base64 of nonce ‖ AES-256-GCM ciphertext ‖ tag. */
  ciphertext: string;
  keys: WrappedKey[];
  authorSignature?: AuthorSignature;
};

export function parseRecordBundle(input: unknown): RecordBundle {
  const result = recordBundleSchema.safeParse(input);
  if (!result.success) throw new RecordInvalidError(issuesOf(result.error), "record bundle");
  return result.data;
}

export function ciphertextOf(bundle: RecordBundle): Uint8Array {
  return new Uint8Array(Buffer.from(bundle.ciphertext, "base64"));
}
