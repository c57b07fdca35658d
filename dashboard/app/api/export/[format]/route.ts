// Export downloads go through the dashboard so they carry the session's bearer token (a plain link cannot). Both
// formats stream the API's whole export: the API pages through the trail and refuses (413) a file above its cap.
import { apiUrl } from "@/lib/config";
import { errorResponse } from "@/lib/routeErrors";
import { readSession } from "@/lib/session";

const UPSTREAM: Record<string, { path: string; type: string; file: string }> = {
  csv: { path: "/export/audit.csv", type: "text/csv", file: "caretrail-audit.csv" },
  fhir: { path: "/export/audit.fhir.json", type: "application/fhir+json", file: "caretrail-audit.fhir.json" },
};

/** GET /api/export/csv?kinds=…  → the API's CSV stream; /api/export/fhir?… → one FHIR R4 collection Bundle of every matching AuditEvent. */
export async function GET(request: Request, { params }: { params: Promise<{ format: string }> }) {
  const { format } = await params;
  const session = await readSession();
  if (!session) return errorResponse("UNAUTHENTICATED", "Sign in to export the audit trail.");
  const target = UPSTREAM[format];
  if (!target) return errorResponse("NOT_FOUND", `Unknown export format "${format}": use csv or fhir.`);
  const query = new URL(request.url).searchParams;
  const upstream = await fetch(`${apiUrl()}${target.path}?${query}`, { headers: { authorization: `Bearer ${session.token}` }, cache: "no-store" }).catch(
    () => undefined,
  );
  if (!upstream)
    return errorResponse("SERVICE_UNAVAILABLE", `The CareTrail API at ${apiUrl()} did not answer: start it (npm run demo) or set CARETRAIL_API_URL.`);
  // Refusals (401, 403, 400, 413 EXPORT_TOO_LARGE with the count) pass through as the API's JSON error.
  if (!upstream.ok)
    return new Response(upstream.body, { status: upstream.status, headers: { "content-type": upstream.headers.get("content-type") ?? "application/json" } });
  const headers = new Headers({
    "content-type": upstream.headers.get("content-type") ?? target.type,
    "content-disposition": `attachment; filename="${target.file}"`,
  });
  const total = upstream.headers.get("x-total-count");
  if (total) headers.set("x-total-count", total);
  return new Response(upstream.body, { status: upstream.status, headers });
}
