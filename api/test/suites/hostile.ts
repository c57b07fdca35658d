import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { after, before, test } from "node:test";
import { createClient } from "graphql-ws";
import WebSocket from "ws";
import { devAccount } from "@caretrail/devstack";
import { startApi, type StartedApi } from "../../src/index.ts";
import { clientWithToken, errorCode, signIn, siweMessage, type GraphQLResult } from "../support/client.ts";
import { cast } from "../support/scenario.ts";
import type { World } from "../support/world.ts";
import { overWorldProjection, worldDeployment } from "./secondApi.ts";

const post = (url: string, body: string, headers: Record<string, string> = {}) =>
  fetch(`${url}/graphql`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body });

/** Nothing a client receives names a file, a stack frame or SQL. */
function assertNoInternals(text: string): void {
  assert.doesNotMatch(text, /stacktrace|\/work\/|node_modules|at [A-Za-z.]+ \(|select |relation "|syntax error at/i, text.slice(0, 400));
}

function nestedFragments(levels: number): string {
  const fragments = Array.from({ length: levels }, (_, index) => `fragment F${index} on Query { ...F${index + 1} ...F${index + 1} }`);
  return `{ ...F0 } ${fragments.join(" ")} fragment F${levels} on Query { contract { chainId } }`;
}

/**
 * Waits for SIGUSR2, then sends BODY to API_URL/graphql ten times at once and prints the statuses. The handler is
 * installed before "ready" is announced: SIGUSR2's default action ends the process (seen: killed by it).
 */
const HOSTILE_SENDER = `
  process.once("SIGUSR2", async () => {
    const headers = { "content-type": "application/json", authorization: "Bearer " + process.env.TOKEN };
    const send = () => fetch(process.env.API_URL + "/graphql", { method: "POST", headers, body: process.env.BODY });
    const answers = await Promise.all(Array.from({ length: 10 }, send));
    process.stdout.write(answers.map((answer) => answer.status).join(" ") + "\\n", () => process.exit(0));
  });
  setImmediate(() => process.stdout.write("ready\\n"));
  setInterval(() => {}, 1000);
  setTimeout(() => process.exit(1), 60000).unref();
`;

function wsClosed(url: string, connectionParams: Record<string, unknown>, send?: (socket: WebSocket) => void): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url.replace("http", "ws") + "/graphql", "graphql-transport-ws");
    socket.on("open", () => {
      socket.send(JSON.stringify({ type: "connection_init", payload: connectionParams }));
      send?.(socket);
    });
    socket.on("close", (code) => resolve(code));
    socket.on("error", () => {});
    setTimeout(() => reject(new Error("the socket stayed open")), 10_000);
  });
}

