import assert from "node:assert/strict";
import { test } from "node:test";
import { CareTrailError, RpcUnreachableError } from "@caretrail/sdk";
import { LogTail } from "@caretrail/devstack";
import { runStage, StageError } from "../src/stage.ts";

test("a failed stage is a CareTrailError whose standard cause is what the stage threw", async () => {
  const recent = new LogTail(2);
  ["one", "two", "three"].forEach(recent.add);
  const thrown = new RpcUnreachableError("http://127.0.0.1:1");
  const failed = await runStage("chain", () => Promise.reject(thrown), recent).then(
    () => assert.fail("the stage should fail"),
    (error: unknown) => error,
  );
  assert.ok(failed instanceof StageError && failed instanceof CareTrailError);
  assert.equal(failed.message, `chain failed: ${thrown.message}`);
  assert.equal(failed.cause, thrown);
  assert.equal(failed.kind, "SERVICE_UNAVAILABLE");
  assert.equal(
    failed.walk((error) => error instanceof RpcUnreachableError),
    thrown,
  );
  assert.deepEqual(failed.recentOutput, ["two", "three"]);
  assert.equal(new StageError("seed", "exit code 1", []).message, "seed failed: exit code 1");
});
