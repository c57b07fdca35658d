// One door for every request: state-changing requests must be same-origin JSON (lib/requestGuard.ts), and every
// response carries the security headers, pages with a CSP nonce of their own (lib/securityHeaders.ts).
import { NextResponse, type NextRequest } from "next/server";
import { dashboardOrigin, refuseRequest } from "@/lib/requestGuard";
import { API_CONTENT_SECURITY_POLICY, STATIC_SECURITY_HEADERS, newNonce, pageContentSecurityPolicy } from "@/lib/securityHeaders";
import { dashboardSettings } from "@/lib/settings";

function withSecurityHeaders(response: NextResponse, csp: string): NextResponse {
  response.headers.set("Content-Security-Policy", csp);
  for (const [name, value] of Object.entries(STATIC_SECURITY_HEADERS)) response.headers.set(name, value);
  return response;
}

export function middleware(request: NextRequest): NextResponse {
  const settings = dashboardSettings();
  const isApi = request.nextUrl.pathname.startsWith("/api/");
  const refusal = refuseRequest({
    method: request.method,
    headers: request.headers,
    ownOrigin: dashboardOrigin(request.url, request.headers.get("host"), settings.DASHBOARD_ORIGIN),
  });
  if (refusal) {
    const answer = NextResponse.json({ error: { code: refusal.code, message: refusal.message } }, { status: refusal.status });
    return withSecurityHeaders(answer, API_CONTENT_SECURITY_POLICY);
  }
  if (isApi) return withSecurityHeaders(NextResponse.next(), API_CONTENT_SECURITY_POLICY);
  const nonce = newNonce();
  const csp = pageContentSecurityPolicy(nonce, settings.NODE_ENV === "development");
  // Next reads the nonce from the request's CSP header and puts it on the scripts it renders.
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("Content-Security-Policy", csp);
  return withSecurityHeaders(NextResponse.next({ request: { headers: requestHeaders } }), csp);
}

export const config = {
  // Node, not the edge sandbox: the sandbox waits for a request's whole body before answering, so a refusal (say a
  // declared 50 MB upload) would only go out once the client had sent it all.
  runtime: "nodejs",
  // Everything but the build's static files (next.config.ts gives those the static headers).
  matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"],
};
