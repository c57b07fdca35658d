// One way to call the API, so every caller gets the same errors with the same actionable messages.
import type { TypedDocumentNode } from "@graphql-typed-document-node/core";
import { print } from "graphql";
import { apiUrl } from "./config";

export type DataErrorCode = "UNAUTHENTICATED" | "FORBIDDEN" | "BAD_USER_INPUT" | "NOT_FOUND" | "UNAVAILABLE" | "INTERNAL";

export class DataError extends Error {
  override name = "DataError";
  constructor(
    readonly code: DataErrorCode,
    message: string,
  ) {
    super(message);
  }
}

type GraphQLResponse<T> = { data?: T; errors?: { message: string; extensions?: { code?: string } }[] };

const KNOWN_CODES = new Set<string>(["UNAUTHENTICATED", "FORBIDDEN", "BAD_USER_INPUT", "NOT_FOUND"]);

/** Sends one generated document (lib/generated, `graphql(...)`): its variables and its answer are typed by the SDL. */
export async function graphqlRequest<TResult, TVariables>(
  document: TypedDocumentNode<TResult, TVariables>,
  variables: TVariables,
  token: string | undefined,
): Promise<TResult> {
  const query = print(document);
  const url = `${apiUrl()}/graphql`;
  let response: Response;
  try {
    response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
      cache: "no-store",
      signal: AbortSignal.timeout(15_000),
    });
  } catch (error) {
    throw new DataError(
      "UNAVAILABLE",
      `The CareTrail API at ${url} did not answer (${(error as Error).message}). Start it (npm run demo) or set CARETRAIL_API_URL.`,
    );
  }
  let body: GraphQLResponse<TResult>;
  try {
    body = (await response.json()) as GraphQLResponse<TResult>;
  } catch {
    throw new DataError("UNAVAILABLE", `The CareTrail API at ${url} answered HTTP ${response.status} without JSON: is CARETRAIL_API_URL pointing at the API?`);
  }
  const [first] = body.errors ?? [];
  if (first) {
    const code = first.extensions?.code ?? "";
    throw new DataError(KNOWN_CODES.has(code) ? (code as DataErrorCode) : "INTERNAL", first.message);
  }
  if (!body.data) throw new DataError("INTERNAL", `The CareTrail API answered HTTP ${response.status} with neither data nor errors.`);
  return body.data;
}

/** POSTs JSON to one of the API's REST routes (sign-in) and returns the JSON answer or a DataError. */
export async function postJson<T>(path: string, payload: unknown): Promise<T> {
  const url = `${apiUrl()}${path}`;
  let response: Response;
  try {
    response = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(payload ?? {}), cache: "no-store" });
  } catch (error) {
    throw new DataError(
      "UNAVAILABLE",
      `The CareTrail API at ${url} did not answer (${(error as Error).message}). Start it (npm run demo) or set CARETRAIL_API_URL.`,
    );
  }
  const body = (await response.json().catch(() => ({}))) as T & { error?: { code?: string; message?: string } };
  if (!response.ok) {
    const code = body.error?.code ?? "";
    throw new DataError(KNOWN_CODES.has(code) ? (code as DataErrorCode) : "INTERNAL", body.error?.message ?? `HTTP ${response.status} from ${url}`);
  }
  return body;
}
