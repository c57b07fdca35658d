import { readdirSync, readFileSync } from "node:fs";

const TICKS_PER_SECOND = 100;

type Stat = { pid: number; ppid: number; ticks: number; childTicks: number };

function statOf(pid: number): Stat | undefined {
  try {
    // Fields after the command name (which may hold spaces) start at ") ".
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
    return { pid, ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]), childTicks: Number(fields[13]) + Number(fields[14]) };
  } catch {
    return undefined;
  }
}

/** The postmaster's pid, from the postmaster.pid file in the server's data directory (read as the server's superuser). */
export async function postmasterPid(sql: { unsafe: (query: string) => Promise<readonly Record<string, unknown>[]> }): Promise<number> {
  const [row] = await sql.unsafe("select setting from pg_settings where name = 'data_directory'");
  return Number(readFileSync(`${row!.setting as string}/postmaster.pid`, "utf8").split("\n")[0]);
}

/** CPU seconds used so far by the Postgres server whose postmaster is `postmaster` (its live processes, plus those that exited). */
export function postgresCpu(postmaster: number): number {
  const stats = readdirSync("/proc")
    .filter((entry) => /^\d+$/.test(entry))
    .map((entry) => statOf(Number(entry)));
  let ticks = 0;
  for (const stat of stats) {
    if (!stat) continue;
    if (stat.pid === postmaster) ticks += stat.ticks + stat.childTicks;
    else if (stat.ppid === postmaster) ticks += stat.ticks;
  }
  return ticks / TICKS_PER_SECOND;
}

/** CPU seconds used so far by process `root` and its descendants (live ones, plus the children it has reaped). */
export function processTreeCpu(root: number): number {
  const stats = readdirSync("/proc")
    .filter((entry) => /^\d+$/.test(entry))
    .map((entry) => statOf(Number(entry)))
    .filter((stat): stat is Stat => stat !== undefined);
  const tree = new Set([root]);
  for (let grew = true; grew;) {
    grew = false;
    for (const stat of stats)
      if (!tree.has(stat.pid) && tree.has(stat.ppid)) {
        tree.add(stat.pid);
        grew = true;
      }
  }
  let ticks = 0;
  for (const stat of stats) if (tree.has(stat.pid)) ticks += stat.ticks + (stat.pid === root ? stat.childTicks : 0);
  return ticks / TICKS_PER_SECOND;
}
