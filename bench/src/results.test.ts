import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { renderResults, resultsDir, type Figure } from "./results.ts";

test("RESULTS.md renders from the committed results, which also hold the API bench's figures", () => {
  const indexerFigures = readdirSync(resultsDir).filter((file) => file.startsWith("indexer-"));
  assert.ok(
    readdirSync(resultsDir).some((file) => file.startsWith("api-")),
    "the API bench's figures share the folder",
  );
  const markdown = renderResults(resultsDir);
  for (const file of indexerFigures) {
    const figure = JSON.parse(readFileSync(path.join(resultsDir, file), "utf8")) as Figure;
    assert.ok(markdown.includes(`| ${figure.title} (${figure.unit}) |`), `${file} is missing from the table`);
  }
});
