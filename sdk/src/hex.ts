/** A 0x-prefixed hex string. */
export type Hex = `0x${string}`;
/** A 0x-prefixed 20-byte account address. */
export type Address = `0x${string}`;

export const ZERO_BYTES32: Hex = `0x${"00".repeat(32)}`;

export function isBytes32(value: string): value is Hex {
  return /^0x[0-9a-fA-F]{64}$/.test(value);
}

export function toHex(bytes: Uint8Array): Hex {
  return `0x${Buffer.from(bytes).toString("hex")}`;
}

export function fromHex(hex: string): Uint8Array {
  if (!/^0x([0-9a-fA-F]{2})*$/.test(hex)) throw new TypeError(`Expected 0x-prefixed hex bytes, got ${JSON.stringify(hex.slice(0, 20))}`);
  return new Uint8Array(Buffer.from(hex.slice(2), "hex"));
}
