// The demo's whole life as a user sees it: `npm run demo` on free ports until it prints its URLs, the
// seeded data visible on the chain and in Postgres, then Ctrl-C, after which nothing it started remains.
import { execFileSync } from "node:child_process";
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { createConnection } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { test } from "node:test";
import assert from "node:assert/strict";
import { devAccount, queryOnce } from "@caretrail/devstack";
import { signInToApi } from "@caretrail/sdk";
import { startDemo } from "./runningDemo.ts";

const PATIENTS = 8;
/** The first auditor in the seeded cast (demo/src/seed/cast.ts). */
const SEEDED_AUDITOR_ACCOUNT = 4;

async function graphql(apiUrl: string, query: string, token?: string): Promise<any> {
  const response = await fetch(`${apiUrl}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query }),
  });
  return response.json();
}

/** Signs in with SIWE as a development account and returns the session token. */
async function signIn(apiUrl: string, accountIndex: number): Promise<string> {
  return (await signInToApi(apiUrl, devAccount(accountIndex))).token;
}

const portOpen = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = createConnection({ port, host: "127.0.0.1" });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });

async function rpc(url: string, method: string): Promise<string> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params: [] }),
  });
  return ((await response.json()) as { result: string }).result;
}

test("npm run demo starts the stack with seeded data and Ctrl-C stops every part of it", { timeout: 600_000 }, async () => {
  const stateDir = mkdtempSync(path.join(tmpdir(), "caretrail-demo-test-"));
  chmodSync(stateDir, 0o755); // the embedded Postgres runs as its own user when the tests run as root
  const demo = await startDemo({ stateDir, patients: PATIENTS, days: 20 });
  const { ports } = demo;

  try {
    await demo.ready().catch((error: unknown) => assert.fail(String(error)));
    const output = demo.output();
    const chainUrl = `http://127.0.0.1:${ports.chain}`;
    assert.match(output, new RegExp(`Chain JSON-RPC\\s+${chainUrl}`));
    assert.ok(Number(await rpc(chainUrl, "eth_blockNumber")) > 20, "the seeded chain has a block per simulated day at least");

    const dashboardUrl = `http://127.0.0.1:${ports.dashboard}`;
    assert.match(output, new RegExp(`Dashboard\\s+${dashboardUrl}`));
    const signInPage = await fetch(`${dashboardUrl}/sign-in`);
    assert.equal(signInPage.status, 200);
    assert.match(await signInPage.text(), /demo/i, "the sign-in page offers the demo personas");

    const apiUrl = output.match(/GraphQL API\s+(http:\/\/\S+)\/graphql/)?.[1];
    assert.equal(apiUrl, `http://127.0.0.1:${ports.api}`);
    const contract = await graphql(apiUrl, "{ contract { indexedHeight indexerHealthy } }");
    assert.ok(contract.data.contract.indexedHeight > 20);
    const auditor = await signIn(apiUrl, SEEDED_AUDITOR_ACCOUNT);
    const timeline = await graphql(apiUrl, "{ auditTimeline(first: 1) { totalCount } }", auditor);
    assert.ok(timeline.data.auditTimeline.totalCount > PATIENTS, `expected a seeded audit trail, got ${JSON.stringify(timeline)}`);

    const databaseUrl = output.match(/Postgres\s+(postgres:\/\/\S+)/)?.[1];
    assert.ok(databaseUrl, `no Postgres URL in:\n${output}`);
    const patients = await queryOnce<{ count: string }>(databaseUrl, "select count(*) from caretrail.patients");
    assert.equal(Number(patients[0]!.count), PATIENTS);
    const outcomes = await queryOnce<{ outcome: string }>(databaseUrl, "select distinct outcome from caretrail.access_events order by outcome");
    assert.deepEqual(outcomes.map((row) => row.outcome).sort(), ["Denied", "Granted", "Requested"]);
  } finally {
    const code = await demo.stop();
    assert.equal(code, 0, `the demo did not exit cleanly after Ctrl-C:\n${demo.output().slice(-2000)}`);
    for (const [name, port] of Object.entries(ports)) assert.equal(await portOpen(port), false, `${name} port ${port} is still open after Ctrl-C`);
    const leftovers = execFileSync("ps", ["-eo", "args"], { encoding: "utf8" })
      .split("\n")
      .filter((line) => line.includes(stateDir));
    assert.deepEqual(leftovers, [], "processes started by the demo are still running");
    rmSync(stateDir, { recursive: true, force: true });
  }
});
