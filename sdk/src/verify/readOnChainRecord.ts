import { getAddress } from "ethers";
import type { Address, Hex } from "../hex.js";
import type { RecordStruct } from "../signing/careTrailTypedData.js";
import type { CareTrailConnection } from "./connectCareTrail.js";

/** A record as the chain has it: its RecordAppended event, and whether a later record amended it. */
export type OnChainRecord = RecordStruct & {
  author: Address;
  signature: Hex;
  blockNumber: number;
  transactionHash: Hex;
  superseded: boolean;
  amendedBy?: { recordId: Hex; blockNumber: number };
};

export type ReadOnChainRecordParameters = { connection: CareTrailConnection; recordId: Hex };

/** Reads RecordAppended (eth_getLogs) and recordOf for `recordId`; undefined when it was never appended. */
export async function readOnChainRecord({ connection, recordId }: ReadOnChainRecordParameters): Promise<OnChainRecord | undefined> {
  const { contract, fromBlock } = connection;
  const [appended] = await contract.queryFilter(contract.filters.RecordAppended(recordId), fromBlock);
  if (!appended) return undefined;
  const event = appended.args;
  const [, , superseded] = await contract.recordOf(recordId);
  const [amended] = superseded ? await contract.queryFilter(contract.filters.RecordAmended(recordId), appended.blockNumber) : [];
  return {
    recordId: event.recordId.toLowerCase() as Hex,
    patient: getAddress(event.patient) as Address,
    category: Number(event.category),
    contentHash: event.contentHash.toLowerCase() as Hex,
    contentId: event.contentId.toLowerCase() as Hex,
    fieldsRoot: event.fieldsRoot.toLowerCase() as Hex,
    supersedes: event.supersedes.toLowerCase() as Hex,
    author: getAddress(event.author) as Address,
    signature: event.signature as Hex,
    blockNumber: appended.blockNumber,
    transactionHash: appended.transactionHash as Hex,
    superseded,
    ...(amended && { amendedBy: { recordId: amended.args.recordId.toLowerCase() as Hex, blockNumber: amended.blockNumber } }),
  };
}
