import { openRecordAsPersona, parseReadRequest } from "@/lib/recordReading";
import { readJsonBody } from "@/lib/requestBody";
import { answerError, errorResponse } from "@/lib/routeErrors";
import { readSession } from "@/lib/session";

/**
 * POST {recordId, purpose?}: requests a ticket on-chain as the signed-in persona, fetches the record from the vault
 * with it (the vault logs the read on-chain first) and answers the decrypted content. Patients open their own
 * records; providers and insurers those their consent covers (the chain decides).
 */
export async function POST(request: Request) {
  const session = await readSession();
  if (!session) return errorResponse("UNAUTHENTICATED", "Sign in first.");
  if (!session.roles.some((role) => role === "PATIENT" || role === "PROVIDER" || role === "INSURER")) {
    return errorResponse("FORBIDDEN", "Only patients, providers and insurers open records.");
  }
  try {
    const { recordId, purpose } = parseReadRequest(await readJsonBody(request));
    return Response.json(await openRecordAsPersona(session, recordId, purpose));
  } catch (error) {
    return answerError(error);
  }
}
