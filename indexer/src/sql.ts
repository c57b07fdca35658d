import postgres from "postgres";
import type { IndexerDatabase } from "./startIndexer.ts";

/** A postgres.js pool: the one Postgres driver CareTrail's own code uses (SubQuery brings its own). */
export type Sql = postgres.Sql<Record<string, never>>;

export type OpenSqlOptions = {
  /** Connections in the pool. */
  max?: number;
  /** How long opening a connection may take, in seconds, before the query fails. */
  connectTimeoutSeconds?: number;
};

/** A pool on a postgres:// URL or on host/port/user fields; notices ("schema already exists, skipping") are dropped. */
export function openSql(database: string | IndexerDatabase, { max = 2, connectTimeoutSeconds = 10 }: OpenSqlOptions = {}): Sql {
  // A fixed short retry instead of postgres.js's growing backoff (up to 20 s), so the runner sees Postgres back
  // within a probe or two of its return, as the API does.
  const options = { max, connect_timeout: connectTimeoutSeconds, backoff: () => 0.05, onnotice: () => {} };
  return typeof database === "string" ? postgres(database, options) : postgres({ ...database, ...options });
}
