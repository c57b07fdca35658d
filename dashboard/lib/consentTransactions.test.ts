import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { CareTrail__factory } from "@caretrail/sdk";
import { ConsentChangeError, consentCalldata, parseConsentChange, revertReason } from "./consentTransactions";

const grantee = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
const now = Date.parse("2026-11-01T00:00:00Z");

describe("consent transactions", () => {
  it("accepts a grant and encodes grantConsent with the contract's purpose code", () => {
    const change = parseConsentChange({ action: "grant", grantee, scope: 0b101, purpose: "PAYMENT", expiresAt: now / 1000 + 86_400 }, now);
    const decoded = CareTrail__factory.createInterface().parseTransaction({ data: consentCalldata(change) })!;
    assert.equal(decoded.name, "grantConsent");
    assert.deepEqual(decoded.args.map(String), [grantee, "5", "2", String(now / 1000 + 86_400)]);
  });

  it("encodes a revocation", () => {
    const decoded = CareTrail__factory.createInterface().parseTransaction({ data: consentCalldata(parseConsentChange({ action: "revoke", grantee })) })!;
    assert.equal(decoded.name, "revokeConsent");
  });

  it("says what to fix in a bad change", () => {
    assert.throws(() => parseConsentChange({ action: "grant", grantee: "0x12" }), ConsentChangeError);
    assert.throws(
      () => parseConsentChange({ action: "grant", grantee, scope: 0, purpose: "TREATMENT", expiresAt: now / 1000 + 60 }, now),
      /at least one record category/,
    );
    assert.throws(() => parseConsentChange({ action: "grant", grantee, scope: 1, purpose: "NONE", expiresAt: now / 1000 + 60 }, now), /Pick a purpose/);
    assert.throws(() => parseConsentChange({ action: "grant", grantee, scope: 1, purpose: "TREATMENT", expiresAt: now / 1000 - 60 }, now), /in the future/);
  });

  it("names the contract's custom error from raw revert data", () => {
    const data = CareTrail__factory.createInterface().encodeErrorResult("ConsentGranteeNotRegistered", [grantee]);
    assert.equal(
      revertReason({ message: "execution reverted", info: { error: { data: { data } } } }),
      `The contract refused: ConsentGranteeNotRegistered(${grantee}).`,
    );
    assert.match(revertReason(new Error("socket hang up")), /could not be sent: socket hang up/);
  });
});
