// Verifies a dropped record bundle or disclosure against the chain with the SDK (server-side: it needs JSON-RPC).
import { DISCLOSURE_TYPE, RECORD_BUNDLE_TYPE, parseDisclosure, parseRecordBundle, verifyDisclosure, verifyRecord, type Verdict } from "@caretrail/sdk";
import { CareTrailError } from "@caretrail/sdk/errors";
import { chainAccess } from "./config";

export class UploadInvalidError extends CareTrailError {
  override name = "UploadInvalidError";
  static override readonly kind = "BAD_USER_INPUT";
}

/** The file's text → the SDK's verdict, every check with pass/fail/warn/skip and its reason. */
export async function verifyUpload(text: string): Promise<Verdict> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new UploadInvalidError(
      `The file is not JSON (${(error as Error).message}). Drop a record bundle (${RECORD_BUNDLE_TYPE}) or a disclosure (${DISCLOSURE_TYPE}).`,
    );
  }
  const type = (json as { type?: unknown } | null)?.type;
  const { deployment, rpcUrl } = chainAccess();
  const chain = { rpcUrl, address: deployment.address, fromBlock: deployment.startBlock };
  try {
    if (type === RECORD_BUNDLE_TYPE) return await verifyRecord({ bundle: parseRecordBundle(json), chain });
    if (type === DISCLOSURE_TYPE) return await verifyDisclosure({ disclosure: parseDisclosure(json), chain });
  } catch (error) {
    if (error instanceof CareTrailError && error.kind === "BAD_USER_INPUT")
      throw new UploadInvalidError(`The file is malformed, so it cannot be verified: ${error.message}`, { cause: error });
    throw error;
  }
  throw new UploadInvalidError(`The file's "type" is ${JSON.stringify(type)}: expected "${RECORD_BUNDLE_TYPE}" or "${DISCLOSURE_TYPE}".`);
}

/** A disclosure's revealed fields as path and value, for showing beside the verdict (the SDK checked their proofs). */
export function disclosedFields(json: unknown): { path: string; value: string }[] {
  const fields = (json as { fields?: { path?: unknown; value?: unknown }[] } | null)?.fields ?? [];
  return fields
    .slice(0, 100)
    .map((field) => ({ path: String(field.path), value: typeof field.value === "string" ? field.value : JSON.stringify(field.value) }));
}
