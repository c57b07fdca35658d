// The session cookie is sealed with iron-session (AES-256-CBC + HMAC-SHA-256): the browser holds it but can neither
// read nor forge it, so a demo persona's key signs only for a session this server created.
import { randomBytes } from "node:crypto";
import { sealData, unsealData } from "iron-session";
import type { Role } from "./apiShapes";
import { dashboardSettings } from "./settings";
import { CareTrailError } from "@caretrail/sdk/errors";

export type Session = {
  token: string;
  address: string;
  roles: Role[];
  expiresAt: string;
  /** Set when signed in through the demo persona picker. */
  demoAccountIndex?: number;
};

export class SessionSecretError extends CareTrailError {
  override name = "SessionSecretError";
  static override readonly kind = "MISCONFIGURED";
}

/** iron-session refuses passwords under 32 characters. */
const MIN_SECRET_LENGTH = 32;
const GENERATED = Symbol.for("caretrail.dashboard.generatedSessionSecret");

/**
 * DASHBOARD_SESSION_SECRET, or a random secret for this process (kept on globalThis: Next loads this module once per
 * bundle layer, and pages and route handlers must agree). A generated secret ends every sign-in when the process stops.
 */
export function sessionSecret(
  configured: string | undefined = dashboardSettings().DASHBOARD_SESSION_SECRET,
  log: (line: string) => void = console.warn,
): string {
  if (configured !== undefined && configured !== "") {
    if (configured.length < MIN_SECRET_LENGTH)
      throw new SessionSecretError(`DASHBOARD_SESSION_SECRET must be at least ${MIN_SECRET_LENGTH} characters: generate one with \`openssl rand -base64 32\`.`);
    return configured;
  }
  const store = globalThis as { [GENERATED]?: string };
  if (!store[GENERATED]) {
    store[GENERATED] = randomBytes(32).toString("base64url");
    log("dashboard: DASHBOARD_SESSION_SECRET is not set; using a random secret for this process, so sign-ins end when it stops.");
  }
  return store[GENERATED];
}

/** Seconds until the API token expires; the seal expires with it. */
function secondsLeft(session: Session, now: number): number {
  return Math.floor((new Date(session.expiresAt).getTime() - now) / 1000);
}

export async function sealSession(session: Session, secret: string, now = Date.now()): Promise<string> {
  const ttl = secondsLeft(session, now);
  // iron's ttl 0 means "never expires": a session already over must not be sealed at all.
  if (!(ttl > 0)) throw new RangeError(`The session expired at ${session.expiresAt}: nothing to seal.`);
  return sealData(session, { password: secret, ttl });
}

function isSession(value: unknown): value is Session {
  const candidate = value as Partial<Session> | null;
  return (
    typeof candidate === "object" &&
    candidate !== null &&
    typeof candidate.token === "string" &&
    typeof candidate.address === "string" &&
    /^0x[0-9a-fA-F]{40}$/.test(candidate.address) &&
    Array.isArray(candidate.roles) &&
    candidate.roles.every((role) => typeof role === "string") &&
    typeof candidate.expiresAt === "string" &&
    (candidate.demoAccountIndex === undefined || Number.isInteger(candidate.demoAccountIndex))
  );
}

/** The session in a cookie, or undefined when it is forged, tampered with, sealed with another secret or expired. */
export async function unsealSession(sealed: string, secret: string, now = Date.now()): Promise<Session | undefined> {
  let data: unknown;
  try {
    data = await unsealData(sealed, { password: secret });
  } catch {
    return undefined;
  }
  if (!isSession(data)) return undefined;
  return secondsLeft(data, now) > 0 ? data : undefined;
}
