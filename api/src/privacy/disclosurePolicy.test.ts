import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { createDisclosurePolicy, PrivacyBudgetExhaustedError } from "./disclosurePolicy.ts";

const extent = { earliest: new Date("2026-09-02T10:00:00Z"), frontier: new Date("2026-12-01T15:00:00Z"), frontierHeight: 900 };
const secret = new Uint8Array(32).fill(7);

describe("disclosure policy", () => {
  it("refuses a k below 5", () => {
    assert.throws(() => createDisclosurePolicy({ k: 4 }), /at least 5/);
    assert.equal(createDisclosurePolicy({ k: 11 }).k, 11);
  });

  it("snaps windows outwards to whole ISO weeks and says so", () => {
    const policy = createDisclosurePolicy({ noiseSecret: secret });
    const window = policy.snapWindow({ from: new Date("2026-11-04T13:14:15Z"), to: new Date("2026-11-04T13:14:16Z") }, extent);
    assert.equal(window.from.toISOString(), "2026-11-02T00:00:00.000Z");
    assert.equal(window.to.toISOString(), "2026-11-09T00:00:00.000Z");
    assert.equal(window.snapped, true);
    assert.equal(window.open, false);
    assert.equal(window.buckets.length, 1);
    // Every sub-week window inside that week gets the same window, so the same cells.
    const other = policy.snapWindow({ from: new Date("2026-11-02T00:00:01Z"), to: new Date("2026-11-08T23:59:59Z") }, extent);
    assert.deepEqual([other.from, other.to], [window.from, window.to]);
    const aligned = policy.snapWindow({ from: new Date("2026-11-02T00:00:00Z"), to: new Date("2026-11-09T00:00:00Z") }, extent);
    assert.equal(aligned.snapped, false);
  });

  it("ends at the bucket the indexer is in, and marks it open", () => {
    const policy = createDisclosurePolicy({ noiseSecret: secret });
    const window = policy.snapWindow({}, extent);
    assert.equal(window.from.toISOString(), "2026-08-31T00:00:00.000Z");
    assert.equal(window.to.toISOString(), "2026-12-07T00:00:00.000Z");
    assert.equal(window.open, true);
    assert.equal(window.releaseTag, "open@900");
    assert.equal(policy.snapWindow({ to: new Date("2030-01-01T00:00:00Z") }, extent).to.toISOString(), "2026-12-07T00:00:00.000Z");
  });

  it("refuses inverted and over-long windows with BAD_USER_INPUT", () => {
    const policy = createDisclosurePolicy({ noiseSecret: secret, maxBuckets: 10 });
    const inverted = () => policy.snapWindow({ from: new Date("2026-11-10T00:00:00Z"), to: new Date("2026-11-01T00:00:00Z") }, extent);
    assert.throws(
      inverted,
      (error: { extensions: { code: string }; message: string }) => error.extensions.code === "BAD_USER_INPUT" && /before/.test(error.message),
    );
    assert.throws(() => policy.snapWindow({ from: new Date("2026-01-05T00:00:00Z") }, extent), /at most 10/);
    // Without from, the window is the last 10 buckets rather than an error.
    assert.equal(policy.snapWindow({}, extent).buckets.length, 10);
  });

  it("suppresses cells under k whether empty or not, and noises the rest deterministically", () => {
    const policy = createDisclosurePolicy({ noiseSecret: secret });
    const empty = policy.publishCell(undefined, ["a"]);
    const small = policy.publishCell({ count: 9, patients: 4 }, ["a"]);
    assert.deepEqual(small, empty);
    assert.deepEqual(small, { count: null, patients: null, suppressed: true });
    const published = policy.publishCell({ count: 40, patients: 12 }, ["researcher", "cell"]);
    assert.equal(published.suppressed, false);
    assert.ok(published.patients! >= 5 && published.count! >= published.patients!);
    assert.deepEqual(policy.publishCell({ count: 40, patients: 12 }, ["researcher", "cell"]), published, "same key, same noise");
    // Noise is real: over many keys the published values are not all the raw ones, and average out near them.
    const values = Array.from({ length: 400 }, (_, index) => policy.publishCell({ count: 40, patients: 12 }, ["r", index]).count!);
    assert.ok(values.some((value) => value !== 40));
    const mean = values.reduce((total, value) => total + value, 0) / values.length;
    assert.ok(Math.abs(mean - 40) < 1, `mean ${mean}`);
  });

  it("publishes a rate only from published cells on both sides", () => {
    const policy = createDisclosurePolicy({ noiseSecret: secret });
    const suppressed = { count: null, patients: null, suppressed: true };
    const cell = (count: number) => ({ count, patients: 5, suppressed: false });
    assert.deepEqual(policy.publishRate([suppressed], [cell(20), suppressed]), { value: null, numerator: null, denominator: null, suppressed: true });
    assert.deepEqual(policy.publishRate([cell(5), suppressed], [cell(15), cell(5), suppressed]), {
      value: 0.25,
      numerator: 5,
      denominator: 20,
      suppressed: false,
    });
  });

  it("lists accessors of at least k patients with counts rounded to multiples of 5", () => {
    const policy = createDisclosurePolicy({ noiseSecret: secret });
    const list = policy.publishAccessors(
      [
        { actor: "0xa", accesses: 51, patients: 9 },
        { actor: "0xb", accesses: 3, patients: 4 },
        { actor: "0xc", accesses: 12, patients: 6 },
      ],
      ["researcher", "window"],
      10,
    );
    assert.deepEqual(list.map((row) => row.actor).sort(), ["0xa", "0xc"]);
    for (const row of list) assert.ok(row.accesses % 5 === 0 && row.patients % 5 === 0 && row.patients >= 5);
  });

  it("charges each new release once, per caller, and refuses past the day's budget", async () => {
    let now = new Date("2026-12-01T10:00:00Z");
    const policy = createDisclosurePolicy({ noiseSecret: secret, epsilonPerDay: 3, now: () => now });
    await policy.charge("alice", "q1", 1);
    await policy.charge("alice", "q1", 1);
    assert.equal((await policy.budgetOf("alice")).epsilonSpent, 1);
    await policy.charge("alice", "q2", 1);
    await policy.charge("alice", "q3", 1);
    await assert.rejects(
      () => policy.charge("alice", "q4", 1),
      (error: PrivacyBudgetExhaustedError) =>
        error.extensions.code === "PRIVACY_BUDGET_EXHAUSTED" &&
        error.kind === "PRIVACY_BUDGET_EXHAUSTED" &&
        (error.extensions.http as { status?: number } | undefined)?.status === 429,
    );
    await policy.charge("alice", "q2", 1);
    await policy.charge("bob", "q4", 1);
    assert.equal((await policy.budgetOf("alice")).resetsAt.toISOString(), "2026-12-02T00:00:00.000Z");
    now = new Date("2026-12-02T00:00:01Z");
    await policy.charge("alice", "q4", 1);
    assert.equal((await policy.budgetOf("alice")).epsilonSpent, 1);
  });
});
