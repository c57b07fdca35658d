import { parseConsentChange, sendAsPersona, walletTransaction } from "@/lib/consentTransactions";
import { readJsonBody } from "@/lib/requestBody";
import { answerError, errorResponse } from "@/lib/routeErrors";
import { readSession } from "@/lib/session";

/**
 * POST a consent change. Demo personas: the server sends it and answers {hash}. Wallet sessions: answers
 * {transaction} for the browser wallet to send (the server never holds a real user's key).
 */
export async function POST(request: Request) {
  const session = await readSession();
  if (!session?.roles.includes("PATIENT")) return errorResponse("FORBIDDEN", "Sign in as a patient to change consents.");
  try {
    const change = parseConsentChange(await readJsonBody(request));
    if (session.demoAccountIndex === undefined) return Response.json({ transaction: walletTransaction(change) });
    return Response.json({ hash: await sendAsPersona(session.demoAccountIndex, session.address, change) });
  } catch (error) {
    return answerError(error);
  }
}
