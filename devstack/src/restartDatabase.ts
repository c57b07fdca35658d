import { execFile } from "node:child_process";
import { promisify } from "node:util";
import pg from "pg";
import type { Database } from "./startDatabase.js";

export type RestartDatabaseParameters = {
  /** Runs while the server is down (e.g. to watch clients fail); the server starts again once it settles. */
  whileDown?: () => Promise<unknown>;
};

export class DatabaseRestartError extends Error {
  override name = "DatabaseRestartError";
}

/**
 * Stops the database server and starts it again on the same port and data folder: the embedded one
 * directly; a DATABASE_URL server with `pg_ctlcluster VERSION CLUSTER stop|start` for the Debian
 * cluster that holds its data directory (it must run on this machine, and we must be allowed to).
 */
export async function restartDatabase(database: Database, { whileDown }: RestartDatabaseParameters = {}): Promise<void> {
  const { stop, start } = database.embedded ? { stop: database.stopServer, start: database.startServer } : await systemServer(database);
  await stop();
  try {
    await whileDown?.();
  } finally {
    await start();
  }
}

async function systemServer(database: Database): Promise<{ stop: () => Promise<void>; start: () => Promise<void> }> {
  const run = (command: string[]) => async () => void (await promisify(execFile)(command[0]!, command.slice(1)));
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  const { rows } = await client.query<{ data_directory: string }>("show data_directory").finally(() => client.end());
  const cluster = /\/postgresql\/([^/]+)\/([^/]+)\/?$/.exec(rows[0]!.data_directory);
  if (!cluster) {
    throw new DatabaseRestartError(`Cannot tell which cluster serves ${database.host}:${database.port}: restart it by hand, or unset DATABASE_URL to use the embedded Postgres.`);
  }
  const control = (action: string) => run(["pg_ctlcluster", "--skip-systemctl-redirect", cluster[1]!, cluster[2]!, action, "--", "-m", "fast"]);
  return { stop: control("stop"), start: control("start") };
}
