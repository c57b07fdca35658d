import { gcm } from "@noble/ciphers/aes.js";
import { concatBytes, randomBytes } from "@noble/hashes/utils.js";
import { CareTrailError } from "../errors/careTrailError.js";

const NONCE_BYTES = 12;

export class ContentDecryptionError extends CareTrailError {
  override name = "ContentDecryptionError";
  static override readonly kind = "DATA_ALTERED";
}

export function generateDataKey(): Uint8Array {
  return randomBytes(32);
}

export type EncryptContentParameters = { plaintext: Uint8Array; dataKey: Uint8Array; associatedData: Uint8Array };
/** nonce (12 bytes) ‖ AES-256-GCM ciphertext ‖ tag: the blob that is stored and content-addressed. */
export type EncryptContentReturnType = Uint8Array;

/** AES-256-GCM under `dataKey`; `associatedData` (the record id) binds the blob to its record. */
export function encryptContent({ plaintext, dataKey, associatedData }: EncryptContentParameters): EncryptContentReturnType {
  const nonce = randomBytes(NONCE_BYTES);
  return concatBytes(nonce, gcm(dataKey, nonce, associatedData).encrypt(plaintext));
}

export type DecryptContentParameters = { ciphertext: Uint8Array; dataKey: Uint8Array; associatedData: Uint8Array };

export function decryptContent({ ciphertext, dataKey, associatedData }: DecryptContentParameters): Uint8Array {
  try {
    return gcm(dataKey, ciphertext.subarray(0, NONCE_BYTES), associatedData).decrypt(ciphertext.subarray(NONCE_BYTES));
  } catch {
    throw new ContentDecryptionError("The ciphertext does not decrypt: its bytes were altered, or it belongs to another record.");
  }
}
