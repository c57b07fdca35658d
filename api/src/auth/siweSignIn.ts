import { generateNonce, SiweMessage } from "siwe";
import type { NonceStore } from "./authStores.js";
import { CareTrailError } from "@caretrail/sdk/errors";

export type SiweSignInOptions = {
  /** The host the message must name (`domain`), e.g. "localhost:4000"; read per sign-in (known once listening). */
  domain: () => string;
  /** The chain id the message must name; undefined accepts any. */
  chainId: number | undefined;
  nonces: NonceStore;
  nonceTtlMs?: number;
};

export class SignInError extends CareTrailError {
  override name = "SignInError";
}

/** EIP-4361 sign-in: single-use nonces in a bounded store with a TTL, messages checked for domain, chain, nonce and time. */
export function createSiweSignIn({ domain, chainId, nonces, nonceTtlMs = 5 * 60_000 }: SiweSignInOptions) {
  async function issueNonce(): Promise<string> {
    const nonce = generateNonce();
    await nonces.issue(nonce, nonceTtlMs);
    return nonce;
  }

  /** The SIWE message in `message`; throws SignInError saying what to fix. */
  function parse(message: string): SiweMessage {
    try {
      return new SiweMessage(message);
    } catch {
      throw new SignInError("The message is not an EIP-4361 (SIWE) message: build it with the siwe package's SiweMessage.prepareMessage().");
    }
  }

  /** The lowercase address that signed `parsed`, once; throws SignInError saying what to fix. */
  async function verify(parsed: SiweMessage, signature: string): Promise<string> {
    const expectedDomain = domain();
    if (parsed.domain !== expectedDomain)
      throw new SignInError(`The message is for ${parsed.domain}, but this API is ${expectedDomain}: sign a message naming ${expectedDomain}.`);
    if (chainId !== undefined && parsed.chainId !== chainId)
      throw new SignInError(`The message names chain ${parsed.chainId}, but CareTrail runs on chain ${chainId}.`);
    const result = await parsed.verify({ signature, domain: expectedDomain, nonce: parsed.nonce }, { suppressExceptions: true });
    if (!result.success)
      throw new SignInError(
        `The signature does not verify (${result.error?.type ?? "invalid"}): sign the exact message text with the wallet of ${parsed.address}.`,
      );
    if (!(await nonces.consume(parsed.nonce))) {
      throw new SignInError("The nonce is unknown, used or expired: fetch a fresh one from POST /auth/nonce and sign again.");
    }
    return parsed.address.toLowerCase();
  }

  return { issueNonce, parse, verify };
}

export type SiweSignIn = ReturnType<typeof createSiweSignIn>;
