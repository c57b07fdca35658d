import { ContractNotFoundError, DeploymentNotFoundError, RpcUnreachableError } from "@caretrail/sdk";
import { answerError, errorResponse } from "@/lib/routeErrors";
import { readSession } from "@/lib/session";
import { UploadInvalidError, verifyUpload } from "@/lib/verifyUpload";

const MAX_UPLOAD_BYTES = 2_000_000;

/** POST the file's text: the SDK's verdict for it against the deployment's chain. */
export async function POST(request: Request) {
  if (!(await readSession())) return errorResponse("UNAUTHENTICATED", "Sign in to verify records.");
  const text = await request.text();
  if (text.length > MAX_UPLOAD_BYTES) return errorResponse("BAD_USER_INPUT", "The file is over 2 MB: a record bundle or disclosure is far smaller.");
  try {
    return Response.json(await verifyUpload(text));
  } catch (error) {
    if (error instanceof RpcUnreachableError || error instanceof ContractNotFoundError || error instanceof DeploymentNotFoundError) {
      return errorResponse("UNAVAILABLE", error.message);
    }
    return answerError(error, [UploadInvalidError]);
  }
}
