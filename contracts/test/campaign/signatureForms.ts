// Other encodings of one valid ECDSA signature, which a signature check must refuse or treat as the same.
import { Signature, concat, getBytes, hexlify, toBeHex } from "ethers";

const SECP256K1_N = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;

/** The malleable twin: s replaced by n - s and v flipped. Plain ecrecover accepts it; OpenZeppelin's ECDSA refuses it. */
export function highS(signature: string): string {
  const { r, s, v } = Signature.from(signature);
  return concat([r, toBeHex(SECP256K1_N - BigInt(s), 32), new Uint8Array([v === 27 ? 28 : 27])]);
}

/** ERC-2098 compact form (r, yParity|s): 64 bytes. */
export const compact = (signature: string) => Signature.from(signature).compactSerialized;

/** The signature with v written as 0/1 instead of 27/28. */
export function zeroBasedV(signature: string): string {
  const bytes = getBytes(signature);
  bytes[64] = bytes[64]! - 27;
  return hexlify(bytes);
}
