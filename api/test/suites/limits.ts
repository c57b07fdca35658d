import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { startApi, defaultQueryLimits, type StartedApi } from "../../src/index.ts";
import { GRAPHIQL_CSP } from "../../src/http/graphiqlPage.ts";
import { clientWithToken, errorCode } from "../support/client.ts";
import type { World } from "../support/world.ts";
import { overWorldProjection } from "./secondApi.ts";

const NODE = "id kind outcome patient actor actorRole purpose category recordId ticketId denialReason position { blockNumber blockTimestamp txHash logIndex }";

export function limitsSuite(world: () => World): void {
  // A second API on the same projection, with its defaults (no error details) and a tight depth limit.
  let production: StartedApi;
  before(async () => {
    production = await startApi({ ...overWorldProjection(world()), sessionSecret: "test-session-secret", limits: { ...defaultQueryLimits, maxDepth: 3 } });
  });
  after(async () => {
    await production?.stop();
  });
  const asAuditor = () => clientWithToken(production.url, world().clients.auditor.token, undefined);

  test("a query deeper than the limit is refused before it runs", async () => {
    const result = await asAuditor().query(`{ auditTimeline { edges { node { position { blockNumber } } } } }`);
    assert.equal(errorCode(result), "BAD_USER_INPUT");
    assert.match(result.errors![0]!.message, /depth/);
  });

  test("a query costing more than the limit is refused with its cost", async () => {
    const wide = `a: auditTimeline(first: 200) { edges { node { ${NODE} } } } b: auditTimeline(first: 200) { edges { node { ${NODE} } } }`;
    const result = await world().clients.auditor.query(`{ ${wide} }`);
    assert.equal(errorCode(result), "BAD_USER_INPUT");
    assert.match(result.errors![0]!.message, /costs \d+, above the limit of 5000/);
  });

  test("page sizes are capped", async () => {
    const result = await world().clients.auditor.query(`{ auditTimeline(first: 201) { totalCount } }`);
    assert.equal(errorCode(result), "BAD_USER_INPUT");
    assert.match(result.errors![0]!.message, /between 1 and 200/);
  });

  test("malformed queries, bad addresses, bad cursors and oversize queries get BAD_USER_INPUT", async () => {
    const { auditor } = world().clients;
    assert.equal(errorCode(await auditor.query(`{ auditTimeline(`)), "BAD_USER_INPUT");
    const badAddress = await auditor.query(`{ consents(patient: "0x123") { grantee } }`);
    assert.equal(errorCode(badAddress), "BAD_USER_INPUT");
    assert.match(badAddress.errors![0]!.message, /40 hex digits/);
    assert.equal(errorCode(await auditor.query(`{ auditTimeline(after: "bm9wZQ") { totalCount } }`)), "BAD_USER_INPUT");
    const huge = `{ ${Array.from({ length: 1_500 }, (_, index) => `f${index}: __typename`).join(" ")} }`;
    assert.equal(errorCode(await asAuditor().query(huge)), "BAD_USER_INPUT");
  });

  test("by default no stack traces are sent", async () => {
    const result = await asAuditor().query(`{ consents(patient: "nope") { grantee } }`);
    assert.equal(errorCode(result), "BAD_USER_INPUT");
    assert.equal(JSON.stringify(result).includes("stacktrace"), false);
  });

  test("without SESSION_SECRET a random secret is generated and said so, never printed", async () => {
    const { stack } = world();
    const lines: string[] = [];
    const api = await startApi({ databaseUrl: stack.database.url, dbSchema: "api_test", log: (line) => lines.push(line) });
    try {
      assert.equal(api.sessionSecretGenerated, true);
      assert.match(lines.join("\n"), /SESSION_SECRET is not set; using a random secret/);
      const foreign = clientWithToken(api.url, world().clients.auditor.token, undefined);
      assert.equal(errorCode(await foreign.query("{ viewer { address } }")), "UNAUTHENTICATED", "tokens from another secret are refused");
    } finally {
      await api.stop();
    }
  });

  test("GraphiQL is served from the API itself, with example queries and no CDN", async () => {
    const page = await fetch(`${world().stack.api.url}/graphql`, { headers: { accept: "text/html" } });
    assert.equal(page.status, 200);
    const html = await page.text();
    assert.doesNotMatch(html, /https?:\/\//);
    assert.equal(page.headers.get("content-security-policy"), GRAPHIQL_CSP);
    // The whole list of what the page loads, and the types, is src/http/graphiqlPage.test.ts.
    for (const asset of ["graphiql.js", "graphiql.css", "editor.worker.js", "json.worker.js", "graphql.worker.js"]) {
      const response = await fetch(`${world().stack.api.url}/graphiql/${asset}`);
      assert.equal(response.status, 200, asset);
      // The example queries are the editor's default text, in the page's script.
      if (asset === "graphiql.js") assert.match(await response.text(), /query AccessesPerWeek/);
    }
  });
}
