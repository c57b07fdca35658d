import express, { type Router } from "express";
import type { Projection } from "../db.js";
import { loadViewer } from "../auth/loadViewer.js";
import { issueSessionToken } from "../auth/sessionToken.js";
import { SignInError, type SiweSignIn } from "../auth/siweSignIn.js";

export type AuthRoutesOptions = { signIn: SiweSignIn; projection: Projection; sessionSecret: string; sessionTtlSeconds: number; domain: () => string; chainId: number | undefined };

/** POST /auth/nonce, then POST /auth/verify with the signed SIWE message: returns a bearer token. */
export function authRoutes({ signIn, projection, sessionSecret, sessionTtlSeconds, domain, chainId }: AuthRoutesOptions): Router {
  const router = express.Router();
  router.post("/nonce", (_req, res) => {
    res.json({ nonce: signIn.issueNonce(), domain: domain(), chainId: chainId ?? null, statement: "Sign in to CareTrail." });
  });
  router.post("/verify", express.json({ limit: "16kb" }), async (req, res) => {
    const { message, signature } = (req.body ?? {}) as { message?: unknown; signature?: unknown };
    if (typeof message !== "string" || typeof signature !== "string") {
      res.status(400).json({ error: { code: "BAD_USER_INPUT", message: "Send JSON {\"message\": <the SIWE message text>, \"signature\": <0x wallet signature>}." } });
      return;
    }
    try {
      const address = await signIn.verify(message, signature);
      const { token, session } = issueSessionToken({ address, secret: sessionSecret, ttlSeconds: sessionTtlSeconds });
      const viewer = await loadViewer(projection, session);
      res.json({ token, address, roles: [...viewer.roles], expiresAt: session.expiresAt.toISOString() });
    } catch (error) {
      if (!(error instanceof SignInError)) throw error;
      res.status(401).json({ error: { code: "UNAUTHENTICATED", message: error.message } });
    }
  });
  return router;
}
