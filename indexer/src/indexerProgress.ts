import { openSql, type Sql } from "./sql.ts";

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
  /** A postgres:// URL, or a postgres.js pool to reuse. */
  database: string | Sql;
  dbSchema: string;
};

/** Reads the indexer's health and height from SubQuery's `_metadata` table (undefined heights before it starts). */
export async function readIndexerProgress({ database, dbSchema }: ReadIndexerProgressParameters): Promise<IndexerProgress> {
  const sql = typeof database === "string" ? openSql(database, { max: 1 }) : database;
  try {
    const exists = await sql`select 1 from information_schema.tables where table_schema = ${dbSchema} and table_name = '_metadata'`;
    if (exists.length === 0)
      return { lastProcessedHeight: undefined, targetHeight: undefined, startHeight: undefined, indexerHealthy: undefined, chainId: undefined };
    const keys = ["lastProcessedHeight", "targetHeight", "startHeight", "indexerHealthy", "chain"];
    const rows = await sql<{ key: string; value: unknown }[]>`select key, value from ${sql(dbSchema)}._metadata where key in ${sql(keys)}`;
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
    if (typeof database === "string") await sql.end();
  }
}

/** One kept connection reading the last processed height, for pollers: a read every 250 ms opens no new pool. */
export type IndexedHeightReader = { read: () => Promise<number | undefined>; close: () => Promise<void> };

export function indexedHeightReader(database: string, dbSchema: string): IndexedHeightReader {
  const sql = openSql(database, { max: 1 });
  return {
    read: async () => (await readIndexerProgress({ database: sql, dbSchema })).lastProcessedHeight,
    close: () => sql.end({ timeout: 5 }),
  };
}
