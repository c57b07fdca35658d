// SIWE sign-in against the API: the SDK builds the message (the edge-safe @caretrail/sdk/sign-in, as providers'
// integrations do), a wallet (or a demo key) signs it, the API verifies it.
import { buildSignInMessage as buildMessageFor } from "@caretrail/sdk/sign-in";
import { postJson } from "./apiClient";
import type { Role } from "./apiShapes";
import { apiUrl } from "./config";
import type { Session } from "./session";

type Verified = { token: string; address: string; roles: Role[]; expiresAt: string };

/** An EIP-4361 message for `address`, naming the API's domain and chain and a fresh nonce from it. */
export function buildSignInMessage(address: string): Promise<string> {
  return buildMessageFor(apiUrl(), address);
}

export async function verifySignIn(message: string, signature: string): Promise<Omit<Session, "demoAccountIndex">> {
  const { token, address, roles, expiresAt } = await postJson<Verified>("/auth/verify", { message, signature });
  return { token, address, roles, expiresAt };
}
