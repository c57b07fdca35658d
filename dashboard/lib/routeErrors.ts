// Route handlers answer errors as JSON {error: {code, message}} with a status that matches, like the API does.
import { CareTrailError, type CareTrailErrorKind } from "@caretrail/sdk/errors";
import { NextResponse } from "next/server";
import { DataError } from "./apiClient";

/** Every route's status for each kind of error (the codes are the kinds). */
const STATUS: Record<CareTrailErrorKind, number> = {
  BAD_USER_INPUT: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  PAYLOAD_TOO_LARGE: 413,
  DATA_ALTERED: 422,
  PRIVACY_BUDGET_EXHAUSTED: 429,
  RATE_LIMITED: 429,
  // The API (or chain) behind the dashboard failed: the dashboard is a gateway to it.
  INTERNAL_SERVER_ERROR: 502,
  SERVICE_UNAVAILABLE: 503,
  MISCONFIGURED: 503,
  DEADLINE_EXCEEDED: 504,
};

/** A wrong setup is the operator's to fix; its message names files and settings, so clients get this instead. */
const MISCONFIGURED_MESSAGE = "The dashboard is not set up to answer this yet (its log says what is missing); try again later.";

export function errorResponse(code: CareTrailErrorKind, message: string): NextResponse {
  return NextResponse.json({ error: { code, message } }, { status: STATUS[code] });
}

/**
 * Answers a CareTrail error with the status of its kind. Anything else, and an internal error of the dashboard's
 * own (not one the API reported), is a bug and is rethrown, so its stack reaches the log.
 */
export function answerError(error: unknown): NextResponse {
  if (!(error instanceof CareTrailError) || (error.kind === "INTERNAL_SERVER_ERROR" && !(error instanceof DataError))) throw error;
  if (error.kind === "MISCONFIGURED") {
    console.error(error);
    return errorResponse("SERVICE_UNAVAILABLE", MISCONFIGURED_MESSAGE);
  }
  return errorResponse(error.kind, error.message);
}

export function isHttps(request: Request): boolean {
  return new URL(request.url).protocol === "https:" || request.headers.get("x-forwarded-proto") === "https";
}
