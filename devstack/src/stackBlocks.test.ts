import assert from "node:assert/strict";
import { test } from "node:test";
import { LogTail } from "./logTail.js";
import { startChild } from "./startChild.js";
import { Stoppers } from "./stoppers.js";
import { waitFor, WaitTimeoutError } from "./waitFor.js";
import { IndexerBehindError, waitForIndexedHeight } from "./waitForIndexedHeight.js";

const node = (script: string) => [process.execPath, ["-e", script]] as const;

test("LogTail keeps the last N lines, oldest first", () => {
  const tail = new LogTail(2);
  ["one", "two", "three"].forEach(tail.add);
  assert.deepEqual(tail.lines(), ["two", "three"]);
  assert.equal(tail.text(), "two\nthree");
});

test("waitFor returns the first value the check gives, and times out naming what it waited for", async () => {
  let calls = 0;
  assert.equal(await waitFor("the third call", async () => (++calls === 3 ? "ready" : undefined), { timeoutMs: 5_000, intervalMs: 1 }), "ready");
  const started = Date.now();
  await assert.rejects(
    waitFor(
      () => "a check that never passes (late detail)",
      async () => false,
      { timeoutMs: 200, intervalMs: 20 },
    ),
    (error: unknown) =>
      error instanceof WaitTimeoutError &&
      error.kind === "SERVICE_UNAVAILABLE" &&
      error.message === "timed out after 0.2 s waiting for a check that never passes (late detail)",
  );
  assert.ok(Date.now() - started >= 200);
  await assert.rejects(
    waitFor("a failing check", () => Promise.reject(new Error("gone")), { timeoutMs: 5_000 }),
    /gone/,
  );
});

test("Stoppers stop in reverse, report a failure and still stop the rest", async () => {
  const order: string[] = [];
  const logged: string[] = [];
  const stoppers = new Stoppers((line) => logged.push(line));
  stoppers.push("chain", () => order.push("chain"));
  stoppers.push("indexer", () => Promise.reject(new Error("stuck")));
  stoppers.push("api", async () => order.push("api"));
  await stoppers.stopAll();
  assert.deepEqual(order, ["api", "chain"]);
  assert.deepEqual(logged, ["could not stop the indexer: stuck"]);
  await stoppers.stopAll();
  assert.deepEqual(order, ["api", "chain"], "a second stopAll stops nothing twice");
});

test("startChild keeps the child's last lines, split across chunks, and reports its exit", async () => {
  const [command, args] = node(`process.stdout.write("a\\nb"); setTimeout(() => { process.stdout.write("c\\n"); console.error("d"); }, 50)`);
  const seen: string[] = [];
  const child = startChild(command, [...args], { tailSize: 2, onLine: (line) => seen.push(line) });
  assert.equal(await child.exited, 0);
  assert.deepEqual(seen, ["a", "bc", "d"]);
  assert.deepEqual(child.tail.lines(), ["bc", "d"]);
  assert.equal(child.running(), false);
  await child.stop(); // a no-op once exited
});

test("startChild's stop ends a child that ignores SIGTERM with SIGKILL after the grace period", async () => {
  const [command, args] = node(`process.on("SIGTERM", () => console.log("ignoring SIGTERM")); console.log("up"); setInterval(() => {}, 1000)`);
  const child = startChild(command, [...args]);
  await waitFor("the child to start", async () => child.tail.lines().includes("up"), { timeoutMs: 10_000, intervalMs: 10 });
  const started = Date.now();
  await child.stop({ killAfterMs: 300 });
  const took = Date.now() - started;
  assert.equal(await child.exited, "SIGKILL");
  assert.ok(took >= 300 && took < 5_000, `stopped in ${took} ms`);
  assert.ok(child.tail.lines().includes("ignoring SIGTERM"));
});

test("startChild's stop sends the signal asked for, and with processGroup stops what the child spawned", async () => {
  const sleeper = "console.log(process.pid); setInterval(() => {}, 1000)";
  const grandchild = `require("node:child_process").spawn(process.execPath, ["-e", ${JSON.stringify(sleeper)}], { stdio: "inherit" })`;
  const [command, args] = node(`${grandchild}; process.on("SIGINT", () => process.exit(3)); setInterval(() => {}, 1000)`);
  const child = startChild(command, [...args], { processGroup: true });
  const pid = Number(await waitFor("the grandchild's pid", async () => child.tail.lines()[0], { timeoutMs: 10_000, intervalMs: 10 }));
  await child.stop({ signal: "SIGINT" });
  assert.equal(await child.exited, 3);
  await waitFor(`grandchild ${pid} to be gone`, async () => !isAlive(pid), { timeoutMs: 5_000, intervalMs: 20 });
});

test("waitForIndexedHeight waits for the height, and fails with the indexer's last lines when it exits or lags", async () => {
  const tail = new LogTail();
  tail.add("indexed 3");
  let height = 1;
  assert.equal(await waitForIndexedHeight({ height: async () => 3, readHeight: async () => height++, isRunning: () => true, intervalMs: 1 }), 3);
  await assert.rejects(
    waitForIndexedHeight({ height: 5, readHeight: async () => 3, isRunning: () => false, tail }),
    (error: unknown) =>
      error instanceof IndexerBehindError && error.message === "The indexer exited before block 5 (it reached block 3). Its last lines:\nindexed 3",
  );
  await assert.rejects(
    waitForIndexedHeight({ height: 5, readHeight: async () => undefined, isRunning: () => true, timeoutMs: 50, intervalMs: 10 }),
    (error: unknown) => error instanceof IndexerBehindError && error.message === "The indexer reached block none of 5 within 50 ms",
  );
});

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
