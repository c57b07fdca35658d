// The SubQuery patches (scripts/subqlPatches.mjs) are in the installed node_modules, and a patch whose target
// code changed stops the install instead of being skipped.
import assert from "node:assert/strict";
import { cpSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { test } from "node:test";
import { applySubqlPatches, subqlPatches, unappliedSubqlPatches } from "../scripts/subqlPatches.mjs";
import { subqlDir } from "../src/paths.ts";

const nodeModules = path.join(subqlDir, "node_modules");

test("every SubQuery patch is applied in indexer/subql/node_modules", () => {
  assert.deepEqual(
    unappliedSubqlPatches(nodeModules).map((patch) => patch.name),
    [],
    "run `npm run install:subql -w indexer`",
  );
});

test("applying the patches again changes nothing", () => {
  const copy = mkdtempSync(path.join(tmpdir(), "subql-patches-"));
  try {
    for (const file of new Set(subqlPatches.map((patch) => patch.file))) cpSync(path.join(nodeModules, file), path.join(copy, file));
    assert.deepEqual(applySubqlPatches(copy), []);
  } finally {
    rmSync(copy, { recursive: true, force: true });
  }
});

test("a patch whose code changed upstream fails the install, naming the patch", () => {
  const copy = mkdtempSync(path.join(tmpdir(), "subql-patches-"));
  try {
    for (const file of new Set(subqlPatches.map((patch) => patch.file))) {
      cpSync(path.join(nodeModules, file), path.join(copy, file));
    }
    writeFileSync(path.join(copy, subqlPatches[0]!.file), "class BlockchainService { async getChainInterval() { return 5000; } }\n");
    assert.throws(() => applySubqlPatches(copy), new RegExp(`SubQuery patch ${subqlPatches[0]!.name}: the code it changes is not in`));
  } finally {
    rmSync(copy, { recursive: true, force: true });
  }
});
