import type { ErrorRequestHandler } from "express";
import { GraphQLError } from "graphql";
import postgres from "postgres";
import { DEADLINE_MESSAGE, deadlineExceeded } from "./errors.js";
import { ensureReadModels } from "./data/readModels.js";
import { CareTrailError } from "@caretrail/sdk/errors";

export type Sql = postgres.Sql<Record<string, never>>;
export type Fragment = postgres.PendingQuery<postgres.Row[]>;

/** The indexer's Postgres schema, read through postgres.js tagged templates only. */
export type Projection = {
  sql: Sql;
  /** `"schema"."table"` for one of the indexer's snake_case tables. */
  table: (name: string) => Fragment;
  /**
   * Rows valid now. SubQuery's historical mode keeps every version of a state row with a `_block_range`;
   * only the open-ended one is current. Without historical mode every row is current.
   */
  current: (alias?: string) => Fragment;
  /** `column = any(values)` for one of access_events' enum columns, typed like the column so its index is usable. */
  enumIn: (column: "kind" | "outcome" | "purpose", values: readonly string[]) => Fragment;
  /** Rows valid at `block` (falls back to "current" without historical mode). */
  atBlock: (block: number, alias?: string) => Fragment;
  dbSchema: string;
  close: () => Promise<void>;
};

/** How long a GraphQL request, an export page or a vault read may take (CARETRAIL_REQUEST_DEADLINE_MS). */
export const DEFAULT_REQUEST_DEADLINE_MS = 10_000;

export type ConnectProjectionParameters = {
  databaseUrl: string;
  dbSchema: string;
  maxConnections?: number;
  /** Postgres's statement_timeout for every query: the request deadline, so a runaway statement frees its connection. */
  statementTimeoutMs?: number;
  /** How long opening a connection may take before the request fails with SERVICE_UNAVAILABLE. */
  connectTimeoutSeconds?: number;
};

/** Node and postgres.js codes for a server that cannot be reached or dropped the connection. */
const UNREACHABLE_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "EPIPE",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
  "CONNECTION_CLOSED",
  "CONNECTION_DESTROYED",
  "CONNECTION_ENDED",
  "CONNECT_TIMEOUT",
]);
/** SQLSTATE classes 08 (connection exception) and 57P (shutting down, starting up), and too many connections. */
const UNAVAILABLE_SQLSTATE = /^(08...|57P0[1-4]|53300)$/;

/** True when `error` says the database is down or unreachable, not that a query was wrong. */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (!error || typeof error !== "object") return false;
  const { code, errors } = error as { code?: unknown; errors?: unknown };
  if (typeof code === "string" && (UNREACHABLE_CODES.has(code) || UNAVAILABLE_SQLSTATE.test(code))) return true;
  // Node reports a refused connection to a host with several addresses as an AggregateError.
  return Array.isArray(errors) && errors.some(isDatabaseUnavailable);
}

/** What clients get while Postgres is away: a retryable 503, never the driver's message or SQL. */
export function databaseUnavailable(): GraphQLError {
  return new GraphQLError("The database is unavailable right now; retry in a few seconds.", {
    extensions: { code: "SERVICE_UNAVAILABLE", http: { status: 503, headers: new Map([["retry-after", "5"]]) } },
  });
}

/** SQLSTATE 57014: the statement was cancelled, here by statement_timeout (the request deadline). */
const QUERY_CANCELED = "57014";

export function isDeadlineExceeded(error: unknown): boolean {
  const code = (error as { code?: unknown; extensions?: { code?: unknown } } | null)?.code;
  return code === QUERY_CANCELED || (error instanceof GraphQLError && error.extensions.code === "DEADLINE_EXCEEDED");
}

/** Express error handler for the REST routes: a database outage answers 503 JSON, a statement past the deadline 504. */
export const databaseUnavailableHandler: ErrorRequestHandler = (error, _req, res, next) => {
  if (isDeadlineExceeded(error) && !res.headersSent) return void res.status(504).json({ error: { code: "DEADLINE_EXCEEDED", message: DEADLINE_MESSAGE } });
  const unavailable = isDatabaseUnavailable(error) || (error instanceof GraphQLError && error.extensions.code === "SERVICE_UNAVAILABLE");
  if (!unavailable || res.headersSent) {
    next(error);
    return;
  }
  res
    .status(503)
    .set("retry-after", "5")
    .json({ error: { code: "SERVICE_UNAVAILABLE", message: databaseUnavailable().message } });
};

