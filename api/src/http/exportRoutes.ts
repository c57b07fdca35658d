import express, { type Request, type Response, type Router } from "express";
import { stringify } from "csv-stringify";
import { execute, parse, type GraphQLError, type GraphQLSchema } from "graphql";
import type { AccessEvent } from "../generated/resolvers.js";
import type { ApiContext } from "../context.js";

export const MAX_EXPORT_ROWS = 10_000;
const PAGE = 200;

export type ExportRoutesOptions = { schema: GraphQLSchema; contextFor: (authorization: unknown) => Promise<ApiContext> };

// Exports run the auditTimeline query through the schema, so @auth decides exactly as it does for GraphQL clients.
const timelineQuery = parse(`
  query Export($filter: AuditFilter, $after: String) {
    auditTimeline(filter: $filter, first: ${PAGE}, after: $after, order: ASC) {
      totalCount
      edges { node { id kind outcome patient actor actorRole purpose category recordId ticketId denialReason emergencyReasonCode expiresAt
                     position { blockNumber blockTimestamp txHash logIndex } } }
      pageInfo { hasNextPage endCursor }
    }
  }`);

type Page = { totalCount: number; edges: { node: AccessEvent }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };

class ExportError extends Error {
  constructor(readonly status: number, readonly code: string, message: string) {
    super(message);
  }
}

/** GET /export/audit.csv and /export/audit.jsonl with the timeline's filters as query parameters (oldest first). */
export function exportRoutes({ schema, contextFor }: ExportRoutesOptions): Router {
  const router = express.Router();

  async function* pages(req: Request): AsyncGenerator<AccessEvent[]> {
    const contextValue = await contextFor(req.headers.authorization).catch((error: GraphQLError) => {
      if (error.extensions?.code === "SERVICE_UNAVAILABLE") throw new ExportError(503, "SERVICE_UNAVAILABLE", error.message);
      throw new ExportError(401, "UNAUTHENTICATED", error.message);
    });
    const filter = filterFrom(req.query);
    let after: string | null = null;
    let sent = 0;
    do {
      const result = await execute({ schema, document: timelineQuery, contextValue, variableValues: { filter, after } });
      const error = result.errors?.[0];
      if (error) {
        const code = String(error.extensions?.code ?? "BAD_USER_INPUT");
        throw new ExportError(code === "UNAUTHENTICATED" ? 401 : code === "FORBIDDEN" ? 403 : code === "INTERNAL_SERVER_ERROR" ? 500 : code === "SERVICE_UNAVAILABLE" ? 503 : 400, code, error.message);
      }
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
      if (!(error instanceof ExportError)) throw error;
      res.status(error.status).json({ error: { code: error.code, message: error.message } });
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

const CSV_COLUMNS = ["id", "block_time", "block_number", "tx_hash", "log_index", "kind", "outcome", "patient", "actor", "actor_role", "purpose", "category", "record_id", "denial_reason", "emergency_reason_code", "expires_at"];

function csvRow(event: AccessEvent): unknown[] {
  const { position } = event;
  return [event.id, position.blockTimestamp, position.blockNumber, position.txHash, position.logIndex, event.kind, event.outcome, event.patient, event.actor,
    event.actorRole, event.purpose, event.category, event.recordId, event.denialReason, event.emergencyReasonCode, event.expiresAt];
}

/** ?patient=0x..&actor=0x..&kinds=GRANT,DENIAL&outcomes=..&purposes=..&from=ISO&to=ISO */
function filterFrom(query: Request["query"]): Record<string, unknown> {
  const one = (name: string) => (typeof query[name] === "string" ? (query[name] as string) : undefined);
  const list = (name: string) => one(name)?.split(",").map((value) => value.trim().toUpperCase()).filter(Boolean);
  const filter: Record<string, unknown> = { patient: one("patient"), actor: one("actor"), kinds: list("kinds"), outcomes: list("outcomes"), purposes: list("purposes"), from: one("from"), to: one("to") };
  return Object.fromEntries(Object.entries(filter).filter(([, value]) => value !== undefined));
}
