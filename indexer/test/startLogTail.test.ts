import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import { fileURLToPath } from "node:url";
import { startStack, type Stack } from "./support/stack.ts";

// `npm run indexer` (scripts/start.ts) shows only SubQuery's warnings and errors while it runs; when the node dies
// it must print the node's last lines (the info lines before an error explain it) and say what to do next.
const indexerDir = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const DB_SCHEMA = "log_tail";
let stack: Stack;
let workDir: string;

before(async () => {
  stack = await startStack();
  workDir = mkdtempSync(path.join(tmpdir(), "caretrail-log-tail-"));
});

after(async () => {
  await stack?.stop();
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

test("npm run indexer prints the SubQuery node's last lines and what to do when the node is killed", { timeout: 420_000 }, async () => {
  const deploymentFile = path.join(workDir, "deployment.json");
  writeFileSync(deploymentFile, JSON.stringify(stack.deployment));
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts"], {
    cwd: indexerDir,
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      CARETRAIL_DEPLOYMENT: deploymentFile,
      RPC_URL: stack.chain.rpcUrl,
      DATABASE_URL: stack.database.url,
      INDEXER_DB_SCHEMA: DB_SCHEMA,
      TZ: "UTC",
    },
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  try {
    // Killed once it has connected to Postgres (or indexed), so it has logged its start-up info lines.
    await waitFor(
      () => stdout.includes("progress  ") || stderr.includes("Database does not support SSL"),
      300_000,
      () => `the node never got going:\n${stdout}\n${stderr}`,
    );
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const node = descendants(child.pid!).find((pid) => commandLine(pid).includes("@subql/node-ethereum/bin/run"));
    assert.ok(node, `no SubQuery node among the children of ${child.pid}`);
    process.kill(node, "SIGKILL");
    assert.equal(await exited, 1, `npm run indexer should fail when its node dies:\n${stderr}`);
  } finally {
    if (child.exitCode === null) child.kill("SIGKILL");
  }

  const tail = /--- the SubQuery node's last (\d+) lines ---\n([\s\S]*?)\n---\n/.exec(stderr);
  assert.ok(tail, `no tail of the node's lines:\n${stderr}`);
  const lines = tail[2]!.split("\n");
  // The header counts the node's lines; a message may itself hold line breaks.
  const kept = Number(tail[1]);
  assert.ok(kept >= 10 && kept <= 60 && lines.length >= kept, `expected 10 to 60 lines, got ${kept} (${lines.length} printed)`);
  assert.ok(lines.filter((line) => / info /.test(line)).length >= 5, `the tail should keep the info lines that were not shown:\n${tail[2]}`);
  assert.ok(
    lines.every((line) => !line.startsWith("{")),
    "JSON lines are printed as time, level, category and message",
  );
  assert.match(stderr, /The SubQuery node exited \(SIGKILL\)/);
  assert.match(stderr, /What to do: read the lines above .*npm run indexer again/);
});

async function waitFor(condition: () => boolean, timeoutMs: number, message: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) assert.fail(message());
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** Every process below `pid`, from /proc's parent links. */
function descendants(pid: number): number[] {
  const parents = new Map<number, number>();
  for (const entry of readdirSync("/proc").filter((name) => /^\d+$/.test(name))) {
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      parents.set(Number(entry), Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]));
    } catch {
      // the process ended while we looked
    }
  }
  const found: number[] = [];
  const visit = (parent: number) => {
    for (const [child, of] of parents) {
      if (of !== parent) continue;
      found.push(child);
      visit(child);
    }
  };
  visit(pid);
  return found;
}

function commandLine(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").replaceAll("\0", " ");
  } catch {
    return "";
  }
}
