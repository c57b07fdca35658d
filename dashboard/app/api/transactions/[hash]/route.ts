import { isAddress } from "ethers";
import { transactionState } from "@/lib/consentTransactions";
import { fetchConsentHistory } from "@/lib/data";
import { answerError, errorResponse } from "@/lib/routeErrors";
import { readSession } from "@/lib/session";

/**
 * GET ?grantee=0x…: pending, confirmed or failed, and whether the consent change is already in the API's data
 * (the views show it once they refresh). Checked on the data itself: the indexer's height can run ahead of its rows.
 */
export async function GET(request: Request, { params }: { params: Promise<{ hash: string }> }) {
  const { hash } = await params;
  const grantee = new URL(request.url).searchParams.get("grantee") ?? "";
  if (!/^0x[0-9a-fA-F]{64}$/.test(hash) || !isAddress(grantee))
    return errorResponse("BAD_USER_INPUT", "Ask for /api/transactions/<tx hash>?grantee=<0x address>.");
  const session = await readSession();
  if (!session) return errorResponse("UNAUTHENTICATED", "Sign in again to follow this transaction.");
  try {
    const state = await transactionState(hash);
    if (state.status !== "confirmed") return Response.json({ ...state, indexed: false });
    const history = await fetchConsentHistory(session, session.address, grantee);
    return Response.json({ ...state, indexed: history.some((version) => version.position.txHash.toLowerCase() === hash.toLowerCase()) });
  } catch (error) {
    return answerError(error);
  }
}
