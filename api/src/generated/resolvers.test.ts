import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { generate } from "@graphql-codegen/cli";
import config from "../../codegen.ts";

test("the generated resolver types match the SDL (run `npm run codegen -w api` after editing src/schema)", async () => {
  const apiDir = fileURLToPath(new URL("../..", import.meta.url));
  const [output] = await generate({ ...config, cwd: apiDir, silent: true }, false);
  const committed = readFileSync(new URL("./resolvers.ts", import.meta.url), "utf8");
  assert.ok(output, "codegen produced no output");
  assert.equal(committed, output.content);
});
