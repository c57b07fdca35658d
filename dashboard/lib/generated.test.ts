import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { relative, resolve } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { generate } from "@graphql-codegen/cli";
import config from "../codegen.ts";

test("lib/generated matches the API's SDL and the dashboard's queries (run `npm run codegen -w @caretrail/dashboard`)", async () => {
  const dashboardDir = fileURLToPath(new URL("..", import.meta.url));
  const generatedDir = resolve(dashboardDir, "lib/generated");
  // In memory: `false` keeps generate() from writing, so a stale tree stays as it is for the diff below.
  const outputs: { filename: string; content: string }[] = await generate({ ...config, cwd: dashboardDir, silent: true }, false);
  const expected = new Map(outputs.map((output) => [relative(generatedDir, resolve(dashboardDir, output.filename)), output.content]));
  assert.deepEqual(readdirSync(generatedDir).sort(), [...expected.keys()].sort(), "lib/generated holds exactly the generated files");
  for (const [name, content] of expected) assert.equal(readFileSync(resolve(generatedDir, name), "utf8"), content, `lib/generated/${name} is stale`);
});
