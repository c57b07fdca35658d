// The API's bearer token lives in a sealed httpOnly cookie: server components and route handlers use it, page scripts
// never see it, and nobody but this server can write one (lib/sessionSeal.ts).
import { cookies } from "next/headers";
import { sealSession, sessionSecret, unsealSession, type Session } from "./sessionSeal";

export type { Session } from "./sessionSeal";

const COOKIE = "caretrail_session";

/** The signed-in session, or undefined (no cookie, or one that is forged, tampered with or expired). */
export async function readSession(): Promise<Session | undefined> {
  const raw = (await cookies()).get(COOKIE)?.value;
  if (!raw) return undefined;
  return unsealSession(raw, sessionSecret());
}

/** `secure` when the dashboard is served over https (the demo serves plain http on loopback). */
export async function writeSession(session: Session, secure: boolean): Promise<void> {
  (await cookies()).set(COOKIE, await sealSession(session, sessionSecret()), {
    httpOnly: true,
    sameSite: "lax",
    path: "/",
    secure,
    expires: new Date(session.expiresAt),
  });
}

export async function clearSession(): Promise<void> {
  (await cookies()).delete(COOKIE);
}
