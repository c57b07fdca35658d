// Every route file under app/api, and every mutating method it exports, must be behind middleware.ts's guard: this
// test finds them on disk, so a new route is checked the day it is added.
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, it } from "node:test";
import { unstable_doesMiddlewareMatch } from "next/experimental/testing/server";
import { NextRequest } from "next/server";
import { config, middleware } from "../middleware.ts";
import { refuseRequest } from "./requestGuard.ts";

const dashboardDir = path.join(import.meta.dirname, "..");
const ORIGIN = "http://127.0.0.1:3999";
const MUTATING = ["POST", "PUT", "PATCH", "DELETE"];

function routeFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return routeFiles(full);
    return /^route\.(ts|tsx|js)$/.test(entry.name) ? [full] : [];
  });
}

/** The URL path of a route file, with sample values for its dynamic segments. */
function urlPath(file: string): string {
  const segments = path.relative(path.join(dashboardDir, "app"), path.dirname(file)).split(path.sep);
  return `/${segments.map((segment) => segment.replace(/^\[\.{0,3}(.+)\]$/, "sample-$1")).join("/")}`;
}

/** Methods a route file exports, as `export async function POST` or `export const POST`. */
function exportedMethods(file: string): string[] {
  const source = readFileSync(file, "utf8");
  return [...source.matchAll(/export\s+(?:async\s+)?(?:function|const|let)\s+([A-Z]+)\b/g)].map((match) => match[1]!);
}

const routes = routeFiles(path.join(dashboardDir, "app", "api")).map((file) => ({ file, path: urlPath(file), methods: exportedMethods(file) }));
const mutating = routes.flatMap((route) => route.methods.filter((method) => MUTATING.includes(method)).map((method) => ({ ...route, method })));

function call(pathname: string, method: string, headers: Record<string, string>) {
  // A real server always has the Host header (HTTP/1.1 requires it); the guard compares Origin with it.
  return middleware(
    new NextRequest(`${ORIGIN}${pathname}`, { method, headers: { host: new URL(ORIGIN).host, ...headers }, body: method === "GET" ? undefined : "{}" }),
  );
}

async function codeOf(response: Response): Promise<string | undefined> {
  return ((await response.json()) as { error?: { code?: string } }).error?.code;
}

