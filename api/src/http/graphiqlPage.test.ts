// The GraphiQL page and every file it loads, served by graphiqlRoutes from the bundle `npm run build` writes. The
// browser half (the editor renders and runs a query under this CSP) is dashboard/e2e/personaAnalyst.spec.ts.
import assert from "node:assert/strict";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import express from "express";
import { GRAPHIQL_CSP, graphiqlRoutes } from "./graphiqlPage.ts";

let base: string;
let close: () => void;
before(async () => {
  const app = express().use(graphiqlRoutes());
  // What Apollo would answer: GraphQL requests must get past the page.
  app.use("/graphql", (_req, res) => res.json({ passedOn: true }));
  const server = app.listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  close = () => server.close();
});
after(() => close());

const contentType = (response: Response) => response.headers.get("content-type") ?? "";

async function fetchAsset(url: string, type: RegExp): Promise<string> {
  const response = await fetch(url);
  assert.equal(response.status, 200, url);
  assert.match(contentType(response), type, url);
  assert.equal(response.headers.get("x-content-type-options"), "nosniff", url);
  return response.text();
}

test("a browser asking for /graphql gets the page, under a CSP that allows only this server's scripts", async () => {
  const response = await fetch(`${base}/graphql`, { headers: { accept: "text/html" } });
  assert.equal(response.status, 200);
  assert.match(contentType(response), /^text\/html/);
  assert.equal(response.headers.get("content-security-policy"), GRAPHIQL_CSP);
  for (const directive of ["default-src 'none'", "script-src 'self'", "worker-src 'self'", "connect-src 'self'", "frame-ancestors 'none'", "base-uri 'none'"]) {
    assert.ok(GRAPHIQL_CSP.split("; ").includes(directive), directive);
  }
  assert.doesNotMatch(GRAPHIQL_CSP, /script-src[^;]*'unsafe-(inline|eval)'/);
  assert.equal(response.headers.get("x-frame-options"), "DENY");
  assert.equal(response.headers.get("referrer-policy"), "no-referrer");
  const html = await response.text();
  assert.doesNotMatch(html, /https?:\/\//, "no CDN");
  assert.doesNotMatch(html, /<script(?![^>]*\bsrc=)[^>]*>/, "no inline script (the CSP would block it)");
});

test("the page's script, its lazily imported chunks, its styles, fonts and Monaco's workers all load with their types", async () => {
  const html = await (await fetch(`${base}/graphql`, { headers: { accept: "text/html" } })).text();
  const linked = [...html.matchAll(/(?:src|href)="(\/graphiql\/[^"]+)"/g)].map((match) => match[1]!);
  assert.deepEqual(linked.sort(), ["/graphiql/graphiql.css", "/graphiql/graphiql.js"]);

  const script = await fetchAsset(`${base}/graphiql/graphiql.js`, /^(text|application)\/javascript/);
  const chunks = new Set([...script.matchAll(/"\.\/(chunks\/[\w.-]+\.js)"/g)].map((match) => match[1]!));
  // React, GraphiQL and Monaco (imported after the first render) are split into chunks.
  assert.ok(chunks.size >= 2, `chunks imported by graphiql.js: ${[...chunks].join(", ")}`);
  for (const chunk of chunks) await fetchAsset(`${base}/graphiql/${chunk}`, /^(text|application)\/javascript/);

  const styles = await fetchAsset(`${base}/graphiql/graphiql.css`, /^text\/css/);
  assert.match(styles, /\.graphiql-container/);
  assert.match(styles, /\.monaco-editor/);
  const fonts = [...styles.matchAll(/url\("?\.\/(fonts\/[\w.-]+)"?\)/g)].map((match) => match[1]!);
  assert.ok(fonts.length > 0, "Monaco's codicon font");
  for (const font of fonts) await fetchAsset(`${base}/graphiql/${font}`, /^font\//);

  // The script starts the workers by these names (workers.ts); each is its own bundle.
  for (const worker of ["editor.worker.js", "json.worker.js", "graphql.worker.js"]) {
    if (worker !== "editor.worker.js") assert.ok(script.includes(worker), `graphiql.js starts ${worker}`);
    await fetchAsset(`${base}/graphiql/${worker}`, /^(text|application)\/javascript/);
  }
});

test("only the bundle is served under /graphiql, and GraphQL requests to /graphql go on to Apollo", async () => {
  for (const missing of ["/graphiql/react.js", "/graphiql/index.html", "/graphiql/..%2F..%2Fpackage.json", "/graphiql/"]) {
    assert.equal((await fetch(`${base}${missing}`)).status, 404, missing);
  }
  const get = await fetch(`${base}/graphql?query=${encodeURIComponent("{ __typename }")}`, { headers: { accept: "text/html" } });
  assert.deepEqual(await get.json(), { passedOn: true });
  const post = await fetch(`${base}/graphql`, { method: "POST", headers: { accept: "application/json" } });
  assert.deepEqual(await post.json(), { passedOn: true });
  const json = await fetch(`${base}/graphql`, { headers: { accept: "application/json" } });
  assert.deepEqual(await json.json(), { passedOn: true });
});

test("without the bundle the page says how to build it, coded, and names no path", async () => {
  const app = express().use(graphiqlRoutes({ assetsDir: path.join(tmpdir(), "caretrail-no-graphiql-bundle") }));
  const server = app.listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  try {
    const response = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`, { headers: { accept: "text/html" } });
    assert.equal(response.status, 503);
    const body = (await response.json()) as { error: { code: string; message: string } };
    assert.equal(body.error.code, "GRAPHIQL_NOT_BUILT");
    assert.match(body.error.message, /npm run build -w api/);
    assert.doesNotMatch(body.error.message, new RegExp(tmpdir()));
  } finally {
    server.close();
  }
});
