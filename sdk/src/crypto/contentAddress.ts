import { sha256 } from "@noble/hashes/sha2.js";
import { CID } from "multiformats/cid";
import * as raw from "multiformats/codecs/raw";
import { create as createDigest } from "multiformats/hashes/digest";
import { sha256 as multihashSha256 } from "multiformats/hashes/sha2";
import { fromHex, toHex, type Hex } from "../hex.js";

/** sha-256 of the ciphertext: the record's on-chain contentHash. */
export function contentHashOf(ciphertext: Uint8Array): Hex {
  return toHex(sha256(ciphertext));
}

/** CIDv1, raw codec, sha2-256 of the ciphertext: the same id IPFS gives the blob when pinned unchanged. */
export function contentCidOf(ciphertext: Uint8Array): CID {
  return CID.createV1(raw.code, createDigest(multihashSha256.code, sha256(ciphertext)));
}

/** The CID as bytes: the record's on-chain contentId. */
export function contentIdOf(ciphertext: Uint8Array): Hex {
  return toHex(contentCidOf(ciphertext).bytes);
}

/** "bafkrei..." from the on-chain contentId bytes. */
export function contentIdToString(contentId: Hex): string {
  return CID.decode(fromHex(contentId)).toString();
}
