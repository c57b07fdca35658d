import { x25519 } from "@noble/curves/ed25519.js";
import { fromHex, toHex, type Hex } from "../hex.js";
import { CareTrailError } from "../errors/careTrailError.js";

/** An X25519 key pair. The public key is the bytes32 `encryptionKey` registered on-chain. */
export type EncryptionKeyPair = { publicKey: Hex; privateKey: Hex };

export class EncryptionKeyInvalidError extends CareTrailError {
  override name = "EncryptionKeyInvalidError";
  static override readonly kind = "BAD_USER_INPUT";
  constructor(what: string) {
    super(`${what} is not an X25519 key: expected 32 bytes as 0x-prefixed hex (64 hex digits). Make one with \`caretrail keys new\`.`);
  }
}

export function generateEncryptionKeyPair(): EncryptionKeyPair {
  const { secretKey, publicKey } = x25519.keygen();
  return { publicKey: toHex(publicKey), privateKey: toHex(secretKey) };
}

export function encryptionPublicKeyOf(privateKey: Hex): Hex {
  return toHex(x25519.getPublicKey(x25519KeyBytes(privateKey, "The private key")));
}

export function x25519KeyBytes(key: string, what: string): Uint8Array {
  if (!/^0x[0-9a-fA-F]{64}$/.test(key)) throw new EncryptionKeyInvalidError(what);
  return fromHex(key);
}
