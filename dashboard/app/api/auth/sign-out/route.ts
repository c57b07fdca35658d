import { clearSession } from "@/lib/session";

export async function POST(request: Request) {
  await clearSession();
  return Response.redirect(new URL("/sign-in", request.url), 303);
}
