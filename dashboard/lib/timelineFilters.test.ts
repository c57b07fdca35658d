import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { exportQuery, isFiltered, readTimelineFilters, timelineQuery, toAuditFilter } from "./timelineFilters";

describe("timeline filters", () => {
  it("reads repeated and single params, ignoring unknown values and malformed input", () => {
    const state = readTimelineFilters({
      kind: ["grant", "EMERGENCY", "bogus"],
      outcome: "DENIED",
      actor: "0xABCDEFabcdef0123456789012345678901234567",
      from: "2026-11-01",
      to: "yesterday",
    });
    assert.deepEqual(state.kinds, ["GRANT", "EMERGENCY"]);
    assert.deepEqual(state.outcomes, ["DENIED"]);
    assert.equal(state.actor, "0xabcdefabcdef0123456789012345678901234567");
    assert.equal(state.from, "2026-11-01");
    assert.equal(state.to, "");
    assert.equal(readTimelineFilters({ actor: "0x12" }).actor, "");
  });

  it("turns dates into an inclusive day range for the API", () => {
    const filter = toAuditFilter(readTimelineFilters({ from: "2026-11-01", to: "2026-11-02" }), "0xpatient");
    assert.deepEqual(filter, { patient: "0xpatient", from: "2026-11-01T00:00:00.000Z", to: "2026-11-03T00:00:00.000Z" });
  });

  it("leaves an empty filter empty", () => {
    const state = readTimelineFilters({});
    assert.deepEqual(toAuditFilter(state), {});
    assert.equal(isFiltered(state), false);
    assert.equal(timelineQuery(state), "");
  });

  it("round-trips through the URL, adding a cursor for the next page", () => {
    const state = readTimelineFilters({ kind: ["DENIAL", "GRANT"], from: "2026-11-01" });
    assert.equal(timelineQuery(state, { after: "abc" }), "?kind=GRANT&kind=DENIAL&from=2026-11-01&after=abc");
    assert.deepEqual(
      readTimelineFilters(
        Object.fromEntries([
          ["kind", ["GRANT", "DENIAL"]],
          ["from", "2026-11-01"],
        ]),
      ),
      state,
    );
  });

  it("writes the export routes' comma lists", () => {
    assert.equal(exportQuery({ kinds: ["GRANT", "DENIAL"], patient: "0xp" }), "?kinds=GRANT%2CDENIAL&patient=0xp");
  });
});