/**
 * Every query of `sql` rejects with databaseUnavailable() instead of a connection error, so resolvers,
 * the context and the REST routes all report an outage the same way without catching it themselves.
 */
function failingClearly(sql: Sql): Sql {
  return new Proxy(sql, {
    apply(target, thisArg, args) {
      const query = Reflect.apply(target, thisArg, args) as unknown;
      if (query instanceof Promise) {
        // postgres.js runs a query when its own then() is first called, so the wrapper must call that one.
        // eslint-disable-next-line @typescript-eslint/unbound-method -- called below with the query as `this`
        const then = query.then;
        void Object.defineProperty(query, "then", {
          value(onFulfilled?: (value: unknown) => unknown, onRejected?: (reason: unknown) => unknown) {
            const mapped = then.call(this, undefined, (error: unknown) => {
              throw isDatabaseUnavailable(error) ? databaseUnavailable() : isDeadlineExceeded(error) ? deadlineExceeded() : error;
            });
            return onFulfilled || onRejected ? mapped.then(onFulfilled, onRejected) : mapped;
          },
        });
      }
      return query;
    },
  });
}

export class ProjectionMissingError extends CareTrailError {
  override name = "ProjectionMissingError";
  constructor(dbSchema: string) {
    super(
      `The Postgres schema "${dbSchema}" holds no indexed CareTrail tables. ` +
        `Start the indexer with --db-schema=${dbSchema}, or set INDEXER_DB_SCHEMA to the schema it writes.`,
    );
  }
}

export async function connectProjection({
  databaseUrl,
  dbSchema,
  maxConnections = 8,
  statementTimeoutMs = DEFAULT_REQUEST_DEADLINE_MS,
  connectTimeoutSeconds = 2,
}: ConnectProjectionParameters): Promise<Projection> {
  const driver = postgres(databaseUrl, {
    max: maxConnections,
    // A refused connection fails at once; a server that does not answer fails within this, not postgres.js's 30 s.
    connect_timeout: connectTimeoutSeconds,
    // postgres.js waits (0.5-1) x min(3^failures / 100, 20) s before reconnecting, so after a few refused
    // attempts requests queue for up to 20 s, during an outage and after it: retry at once instead.
    backoff: () => 0.05,
    onnotice: () => {},
    // A runaway query is cancelled by Postgres itself, whatever the client does.
    connection: { statement_timeout: statementTimeoutMs, application_name: "caretrail-api", TimeZone: "UTC" },
  }) as Sql;
  const sql = failingClearly(driver);
  const [found] = await sql<{ historical: boolean; indexed: boolean }[]>`
    select exists (
      select 1 from information_schema.columns
      where table_schema = ${dbSchema} and table_name = 'access_events' and column_name = '_block_range'
    ) as historical,
    exists (select 1 from information_schema.tables where table_schema = ${dbSchema} and table_name = 'access_events') as indexed`;
  if (!found?.indexed) {
    await driver.end();
    throw new ProjectionMissingError(dbSchema);
  }
  const historical = found.historical;
  await ensureReadModels(sql, dbSchema, historical);
  const enumTypes = new Map(
    (
      await sql<{ column_name: string; udt_schema: string; udt_name: string }[]>`
      select column_name, udt_schema, udt_name from information_schema.columns
      where table_schema = ${dbSchema} and table_name = 'access_events' and column_name in ('kind', 'outcome', 'purpose')`
    ).map((row) => [row.column_name, `${row.udt_schema}.${row.udt_name}`]),
  );
  const column = (alias: string | undefined) => sql(alias ? `${alias}._block_range` : "_block_range");
  return {
    sql,
    dbSchema,
    table: (name) => sql`${sql(`${dbSchema}.${name}`)}`,
    current: (alias) => (historical ? sql`upper_inf(${column(alias)})` : sql`true`),
    enumIn: (column, values) => sql`${sql(column)} = any(${values as string[]}::text[]::${sql(enumTypes.get(column)!)}[])`,
    atBlock: (block, alias) => (historical ? sql`${column(alias)} @> ${block}::bigint` : sql`true`),
    close: () => driver.end({ timeout: 5 }),
  };
}
