import { getAddress, isAddress, randomBytes } from "ethers";
import { z } from "zod";
import { RECORD_CATEGORY_COUNT, type RecordCategory } from "../chain/careTypes.js";
import { ZERO_BYTES32, isBytes32, toHex, type Address, type Hex } from "../hex.js";
import { careResource, type CareResource } from "./fhirResources.js";
import { CareTrailError } from "../errors/careTrailError.js";

export const bytes32 = z
  .string()
  .regex(/^0x[0-9a-fA-F]{64}$/, { error: "must be 32 bytes as 0x-prefixed hex (66 characters)" })
  .transform((value) => value.toLowerCase() as Hex);

export const address = z
  .string()
  .refine((value) => isAddress(value), { error: "must be a 0x-prefixed 20-byte account address" })
  .transform((value) => getAddress(value) as Address);

/** A CareTrail record: the plaintext that is encrypted off-chain and whose fields the author signs. */
export const careRecordSchema = z
  .strictObject({
    recordId: bytes32,
    patient: address,
    category: z
      .number()
      .int()
      .min(0)
      .max(RECORD_CATEGORY_COUNT - 1, { error: "must be 0..5: vitals, notes, labs, imaging, prescriptions, sensitive" }),
    resource: careResource,
    supersedes: bytes32.default(ZERO_BYTES32),
  })
  .superRefine((record, ctx) => {
    // zod still runs this refinement when a field above failed; only compare well-formed values.
    if (!isBytes32(record.recordId) || !isAddress(record.patient)) return;
    if (record.recordId.slice(0, 42).toLowerCase() !== record.patient.toLowerCase()) {
      ctx.addIssue({
        code: "custom",
        path: ["recordId"],
        message: "must start with the patient's address (20 bytes) followed by a 96-bit sequence number; make one with recordIdFor(patient, sequence)",
      });
    }
  });

/** The record id the contract expects: the patient's address followed by a 96-bit sequence number. */
export function recordIdFor(patient: string, sequence: bigint): Hex {
  if (sequence < 0n || sequence >= 1n << 96n) throw new RangeError(`A record sequence number is 96 bits; ${sequence} is out of range.`);
  return `${getAddress(patient).toLowerCase()}${sequence.toString(16).padStart(24, "0")}` as Hex;
}

export type CareRecord = {
  recordId: Hex;
  patient: Address;
  category: RecordCategory;
  resource: CareResource;
  /** The record this one amends, or ZERO_BYTES32. */
  supersedes: Hex;
};

export type RecordIssue = { path: string; message: string };

export class RecordInvalidError extends CareTrailError {
  override name = "RecordInvalidError";
  static override readonly kind = "BAD_USER_INPUT";
  constructor(
    readonly issues: RecordIssue[],
    what = "record",
  ) {
    super(`The ${what} is not valid`, {
      details: issues.map((issue) => `${issue.path || "(root)"}: ${issue.message}`),
      hint: "Fix these fields and try again.",
    });
  }
}

/** Turns zod's issues into "resource.valueQuantity.code: must be a UCUM unit code" lines. */
export function issuesOf(error: z.ZodError): RecordIssue[] {
  return error.issues.map((issue) => ({ path: issue.path.map(String).join("."), message: issue.message }));
}

export type ParseRecordParameters = unknown;
export type ParseRecordReturnType = CareRecord;

/** Validates `input` as a CareRecord and normalises it (checksummed address, lower-case hex). */
export function parseRecord(input: ParseRecordParameters): ParseRecordReturnType {
  const result = careRecordSchema.safeParse(input);
  if (!result.success) throw new RecordInvalidError(issuesOf(result.error));
  return result.data as CareRecord;
}

export type CreateRecordParameters = {
  patient: string;
  category: RecordCategory;
  resource: CareResource;
  supersedes?: Hex;
  /** Defaults to recordIdFor(patient, a random sequence); use the contract's firstFreeRecordSequence to save gas. */
  recordId?: Hex;
};
export type CreateRecordReturnType = CareRecord;

/** A new, validated record with a fresh random id. */
export function createRecord({ patient, category, resource, supersedes, recordId }: CreateRecordParameters): CreateRecordReturnType {
  const id = recordId ?? recordIdFor(patient, BigInt(toHex(randomBytes(12))));
  return parseRecord({ recordId: id, patient, category, resource, supersedes: supersedes ?? ZERO_BYTES32 });
}
