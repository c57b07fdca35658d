// A record as the chain holds it, for suites that append records with no ciphertext stored behind them.
import { keccak256, solidityPacked, toUtf8Bytes, ZeroHash } from "ethers";
import { contentHashOf, type Hex, type RecordCategory, type RecordStruct } from "@caretrail/sdk";

export type BareRecordParameters = {
  patient: string;
  /** The record id is the patient's address then this 96-bit number. */
  idSequence: bigint;
  category: RecordCategory;
  /** What the content hash and id are of. */
  content: Uint8Array;
  /** Names the fields root (`fields:patient:label`). */
  fieldsLabel: string;
  supersedes?: string;
};

export function bareRecord({ patient, idSequence, category, content, fieldsLabel, supersedes = ZeroHash }: BareRecordParameters): RecordStruct {
  const contentHash = contentHashOf(content);
  return {
    recordId: solidityPacked(["address", "uint96"], [patient, idSequence]).toLowerCase() as Hex,
    patient: patient as Hex,
    category,
    contentHash,
    // A CIDv1 of raw bytes: multicodec raw (0x55), sha2-256 (0x12), 32 bytes.
    contentId: ("0x01551220" + contentHash.slice(2)) as Hex,
    fieldsRoot: keccak256(toUtf8Bytes(`fields:${patient}:${fieldsLabel}`)) as Hex,
    supersedes: supersedes as Hex,
  };
}
