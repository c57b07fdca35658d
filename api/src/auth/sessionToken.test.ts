import assert from "node:assert/strict";
import { test } from "node:test";
import { issueSessionToken, readSessionToken } from "./sessionToken.ts";

const secret = "unit-test-secret";
const address = "0xAbCdEf0000000000000000000000000000000001";

test("a session token round-trips the lowercased address until it expires", () => {
  const now = new Date("2026-01-01T00:00:00Z");
  const { token } = issueSessionToken({ address, secret, ttlSeconds: 60, now });
  assert.equal(readSessionToken(token, secret, now)?.address, address.toLowerCase());
  assert.equal(readSessionToken(token, secret, new Date(now.getTime() + 61_000)), undefined);
});

test("a token signed with another secret, or edited, is refused", () => {
  const { token } = issueSessionToken({ address, secret, ttlSeconds: 60 });
  assert.equal(readSessionToken(token, "another-secret"), undefined);
  const [payload, mac] = token.split(".");
  const forged = Buffer.from(JSON.stringify({ sub: "0x0000000000000000000000000000000000000bad", exp: 9_999_999_999 })).toString("base64url");
  assert.equal(readSessionToken(`${forged}.${mac}`, secret), undefined);
  assert.equal(readSessionToken(`${payload}`, secret), undefined);
  assert.equal(readSessionToken(`${payload}.${mac}.extra`, secret), undefined);
});
