import { generateNonce, SiweMessage } from "siwe";

export type SiweSignInOptions = {
  /** The host the message must name (`domain`), e.g. "localhost:4000"; read per sign-in (known once listening). */
  domain: () => string;
  /** The chain id the message must name; undefined accepts any. */
  chainId: number | undefined;
  nonceTtlMs?: number;
};

export class SignInError extends Error {
  override name = "SignInError";
}

/** EIP-4361 sign-in: single-use nonces kept in memory, messages checked for domain, chain, nonce and time. */
export function createSiweSignIn({ domain, chainId, nonceTtlMs = 5 * 60_000 }: SiweSignInOptions) {
  const nonces = new Map<string, number>();

  function issueNonce(): string {
    const now = Date.now();
    for (const [nonce, expiry] of nonces) if (expiry < now) nonces.delete(nonce);
    const nonce = generateNonce();
    nonces.set(nonce, now + nonceTtlMs);
    return nonce;
  }

  /** The lowercase address that signed `message`, once; throws SignInError saying what to fix. */
  async function verify(message: string, signature: string): Promise<string> {
    let parsed: SiweMessage;
    try {
      parsed = new SiweMessage(message);
    } catch (error) {
      throw new SignInError(`The message is not an EIP-4361 (SIWE) message: ${(error as Error).message ?? error}. Build it with the siwe package's SiweMessage.prepareMessage().`);
    }
    const expiry = nonces.get(parsed.nonce);
    if (expiry === undefined || expiry < Date.now()) {
      throw new SignInError("The nonce is unknown, used or expired: fetch a fresh one from POST /auth/nonce and sign again.");
    }
    const expectedDomain = domain();
    if (parsed.domain !== expectedDomain) throw new SignInError(`The message is for ${parsed.domain}, but this API is ${expectedDomain}: sign a message naming ${expectedDomain}.`);
    if (chainId !== undefined && parsed.chainId !== chainId) throw new SignInError(`The message names chain ${parsed.chainId}, but CareTrail runs on chain ${chainId}.`);
    const result = await parsed.verify({ signature, domain: expectedDomain, nonce: parsed.nonce }, { suppressExceptions: true });
    if (!result.success) throw new SignInError(`The signature does not verify (${result.error?.type ?? "invalid"}): sign the exact message text with the wallet of ${parsed.address}.`);
    nonces.delete(parsed.nonce);
    return parsed.address.toLowerCase();
  }

  return { issueNonce, verify };
}

export type SiweSignIn = ReturnType<typeof createSiweSignIn>;
