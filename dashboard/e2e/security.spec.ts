// The dashboard's own defences, tried against the real running stack: sealed session cookies, the cross-origin guard on
// state-changing routes, security headers with a per-response CSP nonce, and the streaming body cap of /api/verify.
import http from "node:http";
import { expect, test, type Page } from "@playwright/test";
import { persona, signInAs, stack } from "./helpers.ts";

const SESSION_COOKIE = "caretrail_session";
const VERIFY_CAP_BYTES = 2_000_000;

/** Every mutating route of the dashboard, with a body it would accept from a same-origin page. */
const MUTATING_ROUTES: { path: string; body: unknown }[] = [
  { path: "/api/auth/demo", body: { devAccountIndex: 1 } },
  { path: "/api/auth/message", body: { address: "0x0000000000000000000000000000000000000001" } },
  { path: "/api/auth/verify", body: { message: "m", signature: "0x" } },
  { path: "/api/auth/sign-out", body: {} },
  { path: "/api/transactions", body: { action: "revoke", grantee: "0x0000000000000000000000000000000000000001" } },
  { path: "/api/verify", body: { type: "caretrail.record-bundle" } },
  { path: "/api/records/open", body: { recordId: `0x${"ab".repeat(32)}` } },
];

function expectSecurityHeaders(headers: Record<string, string>, where: string) {
  const csp = headers["content-security-policy"] ?? "";
  expect(csp, `${where}: CSP`).toContain("frame-ancestors 'none'");
  expect(csp, `${where}: CSP`).toContain("object-src 'none'");
  expect(headers["x-frame-options"], `${where}: X-Frame-Options`).toBe("DENY");
  expect(headers["x-content-type-options"], `${where}: X-Content-Type-Options`).toBe("nosniff");
  expect(headers["referrer-policy"], `${where}: Referrer-Policy`).toBe("same-origin");
  expect(headers["permissions-policy"], `${where}: Permissions-Policy`).toContain("camera=()");
}

/** Records every CSP violation the page reports, from the DOM event and from the console. */
async function watchCspViolations(page: Page): Promise<string[]> {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy|Refused to (load|execute|apply|connect|frame)/i.test(message.text())) violations.push(message.text());
  });
  await page.exposeFunction("__reportCspViolation", (text: string) => violations.push(text));
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      (window as unknown as { __reportCspViolation: (text: string) => void }).__reportCspViolation(`${event.violatedDirective} blocked ${event.blockedURI}`);
    });
  });
  return violations;
}

test("pages and routes send CSP (with a fresh nonce), frame-ancestors, nosniff, referrer and permissions policies", async ({ request }) => {
  const { dashboardUrl } = stack();
  const first = await request.get(`${dashboardUrl}/sign-in`);
  const second = await request.get(`${dashboardUrl}/sign-in`);
  expectSecurityHeaders(first.headers(), "/sign-in");
  const nonceOf = (csp: string) => /'nonce-([^']+)'/.exec(csp)?.[1];
  const nonce = nonceOf(first.headers()["content-security-policy"] ?? "");
  expect(nonce, "script-src carries a nonce").toBeTruthy();
  expect(nonceOf(second.headers()["content-security-policy"] ?? ""), "a new nonce per response").not.toBe(nonce);
  // Next puts the nonce on its own scripts, so they run under the policy.
  expect(await first.text()).toContain(`nonce="${nonce}"`);

  for (const path of ["/", "/patient", "/no-such-page", "/api/live", "/api/export/csv", "/_next/static/does-not-exist.js"]) {
    const response = await request.get(`${dashboardUrl}${path}`, { maxRedirects: 0 });
    expectSecurityHeaders(response.headers(), path);
  }
  const refused = await request.post(`${dashboardUrl}/api/transactions`, { headers: { "content-type": "text/plain" }, data: "{}" });
  expectSecurityHeaders(refused.headers(), "a refused POST");
});

test("every view renders with no CSP violation", async ({ page }) => {
  const violations = await watchCspViolations(page);
  await signInAs(page, "Patient Ada", /\/patient$/);
  await expect(page.getByRole("heading", { name: "My health data" })).toBeVisible();
  await page.goto(`${stack().dashboardUrl}/records/${stack().patientRecordId}`);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await signInAs(page, "Auditor", /\/auditor$/);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await signInAs(page, "Researcher", /\/analyst$/);
  await expect(page.locator(".recharts-surface").first()).toBeVisible();
  await page.goto(`${stack().dashboardUrl}/no-such-page`);
  await page.waitForLoadState("networkidle");
  expect(violations).toEqual([]);
});