describe("the guard on state-changing routes", () => {
  it("finds the dashboard's mutating routes on disk", () => {
    assert.ok(mutating.length >= 6, `found ${mutating.map((route) => `${route.method} ${route.path}`).join(", ")}`);
    assert.ok(mutating.some((route) => route.path === "/api/transactions" && route.method === "POST"));
  });

  for (const route of mutating) {
    describe(`${route.method} ${route.path}`, () => {
      it("is matched by middleware", () => {
        assert.ok(unstable_doesMiddlewareMatch({ config, url: route.path }), `middleware.ts does not run for ${route.path}`);
      });

      it("refuses a foreign Origin, a missing Origin and a cross-site browser request with 403 CROSS_ORIGIN_REQUEST", async () => {
        for (const headers of <Record<string, string>[]>[
          { origin: "http://attacker.example", "content-type": "application/json" },
          { "content-type": "application/json" },
          { origin: "null", "content-type": "application/json" },
          { origin: ORIGIN, "sec-fetch-site": "cross-site", "content-type": "application/json" },
          { origin: ORIGIN, "sec-fetch-site": "same-site", "content-type": "application/json" },
          { origin: "http://attacker.example", "content-type": "text/plain" },
        ]) {
          const answer = call(route.path, route.method, headers);
          assert.equal(answer.status, 403, JSON.stringify(headers));
          assert.equal(await codeOf(answer), "CROSS_ORIGIN_REQUEST");
        }
      });

      it("refuses a same-origin body that is not JSON with 415 UNSUPPORTED_MEDIA_TYPE", async () => {
        for (const type of ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", ""]) {
          const answer = call(route.path, route.method, { origin: ORIGIN, "sec-fetch-site": "same-origin", ...(type ? { "content-type": type } : {}) });
          assert.equal(answer.status, 415, type);
          assert.equal(await codeOf(answer), "UNSUPPORTED_MEDIA_TYPE");
        }
      });

      it("refuses a declared body over 2 MB with 413 before reading it", async () => {
        const answer = call(route.path, route.method, { origin: ORIGIN, "content-type": "application/json", "content-length": "50000000" });
        assert.equal(answer.status, 413);
        assert.equal(await codeOf(answer), "PAYLOAD_TOO_LARGE");
      });

      it("refuses a body that does not say its length (chunked) with 411 before reading it", async () => {
        const answer = call(route.path, route.method, { origin: ORIGIN, "content-type": "application/json", "transfer-encoding": "chunked" });
        assert.equal(answer.status, 411);
        assert.equal(await codeOf(answer), "LENGTH_REQUIRED");
      });

      it("lets same-origin JSON through, from a browser or from a script that states the origin", () => {
        for (const headers of <Record<string, string>[]>[
          { origin: ORIGIN, "sec-fetch-site": "same-origin", "content-type": "application/json" },
          { origin: ORIGIN, "content-type": "application/json; charset=utf-8" },
        ]) {
          assert.equal(call(route.path, route.method, headers).headers.get("x-middleware-next"), "1", JSON.stringify(headers));
        }
      });
    });
  }

  it("guards every unsafe method, not only the ones routes export today", () => {
    for (const method of [...MUTATING, "PROPFIND"]) assert.equal(refuseRequest({ method, headers: new Headers(), ownOrigin: ORIGIN })?.status, 403, method);
    for (const method of ["GET", "HEAD", "OPTIONS"]) assert.equal(refuseRequest({ method, headers: new Headers(), ownOrigin: ORIGIN }), undefined, method);
  });

  it("compares against DASHBOARD_ORIGIN when the dashboard runs behind a proxy", () => {
    const previous = process.env.DASHBOARD_ORIGIN;
    process.env.DASHBOARD_ORIGIN = "https://care.example";
    try {
      assert.equal(call("/api/transactions", "POST", { origin: ORIGIN, "content-type": "application/json" }).status, 403);
      assert.equal(
        call("/api/transactions", "POST", { origin: "https://care.example", "content-type": "application/json" }).headers.get("x-middleware-next"),
        "1",
      );
    } finally {
      if (previous === undefined) delete process.env.DASHBOARD_ORIGIN;
      else process.env.DASHBOARD_ORIGIN = previous;
    }
  });
});

describe("security headers from middleware", () => {
  it("pages get a CSP with a fresh nonce that Next can read from the request", () => {
    const first = call("/patient", "GET", {});
    const second = call("/patient", "GET", {});
    const csp = first.headers.get("content-security-policy") ?? "";
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    assert.ok(nonce && nonce.length >= 16, csp);
    assert.notEqual(second.headers.get("content-security-policy"), csp);
    assert.match(csp, /frame-ancestors 'none'/);
    assert.match(csp, /object-src 'none'/);
    assert.doesNotMatch(csp, /unsafe-eval/);
    // NextResponse.next({request: {headers}}) passes overridden request headers as x-middleware-request-*.
    assert.equal(first.headers.get("x-middleware-request-content-security-policy"), csp);
    assert.equal(first.headers.get("x-middleware-request-x-nonce"), nonce);
  });

  it("routes and refusals get the strict API policy and the same static headers", () => {
    for (const answer of [call("/api/live", "GET", {}), call("/api/transactions", "POST", { "content-type": "text/plain" })]) {
      assert.equal(answer.headers.get("content-security-policy"), "default-src 'none'; frame-ancestors 'none'; object-src 'none'; base-uri 'none'");
      assert.equal(answer.headers.get("x-frame-options"), "DENY");
      assert.equal(answer.headers.get("x-content-type-options"), "nosniff");
      assert.equal(answer.headers.get("referrer-policy"), "same-origin");
      assert.match(answer.headers.get("permissions-policy") ?? "", /camera=\(\)/);
    }
  });
});
