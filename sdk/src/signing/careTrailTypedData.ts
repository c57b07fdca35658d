// The one definition of CareTrail's EIP-712 domain and types. They must equal the contract's
// (EIP712("CareTrail", "1"), RECORD_TYPEHASH, CONSENT_GRANT_TYPEHASH); signing.test.ts checks them
// against a deployed contract.
import { TypedDataEncoder, getAddress, type TypedDataDomain } from "ethers";
import type { Address, Hex } from "../hex.js";

export const CARETRAIL_EIP712_NAME = "CareTrail";
export const CARETRAIL_EIP712_VERSION = "1";

export type CareTrailDomainParameters = { chainId: number | bigint; verifyingContract: string };

export function careTrailDomain({ chainId, verifyingContract }: CareTrailDomainParameters): TypedDataDomain {
  return {
    name: CARETRAIL_EIP712_NAME,
    version: CARETRAIL_EIP712_VERSION,
    chainId: BigInt(chainId),
    verifyingContract: getAddress(verifyingContract),
  };
}

export const recordTypes = {
  Record: [
    { name: "recordId", type: "bytes32" },
    { name: "patient", type: "address" },
    { name: "category", type: "uint8" },
    { name: "contentHash", type: "bytes32" },
    { name: "contentId", type: "bytes" },
    { name: "fieldsRoot", type: "bytes32" },
    { name: "supersedes", type: "bytes32" },
  ],
};

export const consentGrantTypes = {
  ConsentGrant: [
    { name: "patient", type: "address" },
    { name: "grantee", type: "address" },
    { name: "scope", type: "uint8" },
    { name: "purpose", type: "uint8" },
    { name: "expiresAt", type: "uint64" },
    { name: "nonce", type: "uint256" },
    { name: "deadline", type: "uint256" },
  ],
};

/** The contract's ICareRecords.RecordInput: what goes on-chain and what the author signs. */
export type RecordStruct = {
  recordId: Hex;
  patient: Address;
  category: number;
  /** sha-256 of the ciphertext. */
  contentHash: Hex;
  /** CIDv1 (raw, sha2-256) of the ciphertext, as bytes. */
  contentId: Hex;
  fieldsRoot: Hex;
  supersedes: Hex;
};

export type ConsentGrantStruct = {
  patient: Address;
  grantee: Address;
  scope: number;
  purpose: number;
  expiresAt: bigint;
  nonce: bigint;
  deadline: bigint;
};

/** The EIP-712 type string, e.g. "Record(bytes32 recordId,...)": its keccak256 is the contract's typehash. */
export function encodeTypeString(types: Record<string, Array<{ name: string; type: string }>>, primaryType: string): string {
  return TypedDataEncoder.from(types).encodeType(primaryType);
}

/** The digest the contract's recordDigest() returns for `record`. */
export function recordDigest(domain: CareTrailDomainParameters, record: RecordStruct): Hex {
  return TypedDataEncoder.hash(careTrailDomain(domain), recordTypes, record) as Hex;
}
