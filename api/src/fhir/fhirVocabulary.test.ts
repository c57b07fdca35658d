import { test } from "node:test";
import assert from "node:assert/strict";
import { DenialReasonNames } from "@caretrail/sdk";
import { denialText } from "./fhirVocabulary.ts";

test("every DenialReason the contract can emit has words an auditor reads, not the fallback", () => {
  for (const reason of DenialReasonNames.filter((name) => name !== "None")) {
    const text = denialText(reason);
    assert.ok(!text.startsWith("access was denied ("), `${reason} falls back to "${text}"`);
    assert.ok(text.endsWith(`(${reason})`), text);
  }
});

test("a denial with no recorded reason says so", () => {
  assert.equal(denialText(null), "access was denied (no reason recorded)");
});
