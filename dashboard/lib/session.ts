// The API's bearer token lives in an httpOnly cookie: server components and route handlers use it, page scripts never see it.
import { cookies } from "next/headers";
import type { Role } from "./types";

export type Session = {
  token: string;
  address: string;
  roles: Role[];
  expiresAt: string;
  /** Set when signed in through the demo persona picker. */
  demoAccountIndex?: number;
};

const COOKIE = "caretrail_session";

export async function readSession(): Promise<Session | undefined> {
  const raw = (await cookies()).get(COOKIE)?.value;
  if (!raw) return undefined;
  try {
    const session = JSON.parse(Buffer.from(raw, "base64url").toString("utf8")) as Session;
    return new Date(session.expiresAt).getTime() > Date.now() ? session : undefined;
  } catch {
    return undefined;
  }
}

/** `secure` when the dashboard is served over https (the demo serves plain http on loopback). */
export async function writeSession(session: Session, secure: boolean): Promise<void> {
  (await cookies()).set(COOKIE, Buffer.from(JSON.stringify(session)).toString("base64url"), {
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
