// The field Merkle tree. Leaves commit to (salt, path, value); internal nodes hash their two children in
// sorted order, so a proof is just the list of sibling hashes (no left/right flags, the OpenZeppelin
// MerkleProof convention). An odd node at the end of a layer moves up unchanged. Leaves and nodes get
// different one-byte prefixes (0x00, 0x01) so a node can never pass as a leaf.
import { concat, keccak256, toUtf8Bytes } from "ethers";
import { canonicalBytes } from "../record/canonicalBytes.js";
import type { Hex } from "../hex.js";
import type { FieldValue } from "./flattenFields.js";
import { CareTrailError } from "../errors/careTrailError.js";

const LEAF_PREFIX = "0x00";
const NODE_PREFIX = "0x01";

/** keccak256(0x00 ‖ salt ‖ keccak256(path) ‖ keccak256(RFC 8785 bytes of value)). */
export function fieldLeafHash(salt: Hex, path: string, value: FieldValue): Hex {
  return keccak256(concat([LEAF_PREFIX, salt, keccak256(toUtf8Bytes(path)), keccak256(canonicalBytes(value))])) as Hex;
}

export function fieldNodeHash(a: Hex, b: Hex): Hex {
  const [low, high] = a.toLowerCase() <= b.toLowerCase() ? [a, b] : [b, a];
  return keccak256(concat([NODE_PREFIX, low, high])) as Hex;
}

export type FieldTree = {
  root: Hex;
  /** layers[0] are the leaves; the last layer holds only the root. */
  layers: Hex[][];
};

export class FieldTreeEmptyError extends CareTrailError {
  override name = "FieldTreeEmptyError";
  static override readonly kind = "BAD_USER_INPUT";
  constructor() {
    super("A field tree needs at least one leaf: the record's resource has no fields.");
  }
}

export function buildFieldTree(leaves: Hex[]): FieldTree {
  if (leaves.length === 0) throw new FieldTreeEmptyError();
  const layers: Hex[][] = [leaves];
  let layer = leaves;
  while (layer.length > 1) {
    const next: Hex[] = [];
    for (let i = 0; i < layer.length; i += 2) {
      const left = layer[i]!;
      const right = layer[i + 1];
      next.push(right === undefined ? left : fieldNodeHash(left, right));
    }
    layers.push(next);
    layer = next;
  }
  return { root: layer[0]!, layers };
}

/** The sibling hashes from leaf `index` up to the root. */
export function fieldProof(tree: FieldTree, index: number): Hex[] {
  const proof: Hex[] = [];
  let position = index;
  for (const layer of tree.layers.slice(0, -1)) {
    const sibling = layer[position ^ 1];
    if (sibling !== undefined) proof.push(sibling);
    position >>= 1;
  }
  return proof;
}

/** The root that `leaf` and `proof` lead to; equal to the tree's root when the proof is genuine. */
export function rootFromProof(leaf: Hex, proof: readonly Hex[]): Hex {
  return proof.reduce<Hex>((node, sibling) => fieldNodeHash(node, sibling), leaf);
}
