import type { ConsentGrantedLog } from "../types/abi-interfaces/CareTrail";
import { CareTrail__factory } from "../types/contracts/factories/CareTrail__factory";
import { address } from "./logFields";

/** The 4-byte selector of grantConsentBySig, taken from the ABI the indexer was built with. */
const GRANT_BY_SIGNATURE = CareTrail__factory.createInterface().getSighash("grantConsentBySig").toLowerCase();

/**
 * True exactly when this grant came from grantConsentBySig, whoever sent it (the patient or a relayer):
 * the transaction calls CareTrail directly with that function's selector. A grant made through another
 * contract (a wallet or batcher) cannot be told apart from the log and transaction alone and reads false.
 */
export function isSignedGrant(log: ConsentGrantedLog): boolean {
  // SubQuery's type says always present; the node leaves it out when run with --skipTransactions.
  const transaction = log.transaction as ConsentGrantedLog["transaction"] | undefined;
  if (!transaction) {
    throw new Error(`ConsentGranted ${log.transactionHash} arrived without its transaction: do not run the indexer with --skipTransactions.`);
  }
  const callsCareTrail = transaction.to != null && address(transaction.to) === address(log.address);
  return callsCareTrail && transaction.input.slice(0, 10).toLowerCase() === GRANT_BY_SIGNATURE;
}
