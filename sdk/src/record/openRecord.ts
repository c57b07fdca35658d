import { z } from "zod";
import { decryptContent } from "../crypto/encryptContent.js";
import { encryptionPublicKeyOf } from "../crypto/encryptionKeys.js";
import { unwrapDataKey } from "../crypto/wrapDataKey.js";
import { fromHex, type Hex } from "../hex.js";
import { bytes32, careRecordSchema, issuesOf, RecordInvalidError, type CareRecord } from "./careRecord.js";
import { ciphertextOf, type RecordBundle } from "./recordBundle.js";
import type { OpenedRecord } from "./sealRecord.js";
import { CareTrailError } from "../errors/careTrailError.js";

export class NotARecipientError extends CareTrailError {
  override name = "NotARecipientError";
  static override readonly kind = "FORBIDDEN";
  constructor(publicKey: Hex, recipients: Hex[]) {
    super(
      `This record is not sealed to your key (public key ${publicKey}); it is sealed to ${recipients.join(", ")}. ` +
        "Ask the patient to grant you access so new records are sealed to you.",
    );
  }
}

const openedRecordSchema = z.strictObject({ record: careRecordSchema, salts: z.record(z.string(), bytes32) });

export type OpenRecordParameters = { bundle: RecordBundle; privateKey: Hex };
export type OpenRecordReturnType = OpenedRecord;

/** Decrypts a bundle with the reader's X25519 private key and validates what is inside. */
export function openRecord({ bundle, privateKey }: OpenRecordParameters): OpenRecordReturnType {
  const publicKey = encryptionPublicKeyOf(privateKey);
  const wrapped = bundle.keys.find((key) => key.recipient.toLowerCase() === publicKey);
  if (!wrapped)
    throw new NotARecipientError(
      publicKey,
      bundle.keys.map((key) => key.recipient),
    );
  const dataKey = unwrapDataKey({ wrapped, privateKey });
  const plaintext = decryptContent({ ciphertext: ciphertextOf(bundle), dataKey, associatedData: fromHex(bundle.record.recordId) });
  dataKey.fill(0);
  const parsed = openedRecordSchema.safeParse(JSON.parse(new TextDecoder().decode(plaintext)));
  if (!parsed.success) throw new RecordInvalidError(issuesOf(parsed.error), "decrypted record");
  return { record: parsed.data.record as CareRecord, salts: parsed.data.salts };
}
