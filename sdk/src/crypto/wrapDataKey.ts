// Sealed-box key wrapping: a fresh ephemeral X25519 key agrees a secret with the recipient's public key;
// HKDF-SHA256 (salted with both public keys) turns it into an AES-256-GCM key and nonce that are used once.
// Only the recipient's private key can recover the data key; the sender keeps no secret.
import { gcm } from "@noble/ciphers/aes.js";
import { x25519 } from "@noble/curves/ed25519.js";
import { hkdf } from "@noble/hashes/hkdf.js";
import { sha256 } from "@noble/hashes/sha2.js";
import { concatBytes, utf8ToBytes } from "@noble/hashes/utils.js";
import { fromHex, toHex, type Hex } from "../hex.js";
import { x25519KeyBytes } from "./encryptionKeys.js";
import { CareTrailError } from "../errors/careTrailError.js";

const WRAP_INFO = utf8ToBytes("caretrail/key-wrap/v1");

/** A data key sealed to one recipient. */
export type WrappedKey = {
  /** The recipient's X25519 public key. */
  recipient: Hex;
  ephemeralPublicKey: Hex;
  /** The AES-GCM ciphertext and tag of the 32-byte data key. */
  sealedKey: Hex;
};

export class KeyUnwrapError extends CareTrailError {
  override name = "KeyUnwrapError";
  static override readonly kind = "DATA_ALTERED";
}

function wrappingCipher(sharedSecret: Uint8Array, ephemeralPublicKey: Uint8Array, recipient: Uint8Array) {
  const okm = hkdf(sha256, sharedSecret, concatBytes(ephemeralPublicKey, recipient), WRAP_INFO, 44);
  return gcm(okm.subarray(0, 32), okm.subarray(32, 44));
}

export type WrapDataKeyParameters = { dataKey: Uint8Array; recipientPublicKey: Hex };
export type WrapDataKeyReturnType = WrappedKey;

export function wrapDataKey({ dataKey, recipientPublicKey }: WrapDataKeyParameters): WrapDataKeyReturnType {
  const recipient = x25519KeyBytes(recipientPublicKey, "The recipient's public key");
  const ephemeral = x25519.keygen();
  const shared = x25519.getSharedSecret(ephemeral.secretKey, recipient);
  const sealedKey = wrappingCipher(shared, ephemeral.publicKey, recipient).encrypt(dataKey);
  return { recipient: toHex(recipient), ephemeralPublicKey: toHex(ephemeral.publicKey), sealedKey: toHex(sealedKey) };
}

export type UnwrapDataKeyParameters = { wrapped: WrappedKey; privateKey: Hex };
export type UnwrapDataKeyReturnType = Uint8Array;

export function unwrapDataKey({ wrapped, privateKey }: UnwrapDataKeyParameters): UnwrapDataKeyReturnType {
  const secret = x25519KeyBytes(privateKey, "The private key");
  const recipient = x25519.getPublicKey(secret);
  try {
    const ephemeral = fromHex(wrapped.ephemeralPublicKey);
    const shared = x25519.getSharedSecret(secret, ephemeral);
    return wrappingCipher(shared, ephemeral, recipient).decrypt(fromHex(wrapped.sealedKey));
  } catch {
    throw new KeyUnwrapError("The wrapped data key does not open with this private key: it was sealed to another key or has been altered.");
  }
}
