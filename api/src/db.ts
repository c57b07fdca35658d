import postgres from "postgres";

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
  /** Rows valid at `block` (falls back to "current" without historical mode). */
  atBlock: (block: number, alias?: string) => Fragment;
  dbSchema: string;
  close: () => Promise<void>;
};

export type ConnectProjectionParameters = { databaseUrl: string; dbSchema: string; maxConnections?: number; statementTimeoutMs?: number };

export class ProjectionMissingError extends Error {
  override name = "ProjectionMissingError";
  constructor(dbSchema: string) {
    super(`The Postgres schema "${dbSchema}" holds no indexed CareTrail tables. Start the indexer with --db-schema=${dbSchema}, or set CARETRAIL_DB_SCHEMA to the schema it writes.`);
  }
}

export async function connectProjection({ databaseUrl, dbSchema, maxConnections = 10, statementTimeoutMs = 5_000 }: ConnectProjectionParameters): Promise<Projection> {
  const sql: Sql = postgres(databaseUrl, {
    max: maxConnections,
    onnotice: () => {},
    // A runaway query is cancelled by Postgres itself, whatever the client does.
    connection: { statement_timeout: statementTimeoutMs, application_name: "caretrail-api", TimeZone: "UTC" },
  }) as Sql;
  const [found] = await sql<{ historical: boolean; indexed: boolean }[]>`
    select exists (
      select 1 from information_schema.columns
      where table_schema = ${dbSchema} and table_name = 'access_events' and column_name = '_block_range'
    ) as historical,
    exists (select 1 from information_schema.tables where table_schema = ${dbSchema} and table_name = 'access_events') as indexed`;
  if (!found?.indexed) {
    await sql.end();
    throw new ProjectionMissingError(dbSchema);
  }
  const historical = found.historical;
  const column = (alias: string | undefined) => sql(alias ? `${alias}._block_range` : "_block_range");
  return {
    sql,
    dbSchema,
    table: (name) => sql`${sql(`${dbSchema}.${name}`)}`,
    current: (alias) => (historical ? sql`upper_inf(${column(alias)})` : sql`true`),
    atBlock: (block, alias) => (historical ? sql`${column(alias)} @> ${block}::bigint` : sql`true`),
    close: () => sql.end({ timeout: 5 }),
  };
}
