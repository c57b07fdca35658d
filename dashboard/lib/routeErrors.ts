// Route handlers answer errors as JSON {error: {code, message}} with a status that matches, like the API does.
import { NextResponse } from "next/server";
import { DataError } from "./apiClient";
import { BodyTooLargeError } from "./requestBody";

const STATUS: Record<string, number> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  BAD_USER_INPUT: 400,
  NOT_FOUND: 404,
  PAYLOAD_TOO_LARGE: 413,
  UNAVAILABLE: 503,
  INTERNAL: 502,
};

export function errorResponse(code: string, message: string): NextResponse {
  return NextResponse.json({ error: { code, message } }, { status: STATUS[code] ?? 500 });
}

/** DataErrors, over-cap bodies (and errors the caller names as the user's) become JSON answers; anything else is a bug and is rethrown. */
export function answerError(error: unknown, userErrors: (new (...args: never[]) => Error)[] = []): NextResponse {
  if (error instanceof DataError) return errorResponse(error.code, error.message);
  if (error instanceof BodyTooLargeError) return errorResponse("PAYLOAD_TOO_LARGE", error.message);
  if (userErrors.some((type) => error instanceof type)) return errorResponse("BAD_USER_INPUT", (error as Error).message);
  throw error;
}

export function isHttps(request: Request): boolean {
  return new URL(request.url).protocol === "https:" || request.headers.get("x-forwarded-proto") === "https";
}
