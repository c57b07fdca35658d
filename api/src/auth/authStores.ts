import { LRUCache } from "lru-cache";
import { RateLimiterMemory, type RateLimiterAbstract } from "rate-limiter-flexible";

/**
 * Sign-in state the API keeps between requests. Each store is a small interface so a shared one (Postgres, for
 * API replicas: rate-limiter-flexible's RateLimiterPostgres, a nonce and a revocation table) can replace the
 * in-memory one without touching the routes.
 */
export type NonceStore = {
  /** Remembers a fresh nonce until `ttlMs` from now. */
  issue: (nonce: string, ttlMs: number) => Promise<void>;
  /** True once per issued, unexpired nonce; removes it. */
  consume: (nonce: string) => Promise<boolean>;
};

export type RevocationStore = {
  /** Refuses the session `sessionId` from now until `expiresAt` (after which its token is refused anyway). */
  revoke: (sessionId: string, expiresAt: Date) => Promise<void>;
  isRevoked: (sessionId: string) => Promise<boolean>;
};

export type AuthStores = {
  nonces: NonceStore;
  revocations: RevocationStore;
  /** Sign-in attempts (nonce and verify) per client IP. */
  signInByIp: RateLimiterAbstract;
  /** Verify attempts per signing address. */
  signInByAddress: RateLimiterAbstract;
};

export type SignInRateLimits = { perIp: { points: number; durationSeconds: number }; perAddress: { points: number; durationSeconds: number } };

// Per IP stays loose because the dashboard signs every user in from its own address; per address is the brute-force bound.
export const defaultSignInRateLimits: SignInRateLimits = { perIp: { points: 300, durationSeconds: 60 }, perAddress: { points: 20, durationSeconds: 60 } };

/** At most this many outstanding nonces; past it the oldest is forgotten (its holder fetches another). */
export const MAX_OUTSTANDING_NONCES = 10_000;

export function createMemoryAuthStores(limits: SignInRateLimits = defaultSignInRateLimits): AuthStores {
  const nonces = new LRUCache<string, true>({ max: MAX_OUTSTANDING_NONCES, ttlAutopurge: true });
  // No size cap: evicting a revocation would bring its token back. Entries expire with their tokens, and
  // sign-outs need sign-ins, which are rate limited.
  const revoked = new LRUCache<string, true>({ ttlAutopurge: true, ttl: 24 * 60 * 60_000 });
  return {
    nonces: {
      issue: async (nonce, ttlMs) => void nonces.set(nonce, true, { ttl: ttlMs }),
      consume: async (nonce) => {
        const live = nonces.has(nonce);
        nonces.delete(nonce);
        return live;
      },
    },
    revocations: {
      revoke: async (sessionId, expiresAt) => void revoked.set(sessionId, true, { ttl: Math.max(1, expiresAt.getTime() - Date.now()) }),
      isRevoked: async (sessionId) => revoked.has(sessionId),
    },
    signInByIp: new RateLimiterMemory({ keyPrefix: "sign-in-ip", points: limits.perIp.points, duration: limits.perIp.durationSeconds }),
    signInByAddress: new RateLimiterMemory({ keyPrefix: "sign-in-address", points: limits.perAddress.points, duration: limits.perAddress.durationSeconds }),
  };
}