test("a forged session cookie (unsigned, as the old format) makes nothing happen", async ({ page, context }) => {
  const { dashboardUrl } = stack();
  const ada = persona("Patient Ada");
  const forged = Buffer.from(
    JSON.stringify({
      token: "forged",
      address: ada.address,
      roles: ["PATIENT"],
      expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
      demoAccountIndex: ada.devAccountIndex,
    }),
  ).toString("base64url");
  await context.addCookies([{ name: SESSION_COOKIE, value: forged, url: dashboardUrl }]);

  const answer = await page.request.post(`${dashboardUrl}/api/transactions`, {
    headers: { origin: dashboardUrl, "content-type": "application/json" },
    // A valid grant: before the cookie was sealed, the server signed it with Ada's development key.
    data: { action: "grant", grantee: persona("Dr. Emergency").address, scope: 1, purpose: "TREATMENT", expiresAt: Math.floor(Date.now() / 1000) + 86_400 },
  });
  const body = (await answer.json()) as { hash?: string; error?: { code: string } };
  expect(body.hash, "the server signed a transaction for a forged cookie").toBeUndefined();
  expect(answer.status()).toBe(403);
  expect(body.error?.code).toBe("FORBIDDEN");

  await page.goto(`${dashboardUrl}/patient`);
  await expect(page).toHaveURL(/\/sign-in$/);
  const verify = await page.request.post(`${dashboardUrl}/api/verify`, { headers: { origin: dashboardUrl, "content-type": "application/json" }, data: {} });
  expect(verify.status()).toBe(401);
});

test("a tampered sealed cookie is refused like no cookie at all", async ({ page, context }) => {
  const { dashboardUrl } = stack();
  await signInAs(page, "Patient Ada", /\/patient$/);
  const sealed = (await context.cookies(dashboardUrl)).find((cookie) => cookie.name === SESSION_COOKIE);
  expect(sealed, "signed in").toBeTruthy();
  expect(sealed!.value, "the cookie is sealed, not readable JSON").not.toContain(Buffer.from('{"token"').toString("base64url").slice(0, 8));
  const middle = Math.floor(sealed!.value.length / 2);
  const flipped = sealed!.value.slice(0, middle) + (sealed!.value[middle] === "A" ? "B" : "A") + sealed!.value.slice(middle + 1);
  await context.addCookies([{ name: SESSION_COOKIE, value: flipped, url: dashboardUrl }]);
  await page.goto(`${dashboardUrl}/patient`);
  await expect(page).toHaveURL(/\/sign-in$/);
  const live = await page.request.get(`${dashboardUrl}/api/live`);
  expect(live.status()).toBe(401);
});

test("a page on another origin cannot post to the dashboard with a plain-text form", async ({ page, context }) => {
  const { dashboardUrl } = stack();
  await signInAs(page, "Patient Ada", /\/patient$/);
  // Another site the patient visits while signed in (served by the browser itself, on an origin of its own).
  const attacker = "http://attacker.example";
  await context.route(`${attacker}/**`, (route) =>
    route.fulfill({
      contentType: "text/html",
      body: `<form id="f" method="post" enctype="text/plain" action="${dashboardUrl}/api/transactions">
        <input name='{"action":"revoke","grantee":"${persona("Dr. Emergency").address}","x":"' value='"}'></form>`,
    }),
  );
  await page.goto(`${attacker}/`);
  const [formAnswer] = await Promise.all([
    page.waitForResponse(`${dashboardUrl}/api/transactions`),
    page.evaluate(() => (document.getElementById("f") as HTMLFormElement).submit()),
  ]);
  expect(formAnswer.status()).toBe(403);
  expect(((await formAnswer.json()) as { error: { code: string } }).error.code).toBe("CROSS_ORIGIN_REQUEST");

  // (A fetch() from a public page to loopback is stopped by Chrome's Private Network Access before it leaves the browser;
  // a form navigation is not, so forms are the door to test here.)
});

