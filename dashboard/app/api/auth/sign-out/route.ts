import { clearSession } from "@/lib/session";

/** POST (JSON, same origin, like every change): ends the dashboard session; the page then goes to sign-in. */
export async function POST() {
  await clearSession();
  return Response.json({ signedOut: true });
}
