import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { AccessCount, ConsentCount } from "./apiShapes";
import { accessesByRole, accessesOverTime, consentsOverTime, rateTile, suppressedGroups, tableRows, timeRangeOf, topAccessors, windowLabel } from "./chartData";

const cell = (bucketStart: string, kind: AccessCount["kind"], actorRole: AccessCount["actorRole"], value: number | null): AccessCount => ({
  bucketStart,
  kind,
  outcome: kind === "DENIAL" ? "DENIED" : "GRANTED",
  actorRole,
  count: value,
  patients: value === null ? null : 5,
  suppressed: value === null,
});

describe("chart data", () => {
  // Two weeks of a grid: every kind present in each week, some cells suppressed.
  const W1 = "2026-11-02T00:00:00.000Z";
  const W2 = "2026-11-09T00:00:00.000Z";
  const counts = [
    cell(W2, "GRANT", "PROVIDER", 14),
    cell(W2, "EMERGENCY", "PROVIDER", null),
    cell(W2, "DENIAL", null, null),
    cell(W2, "READ", "PROVIDER", 9),
    cell(W1, "GRANT", "PROVIDER", 12),
    cell(W1, "GRANT", "INSURER", 6),
    cell(W1, "EMERGENCY", "PROVIDER", null),
    cell(W1, "DENIAL", null, 7),
    cell(W1, "READ", "PROVIDER", null),
  ];

  it("keeps every week on the axis, oldest first, and marks suppressed kinds instead of drawing 0", () => {
    assert.deepEqual(accessesOverTime(counts), [
      { bucket: "2026-11-02", GRANT: 18, EMERGENCY: null, DENIAL: 7, READ: null, suppressedKinds: ["EMERGENCY", "READ"] },
      { bucket: "2026-11-09", GRANT: 14, EMERGENCY: null, DENIAL: null, READ: 9, suppressedKinds: ["EMERGENCY", "DENIAL"] },
    ]);
    assert.equal(suppressedGroups(counts), 4);
  });

  it("says 'fewer than k patients' in the table where a value is suppressed", () => {
    const [first] = tableRows(accessesOverTime(counts), ["GRANT", "EMERGENCY", "DENIAL", "READ"], 5);
    assert.deepEqual(first, { bucket: "2026-11-02", GRANT: 18, EMERGENCY: "fewer than 5 patients", DENIAL: 7, READ: "fewer than 5 patients" });
  });

  it("sums kinds per role over the range, busiest first, naming unregistered actors", () => {
    const rows = accessesByRole(counts);
    assert.deepEqual(
      rows.map((row) => row.role),
      ["Provider", "Unregistered", "Insurer"],
    );
    assert.deepEqual(rows[0], { role: "Provider", GRANT: 26, EMERGENCY: null, DENIAL: null, READ: 9, suppressedKinds: ["EMERGENCY"] });
    assert.deepEqual(rows[1]!.suppressedKinds, []);
  });

  it("pairs consent grants and revocations per week, suppressed ones as null", () => {
    const consents: ConsentCount[] = [
      { bucketStart: W1, action: "GRANTED", count: 6, patients: 6, suppressed: false },
      { bucketStart: W1, action: "REVOKED", count: null, patients: null, suppressed: true },
      { bucketStart: W2, action: "GRANTED", count: null, patients: null, suppressed: true },
      { bucketStart: W2, action: "REVOKED", count: null, patients: null, suppressed: true },
    ];
    assert.deepEqual(consentsOverTime(consents), [
      { bucket: "2026-11-02", granted: 6, revoked: null, suppressedKinds: ["revoked"] },
      { bucket: "2026-11-09", granted: null, revoked: null, suppressedKinds: ["granted", "revoked"] },
    ]);
  });

  it("returns empty arrays for no data", () => {
    assert.deepEqual(accessesOverTime([]), []);
    assert.deepEqual(accessesByRole([]), []);
    assert.deepEqual(consentsOverTime([]), []);
  });

  it("labels accessors by name when known", () => {
    const address = "0x90F79bf6EB2c4f870365E785982E1f101E93b906";
    assert.deepEqual(topAccessors([{ actor: address, actorRole: "PROVIDER", accesses: 10, patients: 5 }], { [address.toLowerCase()]: "Dr. Cardiology" }), [
      { name: "Dr. Cardiology (Provider)", accesses: 10, patients: 5 },
    ]);
  });

  it("explains rates that cannot be shown", () => {
    assert.deepEqual(rateTile({ value: 0.25, numerator: 3, denominator: 12, suppressed: false }, 5), {
      value: "25%",
      detail: "3 of 12 decisions in published groups",
      suppressed: false,
    });
    const suppressed = rateTile({ value: null, numerator: null, denominator: null, suppressed: true }, 5);
    assert.equal(suppressed.suppressed, true);
    assert.match(suppressed.detail, /fewer than 5 patients/);
    assert.match(rateTile({ value: null, numerator: 0, denominator: null, suppressed: false }, 5).detail, /no access decisions/);
  });

  it("turns presets and explicit dates into API ranges, and refuses inverted or malformed ones", () => {
    const now = new Date("2026-11-30T12:00:00.000Z");
    assert.deepEqual(timeRangeOf("7d", undefined, undefined, now), { from: "2026-11-23T12:00:00.000Z", label: "Last 7 days" });
    assert.deepEqual(timeRangeOf("all", undefined, undefined, now), { label: "All time" });
    assert.equal(timeRangeOf(undefined, undefined, undefined, now).label, "Last 30 days");
    assert.deepEqual(timeRangeOf("7d", "2026-11-01", "2026-11-02", now), {
      from: "2026-11-01T00:00:00.000Z",
      to: "2026-11-03T00:00:00.000Z",
      label: "2026-11-01 to 2026-11-02",
    });
    assert.match(timeRangeOf(undefined, "2026-11-20", "2026-11-02", now).error!, /after/);
    assert.match(timeRangeOf(undefined, "2026-13-40", undefined, now).error!, /yyyy-mm-dd/);
  });

  it("describes the window the API answered", () => {
    assert.equal(
      windowLabel({ from: "2026-11-02T00:00:00.000Z", to: "2026-11-16T00:00:00.000Z", bucket: "WEEK", snapped: true, open: false }),
      "weeks of 2026-11-02 to 2026-11-15 (snapped to whole weeks)",
    );
  });
});
