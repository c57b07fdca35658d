import { SiweMessage } from "siwe";
import { CareTrailError, isCareTrailErrorKind } from "../errors/careTrailError.js";

/** What signs the sign-in message: an ethers Wallet or Signer, or anything with the same two members. */
export type SignInSigner = { address: string; signMessage: (message: string) => Promise<string> };

/** A session of the CareTrail API: send `Authorization: Bearer <token>` until `expiresAt`. */
export type ApiSession = { token: string; address: string; roles: string[]; expiresAt: string };

export class ApiSignInError extends CareTrailError {
  override name = "ApiSignInError";
}

type NonceAnswer = { nonce: string; domain: string; chainId: number | null; statement: string };
type ErrorAnswer = { error?: { code?: string; message?: string } };

/**
 * An EIP-4361 (SIWE) message for `address` with a fresh nonce from the API at `apiUrl`, naming the domain, chain
 * and statement the API asks for. `overrides` replace fields (tests use it to send a message the API must refuse).
 */
export async function buildSignInMessage(apiUrl: string, address: string, overrides: Partial<SiweMessage> = {}): Promise<string> {
  const { nonce, domain, chainId, statement } = await postJson<NonceAnswer>(`${apiUrl}/auth/nonce`, {});
  return new SiweMessage({
    domain,
    address,
    statement,
    uri: apiUrl,
    version: "1",
    chainId: chainId ?? 1,
    nonce,
    issuedAt: new Date().toISOString(),
    ...overrides,
  }).prepareMessage();
}

/** Signs in to the CareTrail API at `apiUrl` with `signer`'s key: nonce, sign, verify. Throws ApiSignInError with the API's reason. */
export async function signInToApi(apiUrl: string, signer: SignInSigner): Promise<ApiSession> {
  const message = await buildSignInMessage(apiUrl, signer.address);
  return postJson<ApiSession>(`${apiUrl}/auth/verify`, { message, signature: await signer.signMessage(message) });
}

async function postJson<T>(url: string, body: unknown): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  } catch (error) {
    throw new ApiSignInError(`The CareTrail API at ${new URL(url).origin} does not answer: start it, or check the URL.`, {
      cause: error,
      kind: "SERVICE_UNAVAILABLE",
    });
  }
  const answer = (await response.json().catch(() => ({}))) as T & ErrorAnswer;
  if (!response.ok) {
    const code = answer.error?.code;
    throw new ApiSignInError(`Sign-in was refused (${response.status}): ${answer.error?.message ?? response.statusText}`, {
      kind: isCareTrailErrorKind(code) ? code : "UNAUTHENTICATED",
    });
  }
  return answer;
}
