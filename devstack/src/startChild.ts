import { spawn, type ChildProcess } from "node:child_process";
import { LogTail } from "./logTail.js";

export type StopChildParameters = {
  /** The polite signal; default SIGTERM (Postgres takes SIGINT as its fast shutdown). */
  signal?: NodeJS.Signals;
  /** SIGKILL after this many milliseconds if the child is still there; default 5 000, Infinity never. */
  killAfterMs?: number;
  /** Signal the child's whole process group (a child started with `detached`), so whatever it spawned stops too. */
  group?: boolean;
};

/** True until the child has exited (by itself or on a signal). */
export const childRunning = (child: ChildProcess): boolean => child.exitCode === null && child.signalCode === null;

/** Asks `child` to stop, kills it after the grace period, and resolves once it has exited; a no-op for a child that already has. */
export async function stopChildProcess(
  child: ChildProcess,
  { signal = "SIGTERM", killAfterMs = 5_000, group = false }: StopChildParameters = {},
): Promise<void> {
  if (!childRunning(child)) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const send = (sent: NodeJS.Signals) => {
    try {
      if (group && child.pid !== undefined) process.kill(-child.pid, sent);
      else child.kill(sent);
    } catch {
      // The process (group) is already gone.
    }
  };
  send(signal);
  const timer = Number.isFinite(killAfterMs) ? setTimeout(() => send("SIGKILL"), killAfterMs) : undefined;
  await exited;
  clearTimeout(timer);
}

/** Feeds each non-blank line of the child's stdout and stderr to `onLine` (a chunk may end mid-line). */
export function forwardLines(child: ChildProcess, onLine: (line: string) => void): void {
  for (const stream of [child.stdout, child.stderr]) {
    let pending = "";
    stream?.on("data", (chunk: Buffer) => {
      const lines = (pending + chunk.toString()).split("\n");
      pending = lines.pop() ?? "";
      for (const line of lines) if (line.trim()) onLine(line);
    });
  }
}

export type StartChildParameters = {
  cwd?: string;
  /** The child's whole environment; default this process's. */
  env?: NodeJS.ProcessEnv;
  /** Receives each output line as it comes. */
  onLine?: (line: string) => void;
  /** How many output lines `tail` keeps; default 40. */
  tailSize?: number;
  /** Starts the child in its own process group and stops the whole group (for a child that spawns its own, like turbo). */
  processGroup?: boolean;
  uid?: number;
  gid?: number;
};

export type StartedChild = {
  process: ChildProcess;
  /** Its last output lines, for failure messages. */
  tail: LogTail;
  /** Resolves with the exit code, or the signal that ended it. */
  exited: Promise<number | NodeJS.Signals | null>;
  running: () => boolean;
  /** See stopChildProcess: `signal`, then SIGKILL after `killAfterMs`; resolves on exit. */
  stop: (parameters?: Omit<StopChildParameters, "group">) => Promise<void>;
};

/** Spawns `command` with its output piped into a LogTail (and `onLine`), and one way to stop it. */
export function startChild(command: string, args: string[], parameters: StartChildParameters = {}): StartedChild {
  const { cwd, env, onLine, tailSize, processGroup = false, uid, gid } = parameters;
  // Without `env`, spawn passes this process's environment on.
  const child = spawn(command, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"], detached: processGroup, uid, gid });
  const tail = new LogTail(tailSize);
  forwardLines(child, (line) => {
    tail.add(line);
    onLine?.(line);
  });
  const exited = new Promise<number | NodeJS.Signals | null>((resolve) => {
    child.once("exit", (code, signal) => resolve(code ?? signal));
    // A command that cannot be spawned (missing, not executable) never exits: say why in the tail and settle.
    child.once("error", (error) => {
      tail.add(`could not start ${command}: ${error.message}`);
      resolve(null);
    });
  });
  return {
    process: child,
    tail,
    exited,
    running: () => childRunning(child),
    stop: (stopParameters = {}) => stopChildProcess(child, { ...stopParameters, group: processGroup }),
  };
}
