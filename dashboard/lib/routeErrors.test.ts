// Route handlers answer every CareTrail error from one kind -> status table, without per-route lists of classes.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ContractNotFoundError, DeploymentNotFoundError, RecordInvalidError, RpcUnreachableError } from "@caretrail/sdk";
import { CareTrailError } from "@caretrail/sdk/errors";
import { DataError } from "./apiClient.ts";
import { ConsentChangeError } from "./consentTransactions.ts";
import { BodyTooLargeError } from "./requestBody.ts";
import { answerError } from "./routeErrors.ts";
import { UploadInvalidError } from "./verifyUpload.ts";

async function answered(error: unknown): Promise<{ status: number; code: string; message: string }> {
  const response = answerError(error);
  const { error: body } = (await response.json()) as { error: { code: string; message: string } };
  return { status: response.status, ...body };
}

describe("answerError", () => {
  it("answers the caller's mistakes with their own message, whatever their class", async () => {
    const upload = new UploadInvalidError("The file is not JSON.");
    assert.deepEqual(await answered(upload), { status: 400, code: "BAD_USER_INPUT", message: upload.message });
    const consent = new ConsentChangeError("Pick at least one record category to share.");
    assert.deepEqual(await answered(consent), { status: 400, code: "BAD_USER_INPUT", message: consent.message });
    const record = new RecordInvalidError([{ path: "recordId", message: "expected 0x hex" }]);
    assert.deepEqual(await answered(record), { status: 400, code: "BAD_USER_INPUT", message: record.message });
    assert.deepEqual(await answered(new BodyTooLargeError(10)), { status: 413, code: "PAYLOAD_TOO_LARGE", message: new BodyTooLargeError(10).message });
  });

  it("relays the API's failures with the status of their kind", async () => {
    assert.equal((await answered(new DataError("FORBIDDEN", "Not yours."))).status, 403);
    assert.equal((await answered(new DataError("SERVICE_UNAVAILABLE", "The API did not answer."))).status, 503);
    assert.equal((await answered(new DataError("DEADLINE_EXCEEDED", "Too slow."))).status, 504);
    assert.equal((await answered(new DataError("PRIVACY_BUDGET_EXHAUSTED", "Spent."))).status, 429);
    assert.deepEqual(await answered(new DataError("INTERNAL_SERVER_ERROR", "Something went wrong.")), {
      status: 502,
      code: "INTERNAL_SERVER_ERROR",
      message: "Something went wrong.",
    });
  });

  it("answers an unreachable chain 503 with its message, and a wrong setup 503 without paths", async () => {
    const rpc = new RpcUnreachableError("http://127.0.0.1:8545");
    assert.deepEqual(await answered(rpc), { status: 503, code: "SERVICE_UNAVAILABLE", message: rpc.message });
    const originalError = console.error;
    const logged: unknown[] = [];
    console.error = (...args: unknown[]) => void logged.push(...args);
    try {
      for (const setup of [new DeploymentNotFoundError("/srv/caretrail/.caretrail/deployment.json"), new ContractNotFoundError("0xabc", 31337)]) {
        const answer = await answered(setup);
        assert.equal(answer.status, 503);
        assert.equal(answer.code, "SERVICE_UNAVAILABLE");
        assert.doesNotMatch(answer.message, /\/srv|0xabc/);
        assert.ok(logged.includes(setup), "the operator's log has the real error");
      }
    } finally {
      console.error = originalError;
    }
  });

  it("rethrows anything that is not an expected CareTrail error (a bug keeps its stack)", () => {
    const bug = new TypeError("x is undefined");
    assert.throws(() => answerError(bug), bug);
    const unexpected = new CareTrailError("An unexpected state.");
    assert.throws(() => answerError(unexpected), unexpected);
  });
});
