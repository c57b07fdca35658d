import type { Database } from "./startDatabase.js";

export { DatabaseRestartError } from "./systemCluster.js";

export type RestartDatabaseParameters<T> = {
  /** Runs while the server is down (e.g. to watch clients fail); the server starts again once it settles. */
  whileDown?: () => Promise<T>;
};

/**
 * Stops the database server and starts it again on the same port and data folder (Database.stopServer and
 * startServer: the embedded one directly, a DATABASE_URL server through pg_ctlcluster). Returns what
 * `whileDown` returned.
 */
export async function restartDatabase<T>(database: Database, { whileDown }: RestartDatabaseParameters<T> = {}): Promise<T | undefined> {
  await database.stopServer();
  try {
    return await whileDown?.();
  } finally {
    await database.startServer();
  }
}
