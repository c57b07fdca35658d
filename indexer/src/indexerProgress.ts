import pg from "pg";

/** What SubQuery's _metadata table says about one indexer. */
export type IndexerProgress = {
  /** The last block whose events are in the tables; undefined before the first block. */
  lastProcessedHeight: number | undefined;
  /** The chain head the indexer last saw. */
  targetHeight: number | undefined;
  startHeight: number | undefined;
  /** SubQuery's own verdict; it turns false when no new block arrives for a while (a quiet dev chain). */
  indexerHealthy: boolean | undefined;
  chainId: string | undefined;
};

export type ReadIndexerProgressParameters = {
  /** A postgres:// URL, or a connected pg client/pool to reuse. */
  database: string | pg.ClientBase | pg.Pool;
  dbSchema: string;
};

/** Reads the indexer's health and height from SubQuery's `_metadata` table (undefined heights before it starts). */
export async function readIndexerProgress({ database, dbSchema }: ReadIndexerProgressParameters): Promise<IndexerProgress> {
  const client = typeof database === "string" ? new pg.Client({ connectionString: database }) : database;
  if (typeof database === "string") await (client as pg.Client).connect();
  try {
    const exists = await client.query("select 1 from information_schema.tables where table_schema = $1 and table_name = '_metadata'", [dbSchema]);
    if (exists.rowCount === 0)
      return { lastProcessedHeight: undefined, targetHeight: undefined, startHeight: undefined, indexerHealthy: undefined, chainId: undefined };
    const { rows } = await client.query<{ key: string; value: unknown }>(
      `select key, value from ${pg.escapeIdentifier(dbSchema)}._metadata where key = any($1)`,
      [["lastProcessedHeight", "targetHeight", "startHeight", "indexerHealthy", "chain"]],
    );
    const value = (key: string) => rows.find((row) => row.key === key)?.value;
    const height = (key: string) => (value(key) === undefined ? undefined : Number(value(key)));
    return {
      lastProcessedHeight: height("lastProcessedHeight"),
      targetHeight: height("targetHeight"),
      startHeight: height("startHeight"),
      indexerHealthy: value("indexerHealthy") === undefined ? undefined : value("indexerHealthy") === true,
      chainId: value("chain") === undefined ? undefined : String(value("chain")),
    };
  } finally {
    if (typeof database === "string") await (client as pg.Client).end();
  }
}
