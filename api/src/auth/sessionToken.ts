import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

/** What a session token vouches for: an address that proved control of its key, until `expiresAt` or sign-out. */
export type Session = { id: string; address: string; expiresAt: Date };

export type IssueSessionParameters = { address: string; secret: string; ttlSeconds: number; now?: Date };

/** `base64url(payload).base64url(hmac-sha256(payload))`: short-lived, tamper-evident; `jti` names it for sign-out. */
export function issueSessionToken({ address, secret, ttlSeconds, now = new Date() }: IssueSessionParameters): { token: string; session: Session } {
  const expiresAt = new Date(now.getTime() + ttlSeconds * 1000);
  const id = randomBytes(16).toString("base64url");
  const payload = Buffer.from(JSON.stringify({ sub: address.toLowerCase(), exp: Math.floor(expiresAt.getTime() / 1000), jti: id })).toString("base64url");
  return { token: `${payload}.${sign(payload, secret)}`, session: { id, address: address.toLowerCase(), expiresAt } };
}

/** The session a token carries, or undefined when it is malformed, forged or expired. */
export function readSessionToken(token: string, secret: string, now: Date = new Date()): Session | undefined {
  const [payload, mac, extra] = token.split(".");
  if (!payload || !mac || extra !== undefined) return undefined;
  const expected = Buffer.from(sign(payload, secret));
  const given = Buffer.from(mac);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
  try {
    const { sub, exp, jti } = JSON.parse(Buffer.from(payload, "base64url").toString()) as { sub: unknown; exp: unknown; jti: unknown };
    if (typeof sub !== "string" || typeof exp !== "number" || typeof jti !== "string" || exp * 1000 <= now.getTime()) return undefined;
    return { id: jti, address: sub, expiresAt: new Date(exp * 1000) };
  } catch {
    return undefined;
  }
}

function sign(payload: string, secret: string): string {
  return createHmac("sha256", secret).update(payload).digest("base64url");
}
