// One way to call the API, so every caller gets the same errors with the same actionable messages.
import { CareTrailError, isCareTrailErrorKind, type CareTrailErrorKind } from "@caretrail/sdk/errors";
import type { TypedDocumentNode } from "@graphql-typed-document-node/core";
import { print } from "graphql";
import { apiUrl } from "./config";

/** The API's codes are the SDK's error kinds; anything else it answers is relayed as INTERNAL_SERVER_ERROR. */
export type DataErrorCode = CareTrailErrorKind;

/** A failure of the API (or chain) behind the dashboard; its message is one the API wrote for clients, or one written here. */
export class DataError extends CareTrailError {
  override name = "DataError";
  constructor(
    readonly code: DataErrorCode,
    message: string,
  ) {
    super(message, { kind: code });
  }
}

type GraphQLResponse<T> = { data?: T; errors?: { message: string; extensions?: { code?: string } }[] };

const relayed = (code: unknown): DataErrorCode => (isCareTrailErrorKind(code) ? code : "INTERNAL_SERVER_ERROR");

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
      "SERVICE_UNAVAILABLE",
      `The CareTrail API at ${url} did not answer (${(error as Error).message}). Start it (npm run demo) or set CARETRAIL_API_URL.`,
    );
  }
  let body: GraphQLResponse<TResult>;
  try {
    body = (await response.json()) as GraphQLResponse<TResult>;
  } catch {
    throw new DataError(
      "SERVICE_UNAVAILABLE",
      `The CareTrail API at ${url} answered HTTP ${response.status} without JSON: is CARETRAIL_API_URL pointing at the API?`,
    );
  }
  const [first] = body.errors ?? [];
  if (first) {
    throw new DataError(relayed(first.extensions?.code), first.message);
  }
  if (!body.data) throw new DataError("INTERNAL_SERVER_ERROR", `The CareTrail API answered HTTP ${response.status} with neither data nor errors.`);
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
      "SERVICE_UNAVAILABLE",
      `The CareTrail API at ${url} did not answer (${(error as Error).message}). Start it (npm run demo) or set CARETRAIL_API_URL.`,
    );
  }
  const body = (await response.json().catch(() => ({}))) as T & { error?: { code?: string; message?: string } };
  if (!response.ok) {
    throw new DataError(relayed(body.error?.code), body.error?.message ?? `HTTP ${response.status} from ${url}`);
  }
  return body;
}
