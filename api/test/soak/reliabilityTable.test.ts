// README.md's reliability table is generated from docs/reliability.json: this fails when they disagree.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
// @ts-expect-error the root scripts are plain ES modules without type declarations
import { renderReadme } from "../../../scripts/renderReliability.mjs";

const root = new URL("../../../", import.meta.url);

test("README.md's reliability table matches docs/reliability.json (node scripts/renderReliability.mjs regenerates it)", () => {
  const readme = readFileSync(new URL("README.md", root), "utf8");
  const report = JSON.parse(readFileSync(new URL("docs/reliability.json", root), "utf8"));
  assert.equal(renderReadme(readme, report), readme);
});
