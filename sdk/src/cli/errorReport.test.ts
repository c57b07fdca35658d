import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { CareTrailError } from "../errors/careTrailError.js";
import { BlobIdInvalidError, BlobNotFoundError } from "../storage/blobStore.js";
import { errorReport } from "./errorReport.js";

describe("errorReport", () => {
  it("prints any CareTrail error as its message alone", () => {
    const missing = new BlobNotFoundError("bafkreiexample", "/tmp/blobs");
    assert.equal(errorReport(missing), `error: ${missing.message}`);
    assert.equal(errorReport(new BlobIdInvalidError("nope")), 'error: "nope" is not a CIDv1 string (expected something like bafkrei...).');
    assert.equal(errorReport(new CareTrailError("The thing failed", { details: ["one", "two"] })), "error: The thing failed:\n  - one\n  - two");
  });

  it("keeps the stack of anything else, for a bug report", () => {
    const bug = new TypeError("x is undefined");
    assert.equal(errorReport(bug), `error: ${bug.stack}`);
    assert.match(errorReport(bug), /\n {4}at /);
    assert.equal(errorReport("thrown text"), "error: thrown text");
  });
});
