import type { Hex } from "../hex.js";
import { connectCareTrail, type CareTrailConnection, type ChainAccess } from "./connectCareTrail.js";
import { readOnChainRecord, type OnChainRecord } from "./readOnChainRecord.js";
import { fail, pass, skip, verdictOf, type Check, type Verdict } from "./verdict.js";

export type VerifyAgainstChainParameters = {
  chain: ChainAccess;
  kind: Verdict["kind"];
  recordId: Hex;
  /** The names of the checks that need the on-chain record: skipped when the chain does not have it. */
  needsRecord: string[];
  /** The kind's own checks, against the record as the chain has it. */
  check: (connection: CareTrailConnection, onChain: OnChainRecord) => Promise<Check[]>;
};

/** The frame of every verification: connect, find the record on the chain, and (when it is there) check against it. */
export async function verifyAgainstChain({ chain, kind, recordId, needsRecord, check }: VerifyAgainstChainParameters): Promise<Verdict> {
  const connection = await connectCareTrail(chain);
  try {
    const onChain = await readOnChainRecord({ connection, recordId });
    const checks = onChain ? await check(connection, onChain) : needsRecord.map((name) => skip(name, "the record is not on this chain"));
    return verdictOf(kind, recordId, [recordOnChainCheck(connection, recordId, onChain), ...checks]);
  } finally {
    connection.close();
  }
}

function recordOnChainCheck(connection: CareTrailConnection, recordId: string, onChain: OnChainRecord | undefined): Check {
  return onChain
    ? pass("record-on-chain", `appended in block ${onChain.blockNumber} (transaction ${onChain.transactionHash})`)
    : fail(
        "record-on-chain",
        `no RecordAppended for ${recordId} on CareTrail ${connection.address} (chain ${connection.chainId}) since block ${connection.fromBlock}: ` +
          "the record is unknown here; check --deployment",
      );
}
