import express, { type Request, type Response, type Router } from "express";
import { stringify } from "csv-stringify";
import { CareTrailError, isCareTrailErrorKind, messageOf } from "@caretrail/sdk/errors";
import { execute, parse, type GraphQLError, type GraphQLSchema } from "graphql";
import type { AccessEvent } from "../generated/resolvers.js";
import type { ApiContext } from "../context.js";
import { errorCodeOf, httpStatusOf } from "../errors.js";
import { ACCESS_EVENT_SELECTION, CSV_COLUMNS, csvRow } from "./exportFields.js";

export const MAX_EXPORT_ROWS = 10_000;
const PAGE = 200;

export type ExportRoutesOptions = { schema: GraphQLSchema; contextFor: (authorization: unknown) => Promise<ApiContext> };

// Exports run the auditTimeline query through the schema, so @auth decides exactly as it does for GraphQL clients.
const timelineQuery = parse(`
  query Export($filter: AuditFilter, $after: String) {
    auditTimeline(filter: $filter, first: ${PAGE}, after: $after, order: ASC) {
      totalCount
      edges { node { ${ACCESS_EVENT_SELECTION} } }
      pageInfo { hasNextPage endCursor }
    }
  }`);

// The FHIR exports run fhirAuditEvents through the schema for the same reason.
const fhirPageQuery = parse(`
  query FhirExport($filter: AuditFilter, $first: Int, $after: String) { fhirAuditEvents(filter: $filter, first: $first, after: $after) }`);

type FhirPage = { total: number; link: { relation: string; url: string }[]; entry: { fullUrl: string; resource: unknown; search?: unknown }[] };

type Page = { totalCount: number; edges: { node: AccessEvent }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };

/** A refused export, answered as JSON with the status of its code (HTTP_STATUS). */
class ExportError extends CareTrailError {
  override name = "ExportError";
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message, { kind: isCareTrailErrorKind(code) ? code : undefined });
  }
}

/** The schema's first error, with its code (graphql's own variable errors carry none: they are the caller's input). */
const resultError = (error: GraphQLError) => new ExportError(errorCodeOf(error, "BAD_USER_INPUT"), error.message);

/**
 * A refused session (401), or one that could not be checked because the database is down or slow (503, 504);
 * anything else failed inside and is rethrown, so the error handler logs it and the client never sees its text.
 */
function sessionError(error: unknown): unknown {
  const code = errorCodeOf(error);
  const relayed = code === "UNAUTHENTICATED" || code === "SERVICE_UNAVAILABLE" || code === "DEADLINE_EXCEEDED";
  return relayed ? new ExportError(code, messageOf(error)) : error;
}

const answer = (res: Response, error: unknown) => {
  if (!(error instanceof ExportError)) throw error;
  res.status(httpStatusOf(error.code)).json({ error: { code: error.code, message: error.message } });
};

