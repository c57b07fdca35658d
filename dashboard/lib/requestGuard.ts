// Every state-changing request must come from the dashboard's own pages: JSON only, from this origin. Checked once for
// all routes in middleware.ts, so a new route cannot forget it.

/** Methods that change nothing; everything else (POST, PUT, PATCH, DELETE, ...) is guarded. */
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** The largest body any route accepts (/api/verify's 2 MB upload): a declared length above it is refused at once. */
export const MAX_REQUEST_BODY_BYTES = 2_000_000;

export type GuardRefusal = { status: 403 | 411 | 413 | 415; code: string; message: string };

type GuardInput = {
  method: string;
  headers: Headers;
  /** The dashboard's own origin: DASHBOARD_ORIGIN when set (behind a proxy), else the origin the request was made to. */
  ownOrigin: string;
};

export function isMutating(method: string): boolean {
  return !SAFE_METHODS.has(method.toUpperCase());
}

/**
 * The origin the dashboard answers on: DASHBOARD_ORIGIN (e.g. https://care.example behind TLS), else the scheme and
 * Host the request was sent to (from the Host header: NextRequest's URL writes 127.0.0.1 as localhost).
 */
export function dashboardOrigin(requestUrl: string, host: string | null, configured: string | undefined): string {
  if (configured) return new URL(configured).origin;
  const url = new URL(requestUrl);
  return host ? new URL(`${url.protocol}//${host}`).origin : url.origin;
}

/** Why a request must be refused, or undefined for one that may go on (every safe request, and same-origin JSON). */
export function refuseRequest({ method, headers, ownOrigin }: GuardInput): GuardRefusal | undefined {
  if (!isMutating(method)) return undefined;
  const origin = headers.get("origin");
  // Browsers send Origin on every non-GET request; a script without one must say where it comes from.
  if (origin !== ownOrigin) {
    return {
      status: 403,
      code: "CROSS_ORIGIN_REQUEST",
      message: `This request came from ${origin ?? "no stated origin"}; the dashboard only takes changes from its own pages (${ownOrigin}).`,
    };
  }
  const site = headers.get("sec-fetch-site");
  // Absent for non-browser clients (which matched Origin above); a browser says exactly where the request started.
  if (site !== null && site !== "same-origin") {
    return {
      status: 403,
      code: "CROSS_ORIGIN_REQUEST",
      message: `The browser marked this request as ${site}; the dashboard only takes changes from its own pages.`,
    };
  }
  const mediaType = headers.get("content-type")?.split(";")[0]?.trim().toLowerCase();
  if (mediaType !== "application/json") {
    return { status: 415, code: "UNSUPPORTED_MEDIA_TYPE", message: `Send the request as Content-Type: application/json (got ${mediaType ?? "none"}).` };
  }
  const declared = headers.get("content-length");
  // A body without a length (chunked) is buffered by Next before any route can count it, so the cap could only be
  // applied megabytes late: every body must say its length (browsers' fetch always does), and Node reads no more.
  if (declared === null && headers.get("transfer-encoding") !== null) {
    return {
      status: 411,
      code: "LENGTH_REQUIRED",
      message: `Send the body with a Content-Length (at most ${MAX_REQUEST_BODY_BYTES} bytes); chunked bodies are not taken.`,
    };
  }
  if (declared !== null && !(Number(declared) <= MAX_REQUEST_BODY_BYTES)) {
    return { status: 413, code: "PAYLOAD_TOO_LARGE", message: `The body is ${declared} bytes; the dashboard takes at most ${MAX_REQUEST_BODY_BYTES} bytes.` };
  }
  return undefined;
}
