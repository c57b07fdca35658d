import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { test } from "node:test";
import { freePort } from "@caretrail/devstack";
import type { World } from "../support/world.ts";

const mainScript = fileURLToPath(new URL("../../dist/main.js", import.meta.url));

export function mainEntrySuite(world: () => World): void {
  test("`npm run api` (dist/main.js) serves the projection named by DATABASE_URL, CARETRAIL_DB_SCHEMA, PORT and SESSION_SECRET", async () => {
    const { stack } = world();
    const port = await freePort();
    const secret = "main-entry-secret-value";
    const child = spawn(process.execPath, [mainScript], {
      env: {
        ...process.env,
        DATABASE_URL: stack.database.url,
        CARETRAIL_DB_SCHEMA: "api_test",
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
}
