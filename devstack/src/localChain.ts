import type { ChildProcess } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";
import { CareTrailError, findRepoRoot, probeRpc } from "@caretrail/sdk";
import { exitWithParentFlags } from "./exitWithParent.js";
import { freePort } from "./freePort.js";
import { startChild } from "./startChild.js";

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

/**
 * Loaded into the Hardhat process: its JSON-RPC server keeps idle keep-alive connections 65 s, not Node's 5 s. A
 * client that keeps sockets with no idle limit of its own (SubQuery's) otherwise now and then sends on one the node
 * is closing, meets ECONNRESET ("socket hang up"), and stops.
 */
const LONG_KEEP_ALIVE = [
  `import http from "node:http";`,
  `const createServer = http.createServer;`,
  `http.createServer = (...args) => {`,
  `  const server = createServer(...args);`,
  `  server.keepAliveTimeout = 65_000;`,
  `  server.headersTimeout = 66_000;`,
  `  return server;`,
  `};`,
].join("\n");

/** Starts a Hardhat node (chain id 31337, automine) from the repository's contracts package. */
export async function startLocalChain({ port, timeoutMs = 60_000, onOutput, startDaysAgo }: StartLocalChainParameters = {}): Promise<LocalChain> {
  const chainPort = port ?? (await freePort());
  const contractsDir = path.join(findRepoRoot(), "contracts");
  const hardhatCli = createRequire(path.join(contractsDir, "package.json")).resolve("hardhat/internal/cli/cli.js");
  const node = startChild(
    process.execPath,
    [
      ...exitWithParentFlags(),
      "--import",
      `data:text/javascript,${encodeURIComponent(LONG_KEEP_ALIVE)}`,
      hardhatCli,
      "node",
      "--hostname",
      "127.0.0.1",
      "--port",
      String(chainPort),
    ],
    {
      cwd: contractsDir,
      tailSize: 20,
      onLine: onOutput,
      env: {
        ...process.env,
        HARDHAT_DISABLE_TELEMETRY_PROMPT: "true",
        ...(startDaysAgo === undefined ? {} : { CARETRAIL_CHAIN_START_DAYS_AGO: String(startDaysAgo) }),
      },
    },
  );
  const child = node.process;

  const rpcUrl = `http://127.0.0.1:${chainPort}`;
  const stop = () => node.stop();
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new LocalChainStartError(`Hardhat node exited with code ${child.exitCode} before serving ${rpcUrl}:\n${node.tail.text()}`);
    }
    if ((await probeRpc(rpcUrl)) !== undefined) return { rpcUrl, port: chainPort, process: child, stop };
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  await stop();
  throw new LocalChainStartError(`Hardhat node did not answer on ${rpcUrl} within ${timeoutMs} ms:\n${node.tail.text()}`);
}
