// The re-identification attacks of the trust review, replayed against the real stack: each must recover nothing about a
// group of fewer than k patients. Every number here comes from the API as a researcher sees it; the auditor's timeline
// supplies the ground truth the attacker is trying to learn.
import assert from "node:assert/strict";
import { before, test } from "node:test";
import { Purpose, RecordCategory } from "@caretrail/sdk";
import { errorCode, signIn, type ApiClient } from "../support/client.ts";
import { cast } from "../support/scenario.ts";
import type { World } from "../support/world.ts";

const K = 5;
const ROLES = ["PATIENT", "PROVIDER", "INSURER", "AUDITOR", "RESEARCHER", null];
const OUTCOMES = ["GRANTED", "DENIED"];
const SMALL = (difference: number) => difference >= 1 && difference < K;

type Cell = { bucketStart: string; outcome: string; actorRole: string | null; count: number | null; patients: number | null; suppressed: boolean };
type Accessor = { actor: string; accesses: number; patients: number };

const ANSWER = `query($filter: AnalyticsFilter) { analytics(filter: $filter) {
  accesses(bucket: DAY) { bucketStart outcome actorRole count patients suppressed }
  denialRate { value numerator denominator suppressed }
  emergencyRate { value numerator denominator suppressed }
  consents(bucket: DAY) { bucketStart action count suppressed }
  busiestAccessors(first: 50) { actor accesses patients } } }`;

