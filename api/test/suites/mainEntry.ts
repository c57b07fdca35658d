import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { test } from "node:test";
import { freePort } from "@caretrail/devstack";
import type { World } from "../support/world.ts";

const mainScript = fileURLToPath(new URL("../../dist/main.js", import.meta.url));

export function mainEntrySuite(world: () => World): void {
  test("`npm run api` (dist/main.js) serves the projection named by DATABASE_URL, INDEXER_DB_SCHEMA, PORT and SESSION_SECRET", async () => {
    const { stack } = world();
    const port = await freePort();
    const secret = "main-entry-secret-value";
    const child = spawn(process.execPath, [mainScript], {
      env: {
        ...process.env,
        DATABASE_URL: stack.database.url,
        INDEXER_DB_SCHEMA: "api_test",
        PORT: String(port),
        SESSION_SECRET: secret,
        NODE_ENV: "production",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    try {
      const deadline = Date.now() + 20_000;
      while (!output.includes("GraphQL and GraphiQL at")) {
        assert.ok(Date.now() < deadline && child.exitCode === null, `the API did not start:\n${output}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      assert.match(output, new RegExp(`http://127\\.0\\.0\\.1:${port}/graphql`));
      const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ query: "{ contract { indexedHeight } }" }),
      });
      const body = (await response.json()) as { data: { contract: { indexedHeight: number } } };
      assert.ok(body.data.contract.indexedHeight > 0);
      assert.doesNotMatch(output, new RegExp(secret), "the secret is never logged");
    } finally {
      child.kill("SIGTERM");
      await new Promise((resolve) => child.once("exit", resolve));
    }
  });

  test("`npm run api` refuses a bad environment before any work: each bad setting named, no value echoed, retired names point to their successor", async () => {
    const key = "0x1234-not-a-key";
    const child = spawn(process.execPath, [mainScript], {
      env: { ...process.env, PORT: "http", VAULT_PRIVATE_KEY: key, CARETRAIL_DB_SCHEMA: "api_test", CARETRAIL_REQUEST_DEADLINE_MS: "-5" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
    assert.equal(code, 1, output);
    assert.match(output, /PORT: expected a TCP port/);
    assert.match(output, /VAULT_PRIVATE_KEY: expected a 0x-prefixed 32-byte hex private key/);
    assert.match(output, /CARETRAIL_REQUEST_DEADLINE_MS: expected a positive number of milliseconds/);
    assert.match(output, /CARETRAIL_DB_SCHEMA was renamed: set INDEXER_DB_SCHEMA instead/);
    assert.ok(!output.includes(key), "the key is not echoed");
    assert.doesNotMatch(output, /embedded Postgres|GraphQL and GraphiQL/, "nothing started");
    assert.doesNotMatch(output, /\n\s+at /, "no stack trace");
  });
}
