import express, { type Request, type Response, type Router } from "express";
import { RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import type { Projection } from "../db.js";
import type { AuthStores } from "../auth/authStores.js";
import { loadViewer } from "../auth/loadViewer.js";
import { issueSessionToken, readSessionToken } from "../auth/sessionToken.js";
import { SignInError, type SiweSignIn } from "../auth/siweSignIn.js";
import { sendError } from "../errors.js";

export type AuthRoutesOptions = {
  signIn: SiweSignIn;
  stores: AuthStores;
  projection: Projection;
  sessionSecret: string;
  sessionTtlSeconds: number;
  domain: () => string;
  chainId: number | undefined;
  /** Called once a session is revoked, so live connections made with it can be closed. */
  onSignOut: (sessionId: string) => void;
};

export const GRAPHIQL_HANDOFF_SECONDS = 15 * 60;

/** False (and a 429 with Retry-After sent) when `key` has used up its sign-in attempts. */
async function withinLimit(limiter: RateLimiterAbstract, key: string, res: Response): Promise<boolean> {
  try {
    await limiter.consume(key);
    return true;
  } catch (rejection) {
    if (!(rejection instanceof RateLimiterRes)) throw rejection;
    const seconds = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
    res.set("retry-after", String(seconds));
    sendError(res, "RATE_LIMITED", `Too many sign-in attempts: wait ${seconds} s and try again.`);
    return false;
  }
}

const clientIp = (req: Request) => req.ip ?? req.socket.remoteAddress ?? "unknown";

/** POST /auth/nonce, then POST /auth/verify with the signed SIWE message: returns a bearer token. POST /auth/signout ends it. */
export function authRoutes({ signIn, stores, projection, sessionSecret, sessionTtlSeconds, domain, chainId, onSignOut }: AuthRoutesOptions): Router {
  const router = express.Router();
  router.post("/nonce", async (req, res) => {
    if (!(await withinLimit(stores.signInByIp, clientIp(req), res))) return;
    res.json({ nonce: await signIn.issueNonce(), domain: domain(), chainId: chainId ?? null, statement: "Sign in to CareTrail." });
  });
  router.post(
    "/verify",
    async (req, res, next) => {
      // The limit is checked before the body is read.
      if (!(await withinLimit(stores.signInByIp, clientIp(req), res))) return;
      next();
    },
    express.json({ limit: "16kb" }),
    async (req, res) => {
      const { message, signature } = (req.body ?? {}) as { message?: unknown; signature?: unknown };
      if (typeof message !== "string" || typeof signature !== "string") {
        sendError(res, "BAD_USER_INPUT", 'Send JSON {"message": <the SIWE message text>, "signature": <0x wallet signature>}.');
        return;
      }
      try {
        const parsed = signIn.parse(message);
        if (!(await withinLimit(stores.signInByAddress, parsed.address.toLowerCase(), res))) return;
        const address = await signIn.verify(parsed, signature);
        const { token, session } = issueSessionToken({ address, secret: sessionSecret, ttlSeconds: sessionTtlSeconds });
        const viewer = await loadViewer(projection, session);
        res.json({ token, address, roles: [...viewer.roles], expiresAt: session.expiresAt.toISOString() });
      } catch (error) {
        if (!(error instanceof SignInError)) throw error;
        sendError(res, "UNAUTHENTICATED", error.message);
      }
    },
  );
  /**
   * A short-lived session for the same account, for handing over to GraphiQL in a URL fragment (never sent to a
   * server, so never logged): at most GRAPHIQL_HANDOFF_SECONDS, and never past the session it comes from.
   */
  router.post("/handoff", async (req, res) => {
    const token = (req.headers.authorization ?? "").replace(/^Bearer\s+/i, "");
    const session = token ? readSessionToken(token, sessionSecret) : undefined;
    if (!session || (await stores.revocations.isRevoked(session.id))) {
      sendError(res, "UNAUTHENTICATED", "Send the session to hand over as Authorization: Bearer <token>.");
      return;
    }
    const remaining = Math.floor((session.expiresAt.getTime() - Date.now()) / 1000);
    const handed = issueSessionToken({ address: session.address, secret: sessionSecret, ttlSeconds: Math.min(GRAPHIQL_HANDOFF_SECONDS, remaining) });
    res.set("cache-control", "no-store").json({ token: handed.token, expiresAt: handed.session.expiresAt.toISOString() });
  });
  router.post("/signout", async (req, res) => {
    const token = (req.headers.authorization ?? "").replace(/^Bearer\s+/i, "");
    const session = token ? readSessionToken(token, sessionSecret) : undefined;
    if (!session) {
      sendError(res, "UNAUTHENTICATED", "Send the session to end as Authorization: Bearer <token>.");
      return;
    }
    await stores.revocations.revoke(session.id, session.expiresAt);
    onSignOut(session.id);
    res.status(204).end();
  });
  return router;
}
