import { nameAddresses, uploadPeople } from "@/lib/auditorData";
import { personaNames } from "@/lib/personas";
import { readBodyText } from "@/lib/requestBody";
import { MAX_REQUEST_BODY_BYTES } from "@/lib/requestGuard";
import { answerError, errorResponse } from "@/lib/routeErrors";
import { readSession } from "@/lib/session";
import { disclosedFields, verifyUpload } from "@/lib/verifyUpload";

/** A record bundle or disclosure is far smaller; this is also the largest body middleware lets through. */
const MAX_UPLOAD_BYTES = MAX_REQUEST_BODY_BYTES;

/** POST the file's text: the SDK's verdict for it against the deployment's chain, with its people named and, for a disclosure, the revealed values. */
export async function POST(request: Request) {
  if (!(await readSession())) return errorResponse("UNAUTHENTICATED", "Sign in to verify records.");
  try {
    const text = await readBodyText(request, MAX_UPLOAD_BYTES);
    const verdict = await verifyUpload(text);
    const names = personaNames();
    const json = JSON.parse(text) as unknown;
    return Response.json({
      ...verdict,
      checks: verdict.checks.map((check) => ({ ...check, reason: nameAddresses(check.reason, names) })),
      ...uploadPeople(json, names),
      disclosed: verdict.kind === "disclosure" ? disclosedFields(json) : undefined,
    });
  } catch (error) {
    return answerError(error);
  }
}
