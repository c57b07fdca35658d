import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { renderRowTypesFromSchema, rowTypesPath } from "../../scripts/rowTypes.ts";

test("the generated row types match schema.graphql (run `npm run codegen -w api` after editing the indexer's entities)", () => {
  assert.equal(readFileSync(rowTypesPath, "utf8"), renderRowTypesFromSchema());
});
