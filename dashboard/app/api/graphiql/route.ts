// "Open GraphiQL" for a signed-in analyst: the API issues a short-lived session for the same account, handed to
// GraphiQL in the URL fragment (a browser never sends the fragment to a server, so no access log holds it). A POST
// from the dashboard's own page (middleware checks its Origin), answered with the address to open: the page's CSP
// (form-action 'self') would block a form redirected to the API's origin.
import { NextResponse } from "next/server";
import { apiUrl, publicApiUrl } from "@/lib/config";
import { errorResponse } from "@/lib/routeErrors";
import { readSession } from "@/lib/session";

export async function POST() {
  const session = await readSession();
  if (!session) return errorResponse("UNAUTHENTICATED", "Sign in first, then open GraphiQL from the dashboard.");
  const upstream = await fetch(`${apiUrl()}/auth/handoff`, { method: "POST", headers: { authorization: `Bearer ${session.token}` }, cache: "no-store" }).catch(
    () => undefined,
  );
  if (!upstream)
    return errorResponse("SERVICE_UNAVAILABLE", `The CareTrail API at ${apiUrl()} did not answer: start it (npm run demo) or set CARETRAIL_API_URL.`);
  const body = (await upstream.json().catch(() => ({}))) as { token?: string; expiresAt?: string; error?: { code?: string; message?: string } };
  if (!upstream.ok || !body.token)
    return errorResponse(
      body.error?.code === "UNAUTHENTICATED" ? "UNAUTHENTICATED" : "SERVICE_UNAVAILABLE",
      body.error?.message ?? `The API refused the handover (HTTP ${upstream.status}).`,
    );
  return NextResponse.json(
    { url: `${publicApiUrl()}/graphql#token=${encodeURIComponent(body.token)}`, expiresAt: body.expiresAt },
    { headers: { "cache-control": "no-store" } },
  );
}
