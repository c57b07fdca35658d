import { commitFields, type FieldSalts } from "../disclosure/commitFields.js";
import { contentHashOf, contentIdOf } from "../crypto/contentAddress.js";
import { encryptContent, generateDataKey } from "../crypto/encryptContent.js";
import { wrapDataKey } from "../crypto/wrapDataKey.js";
import { fromHex, type Hex } from "../hex.js";
import { canonicalBytes } from "./canonicalBytes.js";
import { parseRecord, type CareRecord } from "./careRecord.js";
import { RECORD_BUNDLE_TYPE, type RecordBundle } from "./recordBundle.js";
import { CareTrailError } from "../errors/careTrailError.js";

/** The plaintext inside a bundle's ciphertext: the record and the salts of its field tree. */
export type OpenedRecord = { record: CareRecord; salts: FieldSalts };

export class NoRecipientsError extends CareTrailError {
  override name = "NoRecipientsError";
  static override readonly kind = "BAD_USER_INPUT";
  constructor() {
    super("A record must be sealed to at least one X25519 public key: the patient's registered encryptionKey, plus each grantee's.");
  }
}

export type SealRecordParameters = {
  record: CareRecord;
  /** X25519 public keys that may open the record: the patient's and each grantee's. */
  recipients: Hex[];
  /** Reuse salts (re-sealing the same record to new readers); fresh ones when omitted. */
  salts?: FieldSalts;
};
export type SealRecordReturnType = { bundle: RecordBundle; opened: OpenedRecord };

/**
 * Commits the record's fields, encrypts record and salts under a fresh data key, seals that key to every
 * recipient and computes the content hash and CID. The bundle still needs the author's signature.
 */
export function sealRecord({ record, recipients, salts }: SealRecordParameters): SealRecordReturnType {
  const unique = [...new Set(recipients.map((key) => key.toLowerCase() as Hex))];
  if (unique.length === 0) throw new NoRecipientsError();
  const valid = parseRecord(record);
  const committed = commitFields({ resource: valid.resource, salts });
  const opened: OpenedRecord = { record: valid, salts: committed.salts };
  const dataKey = generateDataKey();
  const ciphertext = encryptContent({ plaintext: canonicalBytes(opened), dataKey, associatedData: fromHex(valid.recordId) });
  const bundle: RecordBundle = {
    type: RECORD_BUNDLE_TYPE,
    record: {
      recordId: valid.recordId,
      patient: valid.patient,
      category: valid.category,
      contentHash: contentHashOf(ciphertext),
      contentId: contentIdOf(ciphertext),
      fieldsRoot: committed.fieldsRoot,
      supersedes: valid.supersedes,
    },
    ciphertext: Buffer.from(ciphertext).toString("base64"),
    keys: unique.map((recipientPublicKey) => wrapDataKey({ dataKey, recipientPublicKey })),
  };
  dataKey.fill(0);
  return { bundle, opened };
}
