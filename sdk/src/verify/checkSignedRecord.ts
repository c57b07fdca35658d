import type { AuthorSignature } from "../record/recordBundle.js";
import type { RecordStruct } from "../signing/careTrailTypedData.js";
import { recoverRecordSigner } from "../signing/signRecord.js";
import { checkAuthorAuthority } from "./checkAuthorAuthority.js";
import type { CareTrailConnection } from "./connectCareTrail.js";
import type { OnChainRecord } from "./readOnChainRecord.js";
import { fail, pass, warn, type Check } from "./verdict.js";

const RECORD_FIELDS = ["patient", "category", "contentHash", "contentId", "fieldsRoot", "supersedes"] as const;

/** The checks shared by records and disclosures: what the holder claims against what the chain recorded. */
export async function checkSignedRecord(
  connection: CareTrailConnection,
  claimed: RecordStruct,
  authorSignature: AuthorSignature | undefined,
  onChain: OnChainRecord,
): Promise<Check[]> {
  const checks: Check[] = [];
  const differing = RECORD_FIELDS.filter((field) => String(claimed[field]).toLowerCase() !== String(onChain[field]).toLowerCase());
  checks.push(
    differing.length === 0
      ? pass("metadata-matches-chain", "patient, category, content hash and id, fields root and supersedes equal the on-chain record")
      : fail(
          "metadata-matches-chain",
          `differs from the on-chain record in ${differing.map((field) => `${field} (${claimed[field]} here, ${onChain[field]} on-chain)`).join(", ")}`,
        ),
  );

  if (!authorSignature) {
    checks.push(fail("signature", "the bundle carries no author signature: it was never signed (caretrail record sign)"));
  } else {
    const { chainId, verifyingContract, author, signature } = authorSignature;
    const sameDomain = chainId === connection.chainId && verifyingContract.toLowerCase() === connection.address.toLowerCase();
    checks.push(
      sameDomain
        ? pass("signature-domain", `signed for chain ${chainId} and CareTrail ${verifyingContract}`)
        : fail(
            "signature-domain",
            `signed for chain ${chainId} / contract ${verifyingContract}, but this is chain ${connection.chainId} / contract ${connection.address}: ` +
              "a signature replayed from another deployment",
          ),
    );
    // Recover under this chain's domain: a signature made for another chain recovers to a stranger.
    const recovered = recoverRecordSigner({ chainId: connection.chainId, verifyingContract: connection.address, record: claimed, signature });
    checks.push(
      recovered === undefined
        ? fail("signature", "the signature is malformed: it does not recover to any address")
        : recovered !== onChain.author
          ? fail(
              "signature",
              `the signature recovers to ${recovered}, not the on-chain author ${onChain.author}: the signature or the signed fields were altered`,
            )
          : author !== onChain.author
            ? fail("signature", `the bundle names ${author} as author, but the chain recorded ${onChain.author}`)
            : pass("signature", `EIP-712 signature recovers to the on-chain author ${onChain.author}`),
    );
  }

  checks.push(
    await checkAuthorAuthority({ connection, patient: onChain.patient, author: onChain.author, category: onChain.category, blockTag: onChain.blockNumber }),
  );
  checks.push(
    onChain.superseded
      ? warn(
          "not-superseded",
          onChain.amendedBy
            ? `amended by record ${onChain.amendedBy.recordId} in block ${onChain.amendedBy.blockNumber}: read that record for the current version`
            : "the chain marks this record superseded by a later amendment",
        )
      : pass("not-superseded", "no later record amends this one"),
  );
  return checks;
}
