import type { Disclosure } from "../disclosure/disclosure.js";
import { verifyDisclosedFields } from "../disclosure/verifyDisclosedFields.js";
import { checkSignedRecord } from "./checkSignedRecord.js";
import type { ChainAccess } from "./connectCareTrail.js";
import { fail, pass, type Verdict } from "./verdict.js";
import { verifyAgainstChain } from "./verifyAgainstChain.js";

export type VerifyDisclosureParameters = { disclosure: Disclosure; chain: ChainAccess };
export type VerifyDisclosureReturnType = Verdict;

/**
 * Checks a disclosure against the chain: every revealed field (value, salt, proof) against the on-chain
 * fields root, the author's signature over the record, the author's authority, and amendments.
 */
export async function verifyDisclosure({ disclosure, chain }: VerifyDisclosureParameters): Promise<VerifyDisclosureReturnType> {
  return verifyAgainstChain({
    chain,
    kind: "disclosure",
    recordId: disclosure.record.recordId,
    needsRecord: ["fields", "signature", "author-authorised", "not-superseded"],
    check: async (connection, onChain) => [
      ...verifyDisclosedFields({ fieldsRoot: onChain.fieldsRoot, fields: disclosure.fields }).map((result) =>
        (result.valid ? pass : fail)(`field:${result.path}`, result.reason),
      ),
      ...(await checkSignedRecord(connection, disclosure.record, disclosure.authorSignature, onChain)),
    ],
  });
}
