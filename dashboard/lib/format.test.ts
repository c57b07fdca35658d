import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  categoryName,
  displayName,
  eventTone,
  formatPercent,
  formatTime,
  kindLabel,
  purposeLabel,
  roleLabel,
  scopeFromCategories,
  scopeNames,
  shortAddress,
} from "./format";

describe("format", () => {
  it("names scope bits in category order and round-trips them", () => {
    assert.deepEqual(scopeNames(0b10101), ["Vitals", "Labs", "Prescriptions"]);
    assert.deepEqual(scopeNames(0), []);
    assert.equal(scopeFromCategories([0, 2, 4]), 0b10101);
  });

  it("names categories, including an unknown one and a whole-patient request", () => {
    assert.equal(categoryName(3), "Imaging");
    assert.equal(categoryName(9), "Category 9");
    assert.equal(categoryName(null), "All categories");
    assert.equal(categoryName(255), "All categories");
  });

  it("shortens addresses and prefers a known name", () => {
    const address = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
    assert.equal(shortAddress(address), "0x7099…79C8");
    assert.equal(displayName(address, { [address.toLowerCase()]: "Patient A" }), "Patient A");
    assert.equal(displayName(address), "0x7099…79C8");
  });

  it("formats instants in UTC whatever the machine's zone", () => {
    assert.equal(formatTime("2026-11-25T14:03:59.000Z"), "2026-11-25 14:03 UTC");
    assert.equal(formatTime("not a date"), "not a date");
  });

  it("makes emergencies and denials stand out", () => {
    assert.equal(eventTone({ kind: "EMERGENCY" }), "emergency");
    assert.equal(eventTone({ kind: "DENIAL" }), "denial");
    assert.equal(eventTone({ kind: "GRANT" }), "grant");
    assert.equal(eventTone({ kind: "REQUEST" }), "neutral");
    assert.equal(kindLabel("EMERGENCY"), "Emergency access");
  });

  it("labels enums for people", () => {
    assert.equal(purposeLabel("TREATMENT"), "Treatment");
    assert.equal(purposeLabel("NONE"), "No purpose");
    assert.equal(roleLabel(null), "Unregistered");
    assert.equal(roleLabel("GOVERNANCE"), "Governance");
  });

  it("formats rates, with a dash when suppressed", () => {
    assert.equal(formatPercent(0.125), "13%");
    assert.equal(formatPercent(0.0625), "6.3%");
    assert.equal(formatPercent(null), "–");
  });
});
