// Starts `npm run demo`'s own entry point on free ports, as a user would run it, and stops it with Ctrl-C.
import { spawn, type ChildProcessByStdio } from "node:child_process";
import type { Readable } from "node:stream";
import path from "node:path";
import { freePort, stopChildProcess } from "@caretrail/devstack";

export type DemoPorts = { chain: number; postgres: number; api: number; dashboard: number };

export type RunningDemo = {
  child: ChildProcessByStdio<null, Readable, Readable>;
  ports: DemoPorts;
  /** Everything the demo printed so far (stdout and stderr). */
  output: () => string;
  /** Resolves once the demo prints its closing banner; rejects if it exits first or is not ready in time. */
  ready: (timeoutMs?: number) => Promise<void>;
  /** Sends Ctrl-C and resolves with the exit code, or "still running" (then SIGKILLs it) after 30 s. */
  stop: () => Promise<number | null | "still running">;
};

export async function startDemo(options: { stateDir: string; patients: number; days: number; env?: NodeJS.ProcessEnv }): Promise<RunningDemo> {
  const ports: DemoPorts = { chain: await freePort(), postgres: await freePort(), api: await freePort(), dashboard: await freePort() };
  const child = spawn(process.execPath, ["--import", "tsx", "src/demo.ts"], {
    cwd: path.join(import.meta.dirname, ".."),
    env: {
      ...process.env,
      DATABASE_URL: "",
      RPC_URL: "",
      CARETRAIL_STATE_DIR: options.stateDir,
      CARETRAIL_DEPLOYMENT: path.join(options.stateDir, "deployment.json"),
      CHAIN_PORT: String(ports.chain),
      DEMO_PG_PORT: String(ports.postgres),
      API_PORT: String(ports.api),
      DASHBOARD_PORT: String(ports.dashboard),
      DEMO_PATIENTS: String(options.patients),
      DEMO_DAYS: String(options.days),
      ...options.env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));

  return {
    child,
    ports,
    output: () => output,
    ready: async (timeoutMs = 480_000) => {
      const deadline = Date.now() + timeoutMs;
      while (!output.includes("Press Ctrl-C")) {
        if (child.exitCode !== null) throw new Error(`the demo exited with ${child.exitCode} before it was ready:\n${output}`);
        if (Date.now() > deadline) throw new Error(`the demo was not ready after ${timeoutMs / 1000} s:\n${output}`);
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    },
    stop: async () => {
      await stopChildProcess(child, { signal: "SIGINT", killAfterMs: 30_000 });
      return child.signalCode === "SIGKILL" ? "still running" : child.exitCode;
    },
  };
}
