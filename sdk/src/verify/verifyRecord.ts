import { commitFields } from "../disclosure/commitFields.js";
import { contentHashOf, contentIdOf } from "../crypto/contentAddress.js";
import type { Hex } from "../hex.js";
import { openRecord } from "../record/openRecord.js";
import { ciphertextOf, type RecordBundle } from "../record/recordBundle.js";
import { checkSignedRecord } from "./checkSignedRecord.js";
import type { ChainAccess } from "./connectCareTrail.js";
import { fail, pass, skip, type Check, type Verdict } from "./verdict.js";
import { verifyAgainstChain } from "./verifyAgainstChain.js";

export type VerifyRecordParameters = {
  bundle: RecordBundle;
  chain: ChainAccess;
  /** A reader's X25519 private key: decrypts the record and recomputes its fields root. */
  privateKey?: Hex;
};
export type VerifyRecordReturnType = Verdict;

/**
 * Checks a record bundle against the chain: the ciphertext's sha-256 and CID, the fields root (when it can
 * decrypt), the author's EIP-712 signature, the author's authority at the record's block, and amendments.
 */
export async function verifyRecord({ bundle, chain, privateKey }: VerifyRecordParameters): Promise<VerifyRecordReturnType> {
  return verifyAgainstChain({
    chain,
    kind: "record",
    recordId: bundle.record.recordId,
    needsRecord: ["content-hash", "content-id", "fields-root", "signature", "author-authorised", "not-superseded"],
    check: async (connection, onChain) => {
      const ciphertext = ciphertextOf(bundle);
      const hash = contentHashOf(ciphertext);
      const cid = contentIdOf(ciphertext);
      return [
        hash === onChain.contentHash
          ? pass("content-hash", `sha-256 of the ciphertext equals the on-chain content hash ${hash}`)
          : fail(
              "content-hash",
              `sha-256 of the ciphertext is ${hash}, the chain recorded ${onChain.contentHash}: the ciphertext was altered or belongs to another record`,
            ),
        cid === onChain.contentId
          ? pass("content-id", "the ciphertext's CIDv1 equals the on-chain content id")
          : fail("content-id", `the ciphertext's CID is ${cid}, the chain recorded ${onChain.contentId}`),
        ...fieldsRootChecks(bundle, onChain.fieldsRoot, privateKey),
        ...(await checkSignedRecord(connection, bundle.record, bundle.authorSignature, onChain)),
      ];
    },
  });
}

function fieldsRootChecks(bundle: RecordBundle, onChainRoot: Hex, privateKey: Hex | undefined): Check[] {
  if (!privateKey) return [skip("fields-root", "pass a reader's key (--key) to decrypt the record and recompute its fields root")];
  let opened;
  try {
    opened = openRecord({ bundle, privateKey });
  } catch (error) {
    return [fail("decrypts", (error as Error).message), skip("fields-root", "the record did not decrypt")];
  }
  const { record, salts } = opened;
  const envelope =
    record.recordId === bundle.record.recordId &&
    record.patient === bundle.record.patient &&
    record.category === bundle.record.category &&
    record.supersedes === bundle.record.supersedes;
  const root = commitFields({ resource: record.resource, salts }).fieldsRoot;
  return [
    envelope
      ? pass("decrypts", "decrypted with the given key; the record inside names the same id, patient, category and supersedes")
      : fail("decrypts", "decrypted, but the record inside names another id, patient, category or supersedes than the bundle"),
    root === onChainRoot
      ? pass("fields-root", `the decrypted fields and salts hash to the on-chain fields root ${root}`)
      : fail("fields-root", `the decrypted fields hash to ${root}, the chain recorded ${onChainRoot}`),
  ];
}