export function analyticsSuite(world: () => World): void {
  let researcher: ApiClient;
  /** When the events the attacker hunts for happened (ground truth from the auditor's timeline). */
  const truth = { strangerDenial: "", emergency: "", providerDenial: "", first: "" };

  const ask = async (filter: Record<string, unknown>, client = researcher) => {
    const result = await client.query(ANSWER, { filter });
    assert.equal(result.errors, undefined, JSON.stringify(result.errors));
    return result.data.analytics;
  };
  const shift = (iso: string, ms: number) => new Date(Date.parse(iso) + ms).toISOString();

  before(async () => {
    const { stack, scenario, clients } = world();
    // A one-patient denial by the provider everyone consented to (payment is not a purpose they were granted).
    const provider = stack.careTrail.connect(stack.account(cast.provider));
    await (await provider.requestAccess(scenario.patient, RecordCategory.Vitals, Purpose.Payment)).wait();
    await stack.waitForIndexer();
    researcher = clients.researcher;
    const events = (
      await clients.auditor.query(`{ auditTimeline(first: 200, order: ASC) { edges { node { kind actor actorRole position { blockTimestamp } } } } }`)
    ).data.auditTimeline.edges.map(
      (edge: { node: { kind: string; actor: string; actorRole: string | null; position: { blockTimestamp: string } } }) => edge.node,
    );
    const at = (kind: string, actor: number) =>
      events.filter((event: { kind: string; actor: string }) => event.kind === kind && event.actor === scenario.addressOf(actor)).at(-1)!.position
        .blockTimestamp;
    truth.strangerDenial = at("DENIAL", cast.stranger);
    truth.emergency = at("EMERGENCY", cast.emergencyProvider);
    truth.providerDenial = at("DENIAL", cast.provider);
    truth.first = events[0].position.blockTimestamp;
  });

  test("the grid: every cell of bucket x kind x role, groups of fewer than k = 5 patients suppressed", async () => {
    const result = await researcher.query(`{ analytics { k window { bucket open }
      accesses { bucketStart kind outcome actorRole count patients suppressed }
      denialRate { value numerator denominator suppressed } consents { action count patients suppressed } } }`);
    assert.equal(result.errors, undefined, JSON.stringify(result.errors));
    const analytics = result.data.analytics;
    assert.equal(analytics.k, K);
    assert.equal(analytics.window.bucket, "WEEK");
    const buckets = new Set(analytics.accesses.map((cell: Cell) => cell.bucketStart)).size;
    assert.equal(analytics.accesses.length, buckets * 4 * ROLES.length, "4 kinds x 6 roles per bucket");
    assert.ok(!analytics.accesses.some((cell: { kind: string }) => cell.kind === "REQUEST"));
    // The provider's grants cover all six patients: published, noised, never below k.
    const grants = analytics.accesses.filter((cell: { kind: string; actorRole: string }) => cell.kind === "GRANT" && cell.actorRole === "PROVIDER");
    assert.ok(grants.some((cell: Cell) => !cell.suppressed && cell.patients! >= K && cell.count! >= cell.patients!));
    for (const cell of analytics.accesses as Cell[]) {
      if (cell.suppressed) assert.deepEqual([cell.count, cell.patients], [null, null]);
      else assert.ok(cell.patients! >= K);
    }
    // The insurer touched one patient; every denial group here is under k, so the denial rate is not published.
    assert.ok(analytics.accesses.filter((cell: Cell) => cell.actorRole === "INSURER").every((cell: Cell) => cell.suppressed));
    assert.equal(analytics.denialRate.suppressed, true);
    assert.equal(analytics.consents.find((cell: { action: string }) => cell.action === "REVOKED").suppressed, true);
    assert.equal(errorCode(await researcher.query(`{ analytics(filter: { kinds: [REQUEST] }) { accesses { count } } }`)), "BAD_USER_INPUT");
  });

  test("attack 1: shrinking windows cannot locate a one-patient denial in time", async () => {
    // The attacker's predicate: "the unregistered actor's denial group is in this window" (present, even suppressed).
    const present = (answer: { accesses: Cell[] }) =>
      answer.accesses.some((cell) => cell.outcome === "DENIED" && cell.actorRole === null && (!cell.suppressed || cell.count !== 0));
    const answers = [];
    let lo = Date.parse(truth.first) - 60 * 60_000;
    let hi = Date.now() + 60_000;
    for (let probe = 0; probe < 17; probe++) {
      const mid = Math.floor((lo + hi) / 2);
      const answer = await ask({ from: new Date(lo).toISOString(), to: new Date(mid).toISOString() });
      answers.push(answer);
      if (present(answer)) hi = mid;
      else lo = mid;
    }
    const located = Date.parse(truth.strangerDenial) >= lo && Date.parse(truth.strangerDenial) < hi + 1000 && hi - lo < 24 * 60 * 60_000;
    assert.equal(located, false, `17 windows located the denial within ${Math.round((hi - lo) / 1000)} s`);
    // Stronger: no probe told the attacker anything another probe did not; sub-bucket windows all give one answer.
    for (const answer of answers.slice(1)) assert.deepEqual(answer.accesses, answers[0].accesses);
  });

  test("attack 2: the difference of two unsuppressed answers isolates nobody", async () => {
    const everything = await ask({});
    const variants = [
      await ask({ kinds: ["GRANT", "DENIAL"] }),
      await ask({ kinds: ["GRANT", "DENIAL", "EMERGENCY"] }),
      await ask({ to: truth.emergency }),
      await ask({ to: shift(truth.emergency, 1000) }),
      await ask({ from: shift(truth.strangerDenial, 1000) }),
      await ask({ from: truth.strangerDenial }),
    ];
    const answers = [everything, ...variants];
    for (const a of answers) {
      for (const b of answers) {
        for (const rate of ["denialRate", "emergencyRate"] as const) {
          for (const part of ["numerator", "denominator"] as const) {
            if (a[rate][part] === null || b[rate][part] === null) continue;
            const difference = a[rate][part] - b[rate][part];
            assert.equal(SMALL(difference), false, `${rate}.${part} differs by ${difference}: a group of fewer than ${K} patients isolated`);
          }
        }
        const cells = (answer: { accesses: Cell[] }) => {
          const seen = new Map<string, number>();
          return new Map(
            answer.accesses.map((cell) => {
              const group = `${cell.bucketStart}|${cell.outcome}|${cell.actorRole}`;
              seen.set(group, (seen.get(group) ?? 0) + 1);
              return [`${group}|${seen.get(group)}`, cell.count];
            }),
          );
        };
        const [left, right] = [cells(a), cells(b)];
        for (const [key, count] of left) {
          const other = right.get(key);
          if (count === null || other === null || other === undefined) continue;
          assert.equal(SMALL(count - other), false, `cell ${key} differs by ${count - other} between two answers`);
        }
      }
    }
  });

  test("attack 3: a rate whose numerator covers fewer than k patients is not published", async () => {
    // One emergency access, one patient: its count must never appear, whatever the window or filter.
    for (const filter of [{}, { kinds: ["EMERGENCY", "GRANT"] }, { from: truth.first }, { to: shift(truth.emergency, 1000) }]) {
      const { emergencyRate } = await ask(filter);
      assert.equal(emergencyRate.suppressed, true, `emergency rate published for ${JSON.stringify(filter)}: ${JSON.stringify(emergencyRate)}`);
      assert.equal(emergencyRate.numerator, null);
      assert.equal(emergencyRate.value, null);
    }
  });

  test("attack 4: a suppressed cell does not say whether its group exists", async () => {
    const answer = await ask({});
    const buckets = new Set(answer.accesses.map((cell: Cell) => cell.bucketStart));
    assert.ok(buckets.size > 0);
    for (const bucket of buckets) {
      for (const outcome of OUTCOMES) {
        for (const role of ROLES) {
          const cell = answer.accesses.find((row: Cell) => row.bucketStart === bucket && row.outcome === outcome && row.actorRole === role);
          assert.ok(cell, `the grid has no cell for ${String(bucket)} ${outcome} ${role}: absent and present groups can be told apart`);
        }
      }
    }
    // The insurer (one patient) and the auditor (no access at all) look the same.
    const insurerDenials = answer.accesses.filter((cell: Cell) => cell.actorRole === "INSURER" && cell.outcome === "DENIED");
    const auditorDenials = answer.accesses.filter((cell: Cell) => cell.actorRole === "AUDITOR" && cell.outcome === "DENIED");
    assert.deepEqual(
      insurerDenials.map(({ actorRole: _role, ...rest }: Cell) => rest),
      auditorDenials.map(({ actorRole: _role, ...rest }: Cell) => rest),
    );
    for (const cell of insurerDenials) assert.equal(cell.suppressed, true);
    // Consents: one revocation and none at all look the same too (every bucket carries both actions).
    const consentBuckets = new Set(answer.consents.map((cell: { bucketStart: string }) => cell.bucketStart));
    for (const bucket of consentBuckets) {
      const actions = answer.consents
        .filter((cell: { bucketStart: string }) => cell.bucketStart === bucket)
        .map((cell: { action: string }) => cell.action)
        .sort();
      assert.deepEqual(actions, ["GRANTED", "REVOKED"]);
    }
  });

  test("attack 5: the busiest-accessors list, differenced, names no provider's small-group activity", async () => {
    const { scenario } = world();
    const providerAddress = scenario.addressOf(cast.provider);
    const lists: Accessor[][] = [];
    for (const filter of [
      {},
      { kinds: ["GRANT"] },
      { kinds: ["GRANT", "DENIAL"] },
      { kinds: ["GRANT", "EMERGENCY"] },
      { to: truth.providerDenial },
      { to: shift(truth.providerDenial, 1000) },
    ]) {
      lists.push((await ask(filter)).busiestAccessors);
    }
    const named = new Set(lists.flat().map((accessor) => accessor.actor));
    for (const fewer of [cast.emergencyProvider, cast.insurer, cast.stranger]) {
      assert.equal(named.has(scenario.addressOf(fewer)), false, `dev account ${fewer} touched fewer than ${K} patients but is named`);
    }
    const counts = lists.map((list) => list.find((accessor) => accessor.actor === providerAddress)?.accesses).filter((count) => count !== undefined);
    for (const a of counts) for (const b of counts) assert.equal(SMALL(Math.abs(a - b)), false, `the provider's accesses differ by ${a - b} between two lists`);
    for (const accessor of lists.flat()) assert.equal(accessor.accesses % K, 0, "accessor counts are published rounded to multiples of k");
  });

  test("the window of every answer is whole buckets and says so; an inverted range is refused", async () => {
    const result = await researcher.query(`query($filter: AnalyticsFilter) { analytics(filter: $filter) { k window { from to bucket snapped } } }`, {
      filter: { from: shift(truth.first, 1234), to: shift(truth.first, 5678) },
    });
    assert.equal(result.errors, undefined, JSON.stringify(result.errors));
    const { window } = result.data.analytics;
    assert.equal(window.snapped, true);
    assert.equal(window.bucket, "WEEK");
    const from = new Date(window.from);
    assert.equal(from.getUTCDay(), 1, "weeks start on Monday");
    assert.equal(from.getUTCHours() + from.getUTCMinutes() + from.getUTCSeconds() + from.getUTCMilliseconds(), 0);
    assert.equal((Date.parse(window.to) - Date.parse(window.from)) % (7 * 86_400_000), 0);
    const inverted = await researcher.query(`{ analytics(filter: { from: "2026-03-01T00:00:00Z", to: "2026-02-01T00:00:00Z" }) { k } }`);
    assert.equal(errorCode(inverted), "BAD_USER_INPUT");
    assert.match(inverted.errors![0]!.message, /from.*before.*to|inverted/i);
  });

  test("the same question gets the same noisy answer, and each new question spends the researcher's budget", async () => {
    const { stack } = world();
    // The governance account has a budget of its own: spend it without touching the researcher's.
    const analyst = await signIn(stack.api.url, cast.governance);
    const budget = `{ analytics { privacyBudget { epsilonTotal epsilonSpent epsilonRemaining } } }`;
    const first = await ask({ kinds: ["GRANT"] }, analyst);
    const again = await ask({ kinds: ["GRANT"] }, analyst);
    assert.deepEqual(again, first, "repeating a query must not draw fresh noise");
    const spentBefore = (await analyst.query(budget)).data.analytics.privacyBudget.epsilonSpent;
    await ask({ kinds: ["GRANT"] }, analyst);
    assert.equal((await analyst.query(budget)).data.analytics.privacyBudget.epsilonSpent, spentBefore, "a repeated question costs nothing");
    let refusal;
    for (let week = 1; week <= 100 && !refusal; week++) {
      const result = await analyst.query(`query($f: AnalyticsFilter) { analytics(filter: $f) { busiestAccessors { actor } } }`, {
        f: { from: new Date(Date.now() - week * 7 * 86_400_000).toISOString() },
      });
      if (result.errors) refusal = result;
    }
    assert.ok(refusal, "the budget never ran out");
    assert.equal(errorCode(refusal), "PRIVACY_BUDGET_EXHAUSTED");
    assert.match(refusal.errors![0]!.message, /budget/i);
    // Another researcher's budget is untouched.
    assert.equal((await researcher.query(budget)).errors, undefined);
  });
}
