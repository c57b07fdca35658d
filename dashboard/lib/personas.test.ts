// A demo that was never set up (or was set up elsewhere) is the operator's to fix: the client gets a fixed 503, and
// the personas file's path stays in the server's log.
import assert from "node:assert/strict";
import { tmpdir } from "node:os";
import path from "node:path";
import { test } from "node:test";

const missingDir = path.join(tmpdir(), "caretrail-no-personas-here");
process.env.DEMO_MODE = "1";
process.env.CARETRAIL_PERSONAS = path.join(missingDir, "personas.json");
const { personaWallet } = await import("./personas.ts");
const { answerError } = await import("./routeErrors.ts");

test("a persona asked for before the demo wrote its file is answered 503 without the file's path", async () => {
  let thrown: unknown;
  try {
    personaWallet(7);
  } catch (error) {
    thrown = error;
  }
  assert.ok(thrown instanceof Error, "personaWallet refused");
  const originalError = console.error;
  console.error = () => {};
  try {
    const response = answerError(thrown);
    const body = await response.text();
    assert.equal(response.status, 503);
    assert.ok(!body.includes(missingDir), `the answer shows the path: ${body}`);
  } finally {
    console.error = originalError;
  }
});
