import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { CareTrailError } from "@caretrail/sdk/errors";
import { queryOnce } from "./queryOnce.js";

export class DatabaseRestartError extends CareTrailError {
  override name = "DatabaseRestartError";
  static override readonly kind = "SERVICE_UNAVAILABLE";
}

/**
 * Stops or starts the Debian cluster that serves `url` (`pg_ctlcluster VERSION CLUSTER stop|start`, found from
 * its data directory): the server must run on this machine, and we must be allowed to control it. The cluster
 * is looked up while the server still answers, so call this before stopping it.
 */
export async function systemClusterControl(url: string): Promise<{ stop: () => Promise<void>; start: () => Promise<void> }> {
  const rows = await queryOnce<{ data_directory: string }>(url, "show data_directory");
  const cluster = /\/postgresql\/([^/]+)\/([^/]+)\/?$/.exec(rows[0]!.data_directory);
  if (!cluster) {
    const { host, port } = new URL(url);
    throw new DatabaseRestartError(
      `Cannot tell which cluster serves ${host}:${port || 5432}: restart it by hand, or unset DATABASE_URL to use the embedded Postgres.`,
    );
  }
  const control = (action: string) => async () => {
    await promisify(execFile)("pg_ctlcluster", ["--skip-systemctl-redirect", cluster[1]!, cluster[2]!, action, "--", "-m", "fast"]);
  };
  return { stop: control("stop"), start: control("start") };
}
