import { buildSignInMessage } from "@/lib/signIn";
import { readJsonBody } from "@/lib/requestBody";
import { answerError, errorResponse } from "@/lib/routeErrors";

/** POST {address}: the SIWE message the browser wallet should sign. */
export async function POST(request: Request) {
  try {
    const { address } = ((await readJsonBody(request)) ?? {}) as { address?: unknown };
    if (typeof address !== "string" || !/^0x[0-9a-fA-F]{40}$/.test(address))
      return errorResponse("BAD_USER_INPUT", 'Send JSON {"address": <the wallet\'s 0x address>}.');
    return Response.json({ message: await buildSignInMessage(address) });
  } catch (error) {
    return answerError(error);
  }
}
