import { spawn, type ChildProcess } from "node:child_process";

export type SupervisedChild = { process: ChildProcess; stop: () => Promise<void> };

/**
 * Starts a child in its own process group, so stopping it also stops anything it spawned, and feeds
 * its output lines to `onLine`.
 */
export function startChild(command: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv; onLine: (line: string) => void }): SupervisedChild {
  const child = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: ["ignore", "pipe", "pipe"], detached: true });
  for (const stream of [child.stdout, child.stderr]) {
    let pending = "";
    stream.on("data", (chunk: Buffer) => {
      const lines = (pending + chunk.toString()).split("\n");
      pending = lines.pop() ?? "";
      for (const line of lines) if (line.trim()) options.onLine(line);
    });
  }
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, signal);
    } catch {
      // The group is already gone.
    }
  };
  return {
    process: child,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      signalGroup("SIGTERM");
      const timer = setTimeout(() => signalGroup("SIGKILL"), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
