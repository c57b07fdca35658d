import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { accessesByRole, accessesOverTime, consentsOverTime, rateTile, suppressedGroups, timeRangeOf, topAccessors } from "./chartData";
import type { AccessCount, ConsentCount } from "./types";

const count = (bucketStart: string, outcome: AccessCount["outcome"], actorRole: AccessCount["actorRole"], value: number | null): AccessCount => ({
  bucketStart,
  outcome,
  actorRole,
  count: value,
  patients: value === null ? null : 5,
  suppressed: value === null,
});

describe("chart data", () => {
  const counts = [
    count("2026-11-02T00:00:00.000Z", "GRANTED", "PROVIDER", 4),
    count("2026-11-01T00:00:00.000Z", "DENIED", null, 2),
    count("2026-11-01T00:00:00.000Z", "GRANTED", "PROVIDER", 3),
    count("2026-11-01T00:00:00.000Z", "GRANTED", "INSURER", 1),
    count("2026-11-01T00:00:00.000Z", "REQUESTED", "RESEARCHER", null),
  ];

  it("sums outcomes per bucket, oldest first, leaving suppressed groups out", () => {
    assert.deepEqual(accessesOverTime(counts), [
      { bucket: "2026-11-01", REQUESTED: 0, GRANTED: 4, DENIED: 2 },
      { bucket: "2026-11-02", REQUESTED: 0, GRANTED: 4, DENIED: 0 },
    ]);
    assert.equal(suppressedGroups(counts), 1);
  });

  it("sums outcomes per role, busiest first, naming unregistered actors", () => {
    assert.deepEqual(accessesByRole(counts), [
      { role: "Provider", REQUESTED: 0, GRANTED: 7, DENIED: 0 },
      { role: "Unregistered", REQUESTED: 0, GRANTED: 0, DENIED: 2 },
      { role: "Insurer", REQUESTED: 0, GRANTED: 1, DENIED: 0 },
    ]);
  });

  it("pairs consent grants and revocations per bucket", () => {
    const consents: ConsentCount[] = [
      { bucketStart: "2026-11-01T00:00:00.000Z", action: "GRANTED", count: 6, suppressed: false },
      { bucketStart: "2026-11-01T00:00:00.000Z", action: "REVOKED", count: 2, suppressed: false },
      { bucketStart: "2026-11-03T00:00:00.000Z", action: "REVOKED", count: null, suppressed: true },
    ];
    assert.deepEqual(consentsOverTime(consents), [{ bucket: "2026-11-01", granted: 6, revoked: 2 }]);
  });

  it("returns empty arrays for no data", () => {
    assert.deepEqual(accessesOverTime([]), []);
    assert.deepEqual(accessesByRole([]), []);
    assert.deepEqual(consentsOverTime([]), []);
  });

  it("labels accessors by name when known", () => {
    const address = "0x90F79bf6EB2c4f870365E785982E1f101E93b906";
    assert.deepEqual(topAccessors([{ actor: address, actorRole: "PROVIDER", accesses: 9, patients: 6 }], { [address.toLowerCase()]: "Dr. Cardiology" }), [
      { name: "Dr. Cardiology (Provider)", accesses: 9, patients: 6 },
    ]);
  });

  it("explains rates that cannot be shown", () => {
    assert.deepEqual(rateTile({ value: 0.25, numerator: 3, denominator: 12, suppressed: false }), { value: "25%", detail: "3 of 12 decisions", suppressed: false });
    assert.equal(rateTile({ value: null, numerator: null, denominator: null, suppressed: true }).suppressed, true);
    assert.match(rateTile({ value: null, numerator: 0, denominator: null, suppressed: false }).detail, /no access decisions/);
  });

  it("turns presets and explicit dates into API ranges", () => {
    const now = new Date("2026-11-30T12:00:00.000Z");
    assert.deepEqual(timeRangeOf("7d", undefined, undefined, now), { from: "2026-11-23T12:00:00.000Z", label: "Last 7 days" });
    assert.deepEqual(timeRangeOf("all", undefined, undefined, now), { label: "All time" });
    assert.equal(timeRangeOf(undefined, undefined, undefined, now).label, "Last 30 days");
    assert.deepEqual(timeRangeOf("7d", "2026-11-01", "2026-11-02", now), { from: "2026-11-01T00:00:00.000Z", to: "2026-11-03T00:00:00.000Z", label: "2026-11-01 to 2026-11-02" });
  });
});
