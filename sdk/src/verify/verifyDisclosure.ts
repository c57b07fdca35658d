import type { Disclosure } from "../disclosure/disclosure.js";
import { verifyDisclosedFields } from "../disclosure/verifyDisclosedFields.js";
import { checkSignedRecord, recordOnChainCheck, skipped } from "./checkSignedRecord.js";
import { connectCareTrail, type ChainAccess } from "./connectCareTrail.js";
import { readOnChainRecord } from "./readOnChainRecord.js";
import { fail, pass, verdictOf, type Check, type Verdict } from "./verdict.js";

export type VerifyDisclosureParameters = { disclosure: Disclosure; chain: ChainAccess };
export type VerifyDisclosureReturnType = Verdict;

/**
 * Checks a disclosure against the chain: every revealed field (value, salt, proof) against the on-chain
 * fields root, the author's signature over the record, the author's authority, and amendments.
 */
export async function verifyDisclosure({ disclosure, chain }: VerifyDisclosureParameters): Promise<VerifyDisclosureReturnType> {
  const connection = await connectCareTrail(chain);
  try {
    const { recordId } = disclosure.record;
    const onChain = await readOnChainRecord({ connection, recordId });
    const checks: Check[] = [recordOnChainCheck(connection, recordId, onChain)];
    if (!onChain) {
      checks.push(...skipped(["fields", "signature", "author-authorised", "not-superseded"], "the record is not on this chain"));
      return verdictOf("disclosure", recordId, checks);
    }
    for (const result of verifyDisclosedFields({ fieldsRoot: onChain.fieldsRoot, fields: disclosure.fields })) {
      checks.push((result.valid ? pass : fail)(`field:${result.path}`, result.reason));
    }
    checks.push(...(await checkSignedRecord(connection, disclosure.record, disclosure.authorSignature, onChain)));
    return verdictOf("disclosure", recordId, checks);
  } finally {
    connection.close();
  }
}
