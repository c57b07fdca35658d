// Export downloads go through the dashboard so they carry the session's bearer token (a plain link cannot).
import { apiUrl } from "@/lib/config";
import { DataError } from "@/lib/apiClient";
import { fetchFhirAuditEvents } from "@/lib/data";
import { answerError, errorResponse } from "@/lib/routeErrors";
import { readSession } from "@/lib/session";
import type { AuditFilter } from "@/lib/types";

/** GET /api/export/csv?kinds=…  → the API's CSV stream; /api/export/fhir?… → a FHIR R4 Bundle of AuditEvents. */
export async function GET(request: Request, { params }: { params: Promise<{ format: string }> }) {
  const { format } = await params;
  const session = await readSession();
  if (!session) return errorResponse("UNAUTHENTICATED", "Sign in to export the audit trail.");
  const query = new URL(request.url).searchParams;
  if (format === "csv") {
    const upstream = await fetch(`${apiUrl()}/export/audit.csv?${query}`, { headers: { authorization: `Bearer ${session.token}` }, cache: "no-store" }).catch(() => undefined);
    if (!upstream) return errorResponse("UNAVAILABLE", `The CareTrail API at ${apiUrl()} did not answer: start it (npm run demo) or set CARETRAIL_API_URL.`);
    return new Response(upstream.body, { status: upstream.status, headers: { "content-type": upstream.headers.get("content-type") ?? "text/csv", "content-disposition": 'attachment; filename="caretrail-audit.csv"' } });
  }
  if (format === "fhir") {
    const filter: AuditFilter = {};
    for (const name of ["patient", "actor", "from", "to"] as const) {
      const value = query.get(name);
      if (value) filter[name] = value;
    }
    for (const name of ["kinds", "outcomes", "purposes"] as const) {
      const value = query.get(name);
      if (value) (filter as Record<string, string[]>)[name] = value.split(",");
    }
    try {
      const bundle = await fetchFhirAuditEvents(session, filter);
      return new Response(JSON.stringify(bundle, null, 2), { headers: { "content-type": "application/fhir+json", "content-disposition": 'attachment; filename="caretrail-audit.fhir.json"' } });
    } catch (error) {
      return error instanceof DataError ? answerError(error) : errorResponse("INTERNAL", (error as Error).message);
    }
  }
  return errorResponse("NOT_FOUND", `Unknown export format "${format}": use csv or fhir.`);
}
