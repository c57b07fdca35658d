// The baselines' per-event files are generated from CareTrail's ABI; a committed copy that differs means the ABI
// changed without regenerating them, and the bench would compare indexers over different event sets.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { baselineFiles, baselinesDir } from "../baselines/generate.ts";

for (const [file, text] of Object.entries(baselineFiles())) {
  test(`bench/baselines/${file} matches CareTrail's ABI (run \`npm run generate:baselines -w @caretrail/bench\`)`, () => {
    assert.equal(readFileSync(path.join(baselinesDir, file), "utf8"), text);
  });
}
