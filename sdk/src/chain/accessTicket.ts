// The terms of an access ticket (ICareAccess.AccessTicket) and its id, computed off-chain exactly as
// CareTrail derives it, so a vault can hand logRead the ticket an AccessGranted event described.
import { AbiCoder, keccak256, ZeroHash } from "ethers";
import type { Hex } from "../hex.js";
import { ALL_CATEGORIES, Purpose } from "./careTypes.js";
import { CareTrailError } from "../errors/careTrailError.js";

export type AccessTicket = {
  requester: string;
  patient: string;
  /** Zero for a category-wide or emergency ticket. */
  recordId: string;
  /** ALL_CATEGORIES for an emergency ticket. */
  category: number;
  purpose: number;
  expiresAt: bigint;
  /** The requester's ticket nonce used at issue (1, 2, ...). */
  nonce: bigint;
  /** The consent version granted under; 0 for a patient's own ticket and for an emergency ticket. */
  consentVersion: bigint;
};

const TICKET_TUPLE =
  "tuple(address requester,address patient,bytes32 recordId,uint8 category,uint8 purpose,uint64 expiresAt,uint64 nonce,uint32 consentVersion)";

/** keccak256(abi.encode(contract, ticket)), the id CareTrail emits and logRead re-derives. */
export function ticketIdOf(contract: string, ticket: AccessTicket): Hex {
  return keccak256(AbiCoder.defaultAbiCoder().encode(["address", TICKET_TUPLE], [contract, ticket])) as Hex;
}

export class NotATicketEventError extends CareTrailError {
  override name = "NotATicketEventError";
  static override readonly kind = "BAD_USER_INPUT";
}

/** A decoded event (ethers' LogDescription, or any { name, args } with the event's named fields). */
export type TicketEvent = { name: string; args: object };

/**
 * The ticket an AccessGranted or EmergencyAccessGranted event issued.
 * @throws NotATicketEventError for any other event.
 */
export function accessTicketOf(event: TicketEvent): AccessTicket {
  const args = event.args as Record<string, unknown>;
  const address = (key: string) => String(args[key]);
  const big = (key: string) => BigInt(args[key] as bigint | number | string);
  if (event.name === "AccessGranted") {
    return {
      requester: address("requester"),
      patient: address("patient"),
      recordId: String(args.recordId),
      category: Number(args.category),
      purpose: Number(args.purpose),
      expiresAt: big("expiresAt"),
      nonce: big("nonce"),
      consentVersion: big("consentVersion"),
    };
  }
  if (event.name === "EmergencyAccessGranted") {
    return {
      requester: address("provider"),
      patient: address("patient"),
      recordId: ZeroHash,
      category: ALL_CATEGORIES,
      purpose: Purpose.Emergency,
      expiresAt: big("expiresAt"),
      nonce: big("nonce"),
      consentVersion: 0n,
    };
  }
  throw new NotATicketEventError(`${event.name} issues no ticket: pass an AccessGranted or EmergencyAccessGranted event`);
}
