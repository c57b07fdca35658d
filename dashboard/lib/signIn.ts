// SIWE sign-in against the API: the dashboard builds the message, a wallet (or a demo key) signs it, the API verifies it.
import { SiweMessage } from "siwe";
import { postJson } from "./apiClient";
import type { Role } from "./apiShapes";
import { apiUrl } from "./config";
import type { Session } from "./session";

type Nonce = { nonce: string; domain: string; chainId: number | null; statement: string };
type Verified = { token: string; address: string; roles: Role[]; expiresAt: string };

/** An EIP-4361 message for `address`, naming the API's domain and chain and a fresh nonce from it. */
export async function buildSignInMessage(address: string): Promise<string> {
  const { nonce, domain, chainId, statement } = await postJson<Nonce>("/auth/nonce", {});
  return new SiweMessage({
    domain,
    address,
    statement,
    uri: apiUrl(),
    version: "1",
    chainId: chainId ?? 1,
    nonce,
    issuedAt: new Date().toISOString(),
  }).prepareMessage();
}

export async function verifySignIn(message: string, signature: string): Promise<Omit<Session, "demoAccountIndex">> {
  const { token, address, roles, expiresAt } = await postJson<Verified>("/auth/verify", { message, signature });
  return { token, address, roles, expiresAt };
}
