import type { CareTrailErrorKind } from "@caretrail/sdk/errors";
import type { Response } from "express";
import { GraphQLError, type GraphQLFormattedError } from "graphql";

/**
 * The HTTP status of every error code the API answers with, on every route (GraphQL errors carry it in
 * `extensions.http`): each of the SDK's error kinds, then the API's narrower codes.
 */
export const HTTP_STATUS = {
  BAD_USER_INPUT: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  PAYLOAD_TOO_LARGE: 413,
  PRIVACY_BUDGET_EXHAUSTED: 429,
  DATA_ALTERED: 500,
  INTERNAL_SERVER_ERROR: 500,
  MISCONFIGURED: 503,
  SERVICE_UNAVAILABLE: 503,
  DEADLINE_EXCEEDED: 504,
  EXPORT_TOO_LARGE: 413,
  RATE_LIMITED: 429,
  READ_NOT_LOGGED: 503,
} as const satisfies Record<CareTrailErrorKind, number> & Record<string, number>;

export type ApiErrorCode = keyof typeof HTTP_STATUS;

/** Errors a client can act on; every one carries a stable code in `extensions.code`. */
export function badInput(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: "BAD_USER_INPUT", http: { status: HTTP_STATUS.BAD_USER_INPUT } } });
}

/** A query over one of the limits (depth, cost, aliases, directives, tokens): refused before anything runs. */
export function limitExceeded(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: "BAD_USER_INPUT", reason: "QUERY_LIMIT", http: { status: HTTP_STATUS.BAD_USER_INPUT } } });
}

export function unauthenticated(
  message = "Sign in first: POST /auth/nonce, sign the SIWE message, POST /auth/verify, then send `Authorization: Bearer <token>`.",
): GraphQLError {
  return new GraphQLError(message, { extensions: { code: "UNAUTHENTICATED", http: { status: HTTP_STATUS.UNAUTHENTICATED } } });
}

export function forbidden(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: "FORBIDDEN", http: { status: HTTP_STATUS.FORBIDDEN } } });
}

/** The one answer for a record or patient that does not exist or that the caller may not read (no probing). */
export const NOT_YOURS_MESSAGE = "No such record or patient is readable with this session: check the id, and that the patient's consent covers you.";

export function notYours(): GraphQLError {
  return forbidden(NOT_YOURS_MESSAGE);
}

export const DEADLINE_MESSAGE = "The request ran past its deadline and was stopped; narrow it (a shorter time window, a smaller page) or retry later.";

/** A request (or one of its statements, cancelled by Postgres's statement_timeout) that ran past the deadline. */
export function deadlineExceeded(): GraphQLError {
  return new GraphQLError(DEADLINE_MESSAGE, { extensions: { code: "DEADLINE_EXCEEDED", http: { status: HTTP_STATUS.DEADLINE_EXCEEDED } } });
}

export const INTERNAL_MESSAGE = "Something went wrong. Retry; if it persists, report the x-request-id response header.";

/** Codes whose messages were written for clients; everything else is an internal error. */
const CLIENT_CODES = new Set(["BAD_USER_INPUT", "UNAUTHENTICATED", "FORBIDDEN", "PRIVACY_BUDGET_EXHAUSTED", "SERVICE_UNAVAILABLE", "DEADLINE_EXCEEDED"]);
/** Apollo's and graphql's own input errors, all the caller's to fix. */
const INPUT_CODES = new Set([
  "GRAPHQL_PARSE_FAILED",
  "GRAPHQL_VALIDATION_FAILED",
  "BAD_REQUEST",
  "OPERATION_RESOLUTION_FAILURE",
  "PERSISTED_QUERY_NOT_SUPPORTED",
  "PERSISTED_QUERY_NOT_FOUND",
]);

/** The stable code an error carries in `extensions.code`, or `fallback` when it carries none. */
export function errorCodeOf(error: unknown, fallback = ""): string {
  const code = (error as { extensions?: { code?: unknown } } | undefined)?.extensions?.code;
  return typeof code === "string" ? code : fallback;
}

export function isClientError(error: { extensions?: { code?: unknown } | undefined }): boolean {
  const code = errorCodeOf(error);
  return CLIENT_CODES.has(code) || INPUT_CODES.has(code);
}

/**
 * What a client sees of an error: input, sign-in and permission errors keep their (actionable) message and
 * code; anything else becomes INTERNAL_SERVER_ERROR with a fixed message (the log has the details). Only with
 * `exposeDetails` (CARETRAIL_DEBUG_ERRORS=1, development) is the original passed through.
 */
export function formatClientError(formatted: GraphQLFormattedError, exposeDetails: boolean): GraphQLFormattedError {
  const code = errorCodeOf(formatted);
  // A database outage (db.ts): the code and a retry hint only, in every mode.
  if (code === "SERVICE_UNAVAILABLE" || code === "DEADLINE_EXCEEDED") return { message: formatted.message, extensions: { code } };
  if (exposeDetails) return formatted;
  const base = {
    message: formatted.message,
    ...(formatted.locations ? { locations: formatted.locations } : {}),
    ...(formatted.path ? { path: formatted.path } : {}),
  };
  if (INPUT_CODES.has(code) || code === "BAD_USER_INPUT") {
    const reason = formatted.extensions?.reason ?? (code === "BAD_USER_INPUT" ? undefined : code);
    return { ...base, extensions: { code: "BAD_USER_INPUT", ...(reason ? { reason } : {}) } };
  }
  if (CLIENT_CODES.has(code)) return { ...base, extensions: { code } };
  return { message: INTERNAL_MESSAGE, ...(formatted.path ? { path: formatted.path } : {}), extensions: { code: "INTERNAL_SERVER_ERROR" } };
}

/** The status for any code: the table's, 400 for graphql's and Apollo's input codes, else 500. */
export function httpStatusOf(code: string): number {
  return (HTTP_STATUS as Record<string, number>)[code] ?? (INPUT_CODES.has(code) ? HTTP_STATUS.BAD_USER_INPUT : HTTP_STATUS.INTERNAL_SERVER_ERROR);
}

/** The JSON body of every non-GraphQL error answer (auth, exports, vault, unknown routes, bad bodies). */
export type ErrorBody = { error: { code: string; message: string } };

/** Answers a non-GraphQL request with an error: the status comes from the code, through HTTP_STATUS. */
export function sendError(res: Response, code: ApiErrorCode, message: string): void {
  res.status(HTTP_STATUS[code]).json({ error: { code, message } } satisfies ErrorBody);
}
