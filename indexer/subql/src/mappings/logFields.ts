import type { EthereumLog, EthereumResult } from "@subql/types-ethereum";
import { DenialReason, Purpose, Role } from "../types";
import { DenialReasonNames, PurposeNames, RoleNames } from "../generated/careTypeNames";

/** The columns every event row carries; the id is `${txHash}-${logIndex}`, so a replay rewrites the same row. */
export type LogFields = { id: string; blockNumber: bigint; blockTimestamp: Date; txHash: string; logIndex: number };

export function logFields(log: EthereumLog): LogFields {
  return {
    id: `${log.transactionHash}-${log.logIndex}`,
    blockNumber: BigInt(log.blockNumber),
    blockTimestamp: new Date(Number(log.block.timestamp) * 1000),
    txHash: log.transactionHash,
    logIndex: log.logIndex,
  };
}

/** What every handler starts from: the log's decoded arguments and the columns its event row carries. */
export function decodedLog<T extends EthereumResult>(log: EthereumLog<T>): { args: T; fields: LogFields } {
  return { args: argsOf(log), fields: logFields(log) };
}

/** The decoded arguments of a log; SubQuery leaves them undefined when the ABI does not match the topic. */
export function argsOf<T extends EthereumResult>(log: EthereumLog<T>): T {
  if (log.args === undefined) {
    throw new Error(
      `Log ${log.transactionHash}-${log.logIndex} did not decode with the CareTrail ABI: rebuild the indexer against the deployed contract's ABI.`,
    );
  }
  return log.args;
}

export function address(value: string): string {
  return value.toLowerCase();
}

export function consentId(patient: string, grantee: string): string {
  return `${patient}-${grantee}`;
}

export const ZERO_BYTES32 = "0x" + "0".repeat(64);

/**
 * Solidity enums arrive as their uint8 codes; the names by code are generated from CareTypes.sol, and naming
 * each one in the schema's enum makes a contract member that schema.graphql lacks a type error here.
 */
const ROLES: readonly Role[] = RoleNames.map((name) => Role[name]);
const PURPOSES: readonly Purpose[] = PurposeNames.map((name) => Purpose[name]);
const DENIAL_REASONS: readonly DenialReason[] = DenialReasonNames.map((name) => DenialReason[name]);

export const roleOf = (code: number) => decode(ROLES, code, "Role");
export const purposeOf = (code: number) => decode(PURPOSES, code, "Purpose");
export const denialReasonOf = (code: number) => decode(DENIAL_REASONS, code, "DenialReason");

function decode<T>(names: readonly T[], code: number, enumName: string): T {
  const name = names[code];
  if (name === undefined) {
    throw new Error(
      `Unknown ${enumName} code ${code}: CareTypes.sol changed: ` +
        "add the member to schema.graphql and rebuild the indexer (npm run build -w @caretrail/indexer).",
    );
  }
  return name;
}
