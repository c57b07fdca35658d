import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { homeFor, viewsFor } from "./roles";

describe("roles", () => {
  it("sends each persona to its main view", () => {
    assert.equal(homeFor(["PATIENT"]), "/patient");
    assert.equal(homeFor(["AUDITOR"]), "/auditor");
    assert.equal(homeFor(["INSURER"]), "/auditor");
    assert.equal(homeFor(["PROVIDER"]), "/provider");
    assert.equal(homeFor(["RESEARCHER"]), "/analyst");
    assert.equal(homeFor(["GOVERNANCE"]), "/analyst");
    assert.equal(homeFor([]), undefined);
  });

  it("offers auditors both verification and analytics", () => {
    assert.deepEqual(
      viewsFor(["AUDITOR"]).map((view) => view.href),
      ["/auditor", "/analyst"],
    );
  });
});
