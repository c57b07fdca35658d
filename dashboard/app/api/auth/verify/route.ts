import { readJsonBody } from "@/lib/requestBody";
import { answerError, errorResponse, isHttps } from "@/lib/routeErrors";
import { writeSession } from "@/lib/session";
import { verifySignIn } from "@/lib/signIn";

/** POST {message, signature}: the API checks the wallet's signature; the session token goes into an httpOnly cookie. */
export async function POST(request: Request) {
  try {
    const { message, signature } = ((await readJsonBody(request)) ?? {}) as { message?: unknown; signature?: unknown };
    if (typeof message !== "string" || typeof signature !== "string")
      return errorResponse("BAD_USER_INPUT", 'Send JSON {"message", "signature"} from the wallet.');
    const session = await verifySignIn(message, signature);
    await writeSession(session, isHttps(request));
    return Response.json({ address: session.address, roles: session.roles });
  } catch (error) {
    return answerError(error);
  }
}