/** GET /export/audit.csv and /export/audit.jsonl with the timeline's filters as query parameters (oldest first). */
export function exportRoutes({ schema, contextFor }: ExportRoutesOptions): Router {
  const router = express.Router();

  // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- T names the shape the caller's document selects
  async function run<T>(
    req: Request,
    document: typeof timelineQuery,
    variableValues: Record<string, unknown>,
    contextValue?: ApiContext,
  ): Promise<{ data: T; contextValue: ApiContext }> {
    const context =
      contextValue ??
      (await contextFor(req.headers.authorization).catch((error: unknown) => {
        throw sessionError(error);
      }));
    const result = await execute({ schema, document, contextValue: context, variableValues });
    const error = result.errors?.[0];
    if (error) throw resultError(error);
    return { data: result.data as T, contextValue: context };
  }

  const fhirVariables = (req: Request) => {
    const count = typeof req.query._count === "string" ? Number(req.query._count) : undefined;
    const cursor = typeof req.query.cursor === "string" ? req.query.cursor : undefined;
    return { filter: filterFrom(req.query), first: count, after: cursor };
  };

  /** One searchset page; an auditor's client follows `link` next until there is none. */
  router.get("/fhir/AuditEvent", async (req, res) => {
    try {
      const { data } = await run<{ fhirAuditEvents: FhirPage }>(req, fhirPageQuery, fhirVariables(req));
      res.type("application/fhir+json").send(JSON.stringify(data.fhirAuditEvents));
    } catch (error) {
      answer(res, error);
    }
  });

  /**
   * Every matching AuditEvent in one collection Bundle, streamed page by page (at most MAX_EXPORT_ROWS; a larger
   * trail is refused up front with the count, so an export is never silently cut). Referenced resources are written
   * once, on the first page that needs them.
   */
  router.get("/audit.fhir.json", async (req, res) => {
    const variables = { filter: filterFrom(req.query), first: 200, after: undefined as string | undefined };
    let page: FhirPage;
    let contextValue: ApiContext;
    try {
      ({
        data: { fhirAuditEvents: page },
        contextValue,
      } = await run<{ fhirAuditEvents: FhirPage }>(req, fhirPageQuery, variables));
      if (page.total > MAX_EXPORT_ROWS)
        throw new ExportError(
          "EXPORT_TOO_LARGE",
          `${page.total} AuditEvents match; one file holds at most ${MAX_EXPORT_ROWS}. ` +
            "Narrow the filter (from, to, patient) or page through GET /export/fhir/AuditEvent.",
        );
    } catch (error) {
      answer(res, error);
      return;
    }
    const now = new Date().toISOString();
    res.type("application/fhir+json").attachment("caretrail-audit.fhir.json").setHeader("x-total-count", String(page.total));
    res.write(`{"resourceType":"Bundle","type":"collection","timestamp":${JSON.stringify(now)},"meta":{"lastUpdated":${JSON.stringify(now)}},"entry":[`);
    const written = new Set<string>();
    let first = true;
    try {
      for (;;) {
        for (const { fullUrl, resource } of page.entry) {
          if (written.has(fullUrl)) continue;
          written.add(fullUrl);
          res.write(`${first ? "" : ","}${JSON.stringify({ fullUrl, resource })}`);
          first = false;
        }
        const next = page.link.find((link) => link.relation === "next");
        if (!next) break;
        variables.after = new URLSearchParams(next.url.split("?")[1]).get("cursor") ?? undefined;
        page = (await run<{ fhirAuditEvents: FhirPage }>(req, fhirPageQuery, variables, contextValue)).data.fhirAuditEvents;
      }
      res.end("]}");
    } catch {
      // Headers are gone: cut the connection so the client sees a broken download, not a complete-looking file.
      res.destroy();
    }
  });

  async function* pages(req: Request): AsyncGenerator<AccessEvent[]> {
    const contextValue = await contextFor(req.headers.authorization).catch((error: unknown) => {
      throw sessionError(error);
    });
    const filter = filterFrom(req.query);
    let after: string | null = null;
    let sent = 0;
    do {
      const result = await execute({ schema, document: timelineQuery, contextValue, variableValues: { filter, after } });
      const error = result.errors?.[0];
      if (error) throw resultError(error);
      const page = (result.data as { auditTimeline: Page }).auditTimeline;
      const rows = page.edges.map((edge) => edge.node).slice(0, MAX_EXPORT_ROWS - sent);
      sent += rows.length;
      yield rows;
      after = page.pageInfo.hasNextPage && sent < MAX_EXPORT_ROWS ? page.pageInfo.endCursor : null;
    } while (after);
  }

  async function send(req: Request, res: Response, format: "csv" | "jsonl"): Promise<void> {
    const source = pages(req);
    // Read the first page before answering, so authorisation and input errors get a proper status.
    let first: IteratorResult<AccessEvent[]>;
    try {
      first = await source.next();
    } catch (error) {
      answer(res, error);
      return;
    }
    res.type(format === "csv" ? "text/csv" : "application/x-ndjson").attachment(`caretrail-audit.${format}`);
    const out = format === "csv" ? stringify({ header: true, columns: CSV_COLUMNS }) : undefined;
    out?.pipe(res);
    const write = (rows: AccessEvent[]) => {
      for (const event of rows) {
        if (out) out.write(csvRow(event));
        else res.write(JSON.stringify(event) + "\n");
      }
    };
    if (!first.done) write(first.value);
    for await (const rows of source) write(rows);
    if (out) out.end();
    else res.end();
  }

  router.get("/audit.csv", (req, res) => send(req, res, "csv"));
  router.get("/audit.jsonl", (req, res) => send(req, res, "jsonl"));
  return router;
}

/** ?patient=0x..&actor=0x..&kinds=GRANT,DENIAL&outcomes=..&purposes=..&from=ISO&to=ISO */
function filterFrom(query: Request["query"]): Record<string, unknown> {
  const one = (name: string) => (typeof query[name] === "string" ? query[name] : undefined);
  const list = (name: string) =>
    one(name)
      ?.split(",")
      .map((value) => value.trim().toUpperCase())
      .filter(Boolean);
  const filter: Record<string, unknown> = {
    patient: one("patient"),
    actor: one("actor"),
    kinds: list("kinds"),
    outcomes: list("outcomes"),
    purposes: list("purposes"),
    from: one("from"),
    to: one("to"),
  };
  return Object.fromEntries(Object.entries(filter).filter(([, value]) => value !== undefined));
}
