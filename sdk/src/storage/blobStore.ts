import { CID } from "multiformats/cid";
import { contentCidOf } from "../crypto/contentAddress.js";
import { CareTrailError } from "../errors/careTrailError.js";

/** Content-addressed storage for ciphertexts: a blob's key is the CIDv1 of its bytes. */
export interface BlobStore {
  /** Stores `bytes` and returns their CID ("bafkrei..."). Storing the same bytes twice is harmless. */
  put(bytes: Uint8Array): Promise<string>;
  /** The bytes stored under `cid`, checked against it. */
  get(cid: string): Promise<Uint8Array>;
  has(cid: string): Promise<boolean>;
}

export class BlobNotFoundError extends CareTrailError {
  override name = "BlobNotFoundError";
  static override readonly kind = "NOT_FOUND";
  constructor(cid: string, where: string) {
    super(`No blob ${cid} in ${where}. Check the content id, or that the record was stored in this store.`);
  }
}

export class BlobCorruptedError extends CareTrailError {
  override name = "BlobCorruptedError";
  static override readonly kind = "DATA_ALTERED";
  constructor(cid: string, actual: string, where: string) {
    super(`The blob stored as ${cid} in ${where} now hashes to ${actual}: the store's copy was altered. Restore it from another copy.`);
  }
}

export class BlobIdInvalidError extends CareTrailError {
  override name = "BlobIdInvalidError";
  static override readonly kind = "BAD_USER_INPUT";
  constructor(cid: string) {
    super(`${JSON.stringify(cid)} is not a CIDv1 string (expected something like bafkrei...).`);
  }
}

/** The canonical string form of `cid`, or BlobIdInvalidError: keeps path and SQL keys well-formed. */
export function normaliseCid(cid: string): string {
  try {
    const parsed = CID.parse(cid);
    if (parsed.version !== 1) throw new BlobIdInvalidError(cid);
    return parsed.toString();
  } catch {
    throw new BlobIdInvalidError(cid);
  }
}

/** Returns `bytes` when they hash to `cid`; a store never hands out bytes that do not match their name. */
export function checkBlob(cid: string, bytes: Uint8Array, where: string): Uint8Array {
  const actual = contentCidOf(bytes).toString();
  if (actual !== cid) throw new BlobCorruptedError(cid, actual, where);
  return bytes;
}
