import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { DenialReasonNames } from "@caretrail/sdk/codes";
import { contractErrorInWords, denialInWords, errorInWords, voidReasonInWords } from "./plainWords";

const LEE = "0x90F79bf6EB2c4f870365E785982E1f101E93b906";

describe("plain words", () => {
  it("says every denial reason in words and keeps the code as detail", () => {
    for (const code of DenialReasonNames.filter((name) => name !== "None")) {
      const plain = denialInWords(code);
      assert.doesNotMatch(plain.words, new RegExp(code), code);
      assert.equal(plain.detail, `Denial reason: ${code}`);
    }
    assert.equal(denialInWords("NoConsent").words, "There was no consent for this requester.");
    assert.match(denialInWords(null).words, /no reason/);
    assert.equal(denialInWords("SomethingNew").words, "Access was denied.");
  });

  it("names the account in a custom error and keeps the raw error as detail", () => {
    const plain = contractErrorInWords("ConsentGranteeNotRegistered", [LEE], { [LEE.toLowerCase()]: "Dr. Lee" });
    assert.equal(plain.words, "Dr. Lee is not registered with CareTrail, so cannot be given access.");
    assert.equal(plain.detail, `ConsentGranteeNotRegistered(${LEE})`);
  });

  it("finds a custom error inside a route's message, and hides long raw messages", () => {
    const message = `The contract refused: ConsentGranteeNotRegistered(${LEE}).`;
    const plain = errorInWords(message);
    assert.match(plain.words, /^0x90F7…b906 is not registered/);
    assert.equal(plain.detail, message);
    assert.deepEqual(errorInWords("Pick at least one record category to share."), { words: "Pick at least one record category to share." });
    assert.equal(errorInWords(`execution reverted 0x${"ab".repeat(40)}`).words, "Something went wrong on the chain.");
    assert.match(errorInWords("The contract refused: AccessReaderNotPermitted(0x01, 4).").words, /consent had been revoked/);
  });

  it("says why a ticket was voided, in either enum spelling", () => {
    assert.equal(voidReasonInWords("CONSENT_REVOKED").words, "No longer valid: the patient revoked the consent.");
    assert.equal(voidReasonInWords("ProviderSuspended").words, "No longer valid: the provider was suspended.");
    assert.equal(voidReasonInWords("UNKNOWN_THING").detail, "Void reason: UNKNOWN_THING");
  });
});
