import { spawn, type ChildProcess } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";
import { CareTrailError, findRepoRoot, probeRpc } from "@caretrail/sdk";
import { exitWithParentFlags } from "./exitWithParent.js";
import { freePort } from "./freePort.js";

export type LocalChain = { rpcUrl: string; port: number; process: ChildProcess; stop: () => Promise<void> };

export type StartLocalChainParameters = {
  /** Defaults to a free port. */
  port?: number;
  /** Milliseconds to wait for JSON-RPC to answer. */
  timeoutMs?: number;
  /** Receives the node's output lines (it is quiet otherwise). */
  onOutput?: (line: string) => void;
  /** Starts the node's clock this many days in the past (contracts/hardhat.config.ts's CARETRAIL_CHAIN_START_DAYS_AGO). */
  startDaysAgo?: number;
};

export class LocalChainStartError extends CareTrailError {
  override name = "LocalChainStartError";
}

/** Starts a Hardhat node (chain id 31337, automine) from the repository's contracts package. */
export async function startLocalChain({ port, timeoutMs = 60_000, onOutput, startDaysAgo }: StartLocalChainParameters = {}): Promise<LocalChain> {
  const chainPort = port ?? (await freePort());
  const contractsDir = path.join(findRepoRoot(), "contracts");
  const hardhatCli = createRequire(path.join(contractsDir, "package.json")).resolve("hardhat/internal/cli/cli.js");
  const child = spawn(process.execPath, [...exitWithParentFlags(), hardhatCli, "node", "--hostname", "127.0.0.1", "--port", String(chainPort)], {
    cwd: contractsDir,
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      HARDHAT_DISABLE_TELEMETRY_PROMPT: "true",
      ...(startDaysAgo === undefined ? {} : { CARETRAIL_CHAIN_START_DAYS_AGO: String(startDaysAgo) }),
    },
  });
  const recent: string[] = [];
  const remember = (chunk: Buffer) => {
    for (const line of chunk.toString().split("\n")) {
      if (!line.trim()) continue;
      recent.push(line);
      if (recent.length > 20) recent.shift();
      onOutput?.(line);
    }
  };
  child.stdout.on("data", remember);
  child.stderr.on("data", remember);

  const rpcUrl = `http://127.0.0.1:${chainPort}`;
  const stop = () => stopChild(child);
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new LocalChainStartError(`Hardhat node exited with code ${child.exitCode} before serving ${rpcUrl}:\n${recent.join("\n")}`);
    }
    if ((await probeRpc(rpcUrl)) !== undefined) return { rpcUrl, port: chainPort, process: child, stop };
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  await stop();
  throw new LocalChainStartError(`Hardhat node did not answer on ${rpcUrl} within ${timeoutMs} ms:\n${recent.join("\n")}`);
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
  await exited;
  clearTimeout(timer);
}