export function hostileSuite(world: () => World): void {
  test("input errors on every GraphQL door are BAD_USER_INPUT with a message, never 500", async () => {
    const { auditor } = world().clients;
    const cases: [string, string, Record<string, unknown>][] = [
      ["Int overflow (literal)", "{ auditTimeline(first: 99999999999) { totalCount } }", {}],
      ["Int overflow (variable)", "query($n: Int) { auditTimeline(first: $n) { totalCount } }", { n: 99999999999 }],
      ["null Address", "query($p: Address!) { consents(patient: $p) { grantee } }", { p: null }],
      ["invalid Address", "query($p: Address!) { consents(patient: $p) { grantee } }", { p: "0x12" }],
      ["bad DateTime", `{ auditTimeline(filter: { from: "yesterday" }) { totalCount } }`, {}],
      ["bad enum", "{ auditTimeline(order: SIDEWAYS) { totalCount } }", {}],
      ["bad enum (variable)", "query($o: SortOrder) { auditTimeline(order: $o) { totalCount } }", { o: "SIDEWAYS" }],
      ["variable of the wrong type", "query($n: Int) { auditTimeline(first: $n) { totalCount } }", { n: "ten" }],
    ];
    for (const [name, query, variables] of cases) {
      const result = await auditor.query(query, variables);
      assert.equal(errorCode(result), "BAD_USER_INPUT", `${name}: ${JSON.stringify(result)}`);
      assert.ok(result.errors![0]!.message.length > 10, name);
      assertNoInternals(JSON.stringify(result));
    }
    const url = world().stack.api.url;
    const get = await fetch(`${url}/graphql?query=${encodeURIComponent("{ auditTimeline(first: 99999999999) { totalCount } }")}`, {
      headers: { authorization: `Bearer ${auditor.token}`, "apollo-require-preflight": "1" },
    });
    const getBody = (await get.json()) as GraphQLResult;
    assert.equal(errorCode(getBody), "BAD_USER_INPUT", JSON.stringify(getBody));
    const getOk = await fetch(`${url}/graphql?query=${encodeURIComponent("{ contract { chainId } }")}`, { headers: { "apollo-require-preflight": "1" } });
    assert.equal(getOk.status, 200);
  });

  test("malformed JSON, unknown routes and oversize bodies answer JSON, not Express's HTML page", async () => {
    const url = world().stack.api.url;
    for (const [path, init] of [
      ["/graphql", { method: "POST", headers: { "content-type": "application/json" }, body: "{nope" }],
      ["/auth/verify", { method: "POST", headers: { "content-type": "application/json" }, body: "{nope" }],
    ] as const) {
      const response = await fetch(`${url}${path}`, init);
      assert.equal(response.status, 400, path);
      assert.match(response.headers.get("content-type") ?? "", /json/, path);
      const text = await response.text();
      assert.match(text, /BAD_USER_INPUT/, path);
      assertNoInternals(text);
    }
    const unknown = await fetch(`${url}/nowhere`, { method: "POST", body: "x" });
    assert.equal(unknown.status, 404);
    assert.equal(((await unknown.json()) as { error: { code: string } }).error.code, "NOT_FOUND");
    const big = await post(url, JSON.stringify({ query: `{ contract { chainId } } # ${"x".repeat(40_000)}` }));
    assert.equal(big.status, 413, "signed-out callers get a small body allowance");
    assertNoInternals(await big.text());
  });

  test("export query parameters that are not valid get 400 JSON", async () => {
    const { stack, clients } = world();
    const response = await fetch(`${stack.api.url}/export/audit.csv?from=yesterday`, { headers: { authorization: `Bearer ${clients.auditor.token}` } });
    assert.equal(response.status, 400);
    const text = await response.text();
    assert.match(text, /BAD_USER_INPUT/);
    assertNoInternals(text);
  });

  test("a missing and a forbidden record or patient get one identical answer", async () => {
    const { clients, scenario } = world();
    const recordQuery = "query($id: ID!) { record(id: $id) { id } }";
    const missing = await clients.otherPatient.query(recordQuery, { id: "0x" + "ab".repeat(32) });
    const forbiddenRecord = await clients.otherPatient.query(recordQuery, { id: scenario.record.amendedId });
    assert.equal(errorCode(missing), "FORBIDDEN");
    assert.equal(errorCode(forbiddenRecord), "FORBIDDEN");
    assert.deepEqual(
      missing.errors?.map((error) => [error.message, error.extensions?.code]),
      forbiddenRecord.errors?.map((error) => [error.message, error.extensions?.code]),
    );
    const patientQuery = "query($p: Address!) { consents(patient: $p) { grantee } }";
    const nobody = await clients.otherPatient.query(patientQuery, { p: "0x" + "cd".repeat(20) });
    const someoneElse = await clients.otherPatient.query(patientQuery, { p: scenario.patient });
    assert.equal(errorCode(nobody), "FORBIDDEN");
    assert.equal(errorCode(someoneElse), "FORBIDDEN");
    assert.deepEqual(
      nobody.errors?.map((error) => error.message),
      someoneElse.errors?.map((error) => error.message),
    );
    assert.deepEqual(
      nobody.errors?.map((error) => error.message),
      missing.errors?.map((error) => error.message),
    );
    const provenance = "query($r: ID!) { fhirProvenance(record: $r) }";
    const a = await clients.stranger.query(provenance, { r: "0x" + "ab".repeat(32) });
    const b = await clients.stranger.query(provenance, { r: scenario.record.firstId });
    assert.equal(errorCode(a), "FORBIDDEN");
    assert.deepEqual(
      a.errors?.map((error) => error.message),
      b.errors?.map((error) => error.message),
    );
  });

  test("the WebSocket refuses a 5 MB frame, a connection without a session, and too many subscriptions", async () => {
    const { stack, clients } = world();
    const authorization = `Bearer ${clients.auditor.token}`;
    const huge = await wsClosed(stack.api.url, { authorization }, (socket) => socket.send("x".repeat(5 * 1024 * 1024)));
    assert.equal(huge, 1009, "message too big");
    assert.equal(await wsClosed(stack.api.url, {}), 4403);
    const client = createClient({
      url: stack.api.url.replace("http", "ws") + "/graphql",
      webSocketImpl: WebSocket,
      connectionParams: { authorization },
      retryAttempts: 0,
    });
    try {
      const iterators = Array.from({ length: 21 }, () => client.iterate({ query: "subscription { auditEvents { id } }" }));
      const last = iterators.at(-1)!;
      const outcome = await last.next().then(
        (result) => JSON.stringify(result.value),
        (errors: unknown) => JSON.stringify(errors),
      );
      assert.match(outcome, /subscriptions per connection/);
      await Promise.all(iterators.map(async (iterator) => iterator.return?.()));
    } finally {
      await client.dispose();
    }
  });

  test("sign-out revokes the token at once on GraphQL, exports, the vault and the WebSocket", async () => {
    const { stack, scenario } = world();
    const url = stack.api.url;
    const client = await signIn(url, cast.auditor);
    const auth = { authorization: `Bearer ${client.token}` };
    const socketClosed = new Promise<number>((resolve) => {
      const socket = new WebSocket(url.replace("http", "ws") + "/graphql", "graphql-transport-ws");
      socket.on("open", () => socket.send(JSON.stringify({ type: "connection_init", payload: auth })));
      socket.on("message", () => {
        void fetch(`${url}/auth/signout`, { method: "POST", headers: auth }).then((out) => assert.equal(out.status, 204));
      });
      socket.on("close", (code) => resolve(code));
    });
    assert.equal(await socketClosed, 4401, "the open connection is closed");
    assert.equal(errorCode(await client.query("{ viewer { address } }")), "UNAUTHENTICATED");
    assert.equal((await fetch(`${url}/export/audit.jsonl`, { headers: auth })).status, 401);
    assert.equal((await fetch(`${url}/vault/${scenario.record.amendedId}?ticket=${scenario.providerTicket}`, { headers: auth })).status, 401);
    assert.equal(await wsClosed(url, auth), 4403);
  });

  test("a hostile query is refused at once; a small query answers in under 100 ms while 10 hostile ones run", async () => {
    const { stack, clients } = world();
    const hostile = JSON.stringify({ query: nestedFragments(190) });
    const started = performance.now();
    const refused = await post(stack.api.url, JSON.stringify({ query: nestedFragments(180) }), { authorization: `Bearer ${clients.auditor.token}` });
    const aloneHostile = performance.now() - started;
    assert.equal(refused.status, 400);
    assert.ok(aloneHostile < 500, `one hostile query took ${aloneHostile.toFixed(0)} ms over HTTP`);
    // The 10 hostile queries come from a child process, so the client work of sending them does not count against
    // the API, which runs in this process.
    const timeSmall = async () => {
      const smallStarted = performance.now();
      const small = await clients.auditor.query("{ contract { chainId } }");
      assert.equal(small.errors, undefined);
      return performance.now() - smallStarted;
    };
    const alone = [await timeSmall(), await timeSmall(), await timeSmall()].sort((a, b) => a - b)[1]!;
    const sender = spawn(process.execPath, ["--input-type=module", "-e", HOSTILE_SENDER], {
      env: { ...process.env, API_URL: stack.api.url, TOKEN: clients.auditor.token!, BODY: hostile },
      stdio: ["ignore", "pipe", "inherit"],
    });
    const exited = new Promise((resolve) => sender.once("exit", resolve));
    let statuses = "";
    sender.stdout.on("data", (chunk: Buffer) => (statuses += chunk.toString()));
    await new Promise<void>((resolve) => sender.stdout.once("data", () => resolve())); // "ready"
    sender.kill("SIGUSR2"); // fire
    await new Promise((resolve) => setTimeout(resolve, 5)); // let the hostile requests arrive first
    const smallMs = await timeSmall();
    await exited;
    console.log(
      `hostile load: one refused in ${aloneHostile.toFixed(0)} ms; a small query ${alone.toFixed(0)} ms alone, ${smallMs.toFixed(0)} ms beside 10 hostile ones`,
    );
    assert.deepEqual(statuses.trim().split(/\s+/).slice(1), Array(10).fill("400"), "every hostile query is refused");
    assert.ok(smallMs < 100, `the small query took ${smallMs.toFixed(0)} ms beside 10 hostile ones`);
  });

  let limited: StartedApi;
  before(async () => {
    limited = await startApi({
      ...overWorldProjection(world()),
      sessionSecret: "test-session-secret",
      deployment: worldDeployment(world()),
      signInRateLimits: { perIp: { points: 7, durationSeconds: 60 }, perAddress: { points: 2, durationSeconds: 60 } },
      // Its own state schema: replicas sharing one must share one set of limits, and these are not the main API's.
      stateSchema: "limited_api_state",
    });
  });
  after(async () => {
    await limited?.stop();
  });

  test("sign-in is rate limited per IP and per address: 429 with Retry-After", async () => {
    const wallet = devAccount(cast.stranger);
    const verify = async () => {
      const message = await siweMessage(limited.url, wallet);
      return fetch(`${limited.url}/auth/verify`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ message, signature: "0x00" }),
      });
    };
    assert.equal((await verify()).status, 401);
    assert.equal((await verify()).status, 401);
    const byAddress = await verify();
    assert.equal(byAddress.status, 429, "the third attempt for one address");
    assert.ok(Number(byAddress.headers.get("retry-after")) > 0);
    let byIp: Response | undefined;
    for (let attempt = 0; attempt < 5 && byIp?.status !== 429; attempt++) byIp = await fetch(`${limited.url}/auth/nonce`, { method: "POST" });
    assert.equal(byIp?.status, 429);
    assert.equal(((await byIp.json()) as { error: { code: string } }).error.code, "RATE_LIMITED");
  });

  test("errors carry no details unless CARETRAIL_DEBUG_ERRORS asks (the demo starts the API with its defaults)", async () => {
    const result = await clientWithToken(limited.url, world().clients.auditor.token, undefined).query(`{ consents(patient: "nope") { grantee } }`);
    assertNoInternals(JSON.stringify(result));
  });
}
