import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ContentDecryptionError } from "../crypto/encryptContent.js";
import { RecordInvalidError } from "../record/careRecord.js";
import { SettingsError } from "../settings/readSettings.js";
import { BlobNotFoundError } from "../storage/blobStore.js";
import { CareTrailError, isCareTrailErrorKind, messageOf } from "./careTrailError.js";

describe("CareTrailError", () => {
  it("prints the short message, then one line per detail, then the hint", () => {
    const error = new CareTrailError("The upload is not valid", { details: ["a: missing", "b: too long"], hint: "Fix these and send it again." });
    assert.equal(error.message, "The upload is not valid:\n  - a: missing\n  - b: too long\nFix these and send it again.");
    assert.equal(error.shortMessage, "The upload is not valid");
    assert.deepEqual(error.details, ["a: missing", "b: too long"]);
    assert.equal(new CareTrailError("Plain.").message, "Plain.");
  });

  it("keeps the visible text of the errors that had detail lines before the base existed", () => {
    const record = new RecordInvalidError([{ path: "recordId", message: "expected 0x hex" }]);
    assert.equal(record.message, "The record is not valid:\n  - recordId: expected 0x hex\nFix these fields and try again.");
    const settings = new SettingsError(["RPC_URL: Invalid URL.", "PORT: Too big."]);
    assert.equal(settings.message, "The environment is not a valid CareTrail configuration:\n  - RPC_URL: Invalid URL.\n  - PORT: Too big.");
  });

  it("says its kind: the class's, an instance's override, or INTERNAL_SERVER_ERROR", () => {
    assert.equal(new BlobNotFoundError("bafkrei", "here").kind, "NOT_FOUND");
    assert.equal(new SettingsError([]).kind, "MISCONFIGURED");
    assert.equal(new CareTrailError("Relayed.", { kind: "FORBIDDEN" }).kind, "FORBIDDEN");
    assert.equal(new CareTrailError("Unexpected.").kind, "INTERNAL_SERVER_ERROR");
    assert.ok(new BlobNotFoundError("bafkrei", "here") instanceof CareTrailError);
    assert.equal(new BlobNotFoundError("bafkrei", "here").name, "BlobNotFoundError");
    assert.ok(isCareTrailErrorKind("SERVICE_UNAVAILABLE"));
    assert.ok(!isCareTrailErrorKind("SERVICE_DOWN"));
    assert.ok(!isCareTrailErrorKind(undefined));
  });

  it("takes its kind from the class, unless the instance is given one: a subclass's kind never hides a relayed one", () => {
    assert.equal(ContentDecryptionError.kind, "DATA_ALTERED");
    assert.equal(new ContentDecryptionError("Bad tag.").kind, "DATA_ALTERED");
    assert.equal(new ContentDecryptionError("Relayed.", { kind: "SERVICE_UNAVAILABLE" }).kind, "SERVICE_UNAVAILABLE");
    assert.equal(CareTrailError.kind, "INTERNAL_SERVER_ERROR");
  });

  it("refuses, at compile time, a subclass that declares its kind as an instance field", () => {
    class HidingError extends CareTrailError {
      // @ts-expect-error kind is an accessor: an instance field would hide the constructor's kind (typecheck fails if this compiles)
      override readonly kind = "FORBIDDEN";
    }
    assert.ok(HidingError);
  });

  it("keeps its cause, and walk follows the cause chain", () => {
    const root = new TypeError("socket closed");
    const middle = new CareTrailError("The chain did not answer", { cause: root, kind: "SERVICE_UNAVAILABLE" });
    const top = new CareTrailError("Seeding failed", { cause: middle });
    assert.equal(top.cause, middle);
    assert.equal(top.walk(), root);
    assert.equal(
      top.walk((error) => error instanceof CareTrailError && error.kind === "SERVICE_UNAVAILABLE"),
      middle,
    );
    assert.equal(
      top.walk((error) => error === top),
      top,
    );
    assert.equal(
      top.walk((error) => error instanceof RangeError),
      null,
    );
    const alone = new CareTrailError("Alone.");
    assert.equal(alone.walk(), alone);
    assert.ok(!("cause" in alone));
  });

  it("messageOf reads the message of anything thrown", () => {
    assert.equal(messageOf(new Error("boom")), "boom");
    assert.equal(messageOf("text"), "text");
  });
});
