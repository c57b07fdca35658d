import { ContractNotFoundError, DeploymentNotFoundError, RpcUnreachableError } from "@caretrail/sdk";
import { readBodyText } from "@/lib/requestBody";
import { MAX_REQUEST_BODY_BYTES } from "@/lib/requestGuard";
import { answerError, errorResponse } from "@/lib/routeErrors";
import { readSession } from "@/lib/session";
import { UploadInvalidError, verifyUpload } from "@/lib/verifyUpload";

/** A record bundle or disclosure is far smaller; this is also the largest body middleware lets through. */
const MAX_UPLOAD_BYTES = MAX_REQUEST_BODY_BYTES;

/** POST the file's text: the SDK's verdict for it against the deployment's chain. */
export async function POST(request: Request) {
  if (!(await readSession())) return errorResponse("UNAUTHENTICATED", "Sign in to verify records.");
  try {
    const text = await readBodyText(request, MAX_UPLOAD_BYTES);
    return Response.json(await verifyUpload(text));
  } catch (error) {
    if (error instanceof RpcUnreachableError || error instanceof ContractNotFoundError || error instanceof DeploymentNotFoundError) {
      return errorResponse("UNAVAILABLE", error.message);
    }
    return answerError(error, [UploadInvalidError]);
  }
}