test("every state-changing route refuses a foreign Origin, a missing Origin, a cross-site fetch and a non-JSON body", async ({ request }) => {
  const { dashboardUrl } = stack();
  for (const { path, body } of MUTATING_ROUTES) {
    const data = JSON.stringify(body);
    const tries: { label: string; headers: Record<string, string>; status: number; code: string }[] = [
      {
        label: "foreign Origin",
        headers: { origin: "http://attacker.example", "content-type": "application/json" },
        status: 403,
        code: "CROSS_ORIGIN_REQUEST",
      },
      { label: "no Origin", headers: { "content-type": "application/json" }, status: 403, code: "CROSS_ORIGIN_REQUEST" },
      {
        label: "cross-site fetch",
        headers: { origin: dashboardUrl, "sec-fetch-site": "cross-site", "content-type": "application/json" },
        status: 403,
        code: "CROSS_ORIGIN_REQUEST",
      },
      { label: "text/plain", headers: { origin: dashboardUrl, "content-type": "text/plain" }, status: 415, code: "UNSUPPORTED_MEDIA_TYPE" },
      { label: "form", headers: { origin: dashboardUrl, "content-type": "application/x-www-form-urlencoded" }, status: 415, code: "UNSUPPORTED_MEDIA_TYPE" },
    ];
    for (const attempt of tries) {
      const answer = await request.post(`${dashboardUrl}${path}`, { headers: attempt.headers, data, maxRedirects: 0 });
      expect(answer.status(), `${path} with ${attempt.label}`).toBe(attempt.status);
      expect(((await answer.json()) as { error?: { code?: string } }).error?.code, `${path} with ${attempt.label}`).toBe(attempt.code);
    }
    const sameOrigin = await request.post(`${dashboardUrl}${path}`, {
      headers: { origin: dashboardUrl, "sec-fetch-site": "same-origin", "content-type": "application/json" },
      data,
      maxRedirects: 0,
    });
    const code = ((await sameOrigin.json().catch(() => ({}))) as { error?: { code?: string } }).error?.code;
    expect(["CROSS_ORIGIN_REQUEST", "UNSUPPORTED_MEDIA_TYPE"], `${path}: same-origin JSON passes the guard`).not.toContain(code);
  }
});

/** POSTs to the running dashboard with node's http client, so the body can be streamed or announced with any length. */
function rawPost(
  path: string,
  headers: Record<string, string | number>,
  writeBody: (request: http.ClientRequest) => void,
): Promise<{ status: number; body: string; sentBytes: () => number }> {
  const url = new URL(path, stack().dashboardUrl);
  return new Promise((resolve, reject) => {
    let sent = 0;
    const request = http.request(url, { method: "POST", headers: { origin: url.origin, "content-type": "application/json", ...headers } }, (response) => {
      let body = "";
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => (body += chunk));
      response.on("end", () => {
        request.destroy();
        resolve({ status: response.statusCode ?? 0, body, sentBytes: () => sent });
      });
    });
    request.on("error", (error) => (request.destroyed ? undefined : reject(error)));
    const write = request.write.bind(request);
    request.write = ((chunk: Buffer, ...rest: never[]) => {
      sent += chunk.length;
      return write(chunk, ...rest);
    }) as typeof request.write;
    writeBody(request);
  });
}

test("/api/verify refuses an over-cap body on its Content-Length and a chunked body at once, without reading either", async ({ page }) => {
  await signInAs(page, "Auditor", /\/auditor$/);
  const cookie = (await page.context().cookies(stack().dashboardUrl)).find((candidate) => candidate.name === SESSION_COOKIE)!;
  const cookieHeader = `${SESSION_COOKIE}=${cookie.value}`;

  // A declared 50 MB body: refused before a byte of it is sent.
  const announced = await rawPost("/api/verify", { cookie: cookieHeader, "content-length": 50_000_000 }, (request) => request.flushHeaders());
  expect(announced.status).toBe(413);
  expect(JSON.parse(announced.body).error.code).toBe("PAYLOAD_TOO_LARGE");
  expect(announced.sentBytes()).toBe(0);

  // A chunked body says no length, so nothing could bound it before Next had buffered it: refused at once, while the
  // client is still sending (what it sent by then sits in socket buffers, not in the dashboard).
  const chunk = Buffer.alloc(64 * 1024, 0x20);
  const limitBytes = 40_000_000;
  const streamed = await rawPost("/api/verify", { cookie: cookieHeader, "transfer-encoding": "chunked" }, (request) => {
    let written = 0;
    const pump = () => {
      while (!request.destroyed && written < limitBytes) {
        written += chunk.length;
        if (!request.write(chunk)) return void request.once("drain", pump);
      }
      if (!request.destroyed) request.end();
    };
    pump();
  });
  expect(streamed.status).toBe(411);
  expect(JSON.parse(streamed.body).error.code).toBe("LENGTH_REQUIRED");
  console.log(
    `verify cap: 411 after the client had sent ${(streamed.sentBytes() / 1e6).toFixed(1)} MB ` +
      `of a ${limitBytes / 1e6} MB chunked body (cap ${VERIFY_CAP_BYTES / 1e6} MB)`,
  );
  expect(streamed.sentBytes()).toBeLessThan(limitBytes / 4);

  // A body that states a length within the cap is read, and no byte past it.
  const honest = await rawPost("/api/verify", { cookie: cookieHeader, "content-length": 2 }, (request) => request.end("{}"));
  expect(honest.status).toBe(400);
});
