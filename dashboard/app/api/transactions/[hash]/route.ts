import { transactionState } from "@/lib/consentTransactions";
import { fetchContractInfo } from "@/lib/data";
import { answerError, errorResponse } from "@/lib/routeErrors";

/** GET: pending, confirmed or failed, and whether the indexer (hence every view) has caught up with it. */
export async function GET(_request: Request, { params }: { params: Promise<{ hash: string }> }) {
  const { hash } = await params;
  if (!/^0x[0-9a-fA-F]{64}$/.test(hash)) return errorResponse("BAD_USER_INPUT", "Not a transaction hash.");
  try {
    const state = await transactionState(hash);
    if (state.status === "pending") return Response.json({ ...state, indexed: false });
    const { indexedHeight } = await fetchContractInfo();
    return Response.json({ ...state, indexed: (indexedHeight ?? -1) >= state.blockNumber });
  } catch (error) {
    return answerError(error);
  }
}
