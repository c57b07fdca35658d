// The one place that decides what an analytics answer may say (docs/disclosure-policy.md). Every number the
// analytics fields return is produced here from raw counts: windows snapped to whole buckets of one fixed grid, cells
// of fewer than k patients suppressed (and indistinguishable from empty ones), rates only from published cells,
// Laplace noise fixed per (caller, cell) so repeating a question cannot average it away, and a per-caller budget.
import { createHmac, randomBytes } from "node:crypto";
import type { CareTrailErrorKind } from "@caretrail/sdk/errors";
import laplace from "@stdlib/random-base-laplace";
import { GraphQLError } from "graphql";
import { badInput, HTTP_STATUS } from "../errors.js";

export type GridBucket = "DAY" | "WEEK";

export type DisclosurePolicyOptions = {
  /** Minimum distinct patients for a group to be published; never below 5. */
  k?: number;
  /** The one bucket every answer is cut into (the demo's 40 patients cannot fill daily groups of 5). */
  bucket?: GridBucket;
  /** The longest window, in buckets (bounds every list). */
  maxBuckets?: number;
  /** Privacy loss each caller may spend per UTC day, and what one new release of each statistic costs. */
  epsilonPerDay?: number;
  epsilonPerGrid?: number;
  epsilonPerAccessorList?: number;
  /** Keys the noise; keep it stable across restarts (and secret), or restarts hand out fresh noise. */
  noiseSecret?: Uint8Array;
  /** Where spent budgets live; in this process's memory unless given (src/state/apiState.ts shares it in Postgres). */
  ledger?: BudgetLedger;
  now?: () => Date;
};

export const MINIMUM_K = 5;
const DAY_MS = 86_400_000;
const bucketMs = (bucket: GridBucket) => (bucket === "WEEK" ? 7 * DAY_MS : DAY_MS);
/** 1970-01-01 was a Thursday: ISO weeks start on Mondays, 4 days later. */
const WEEK_ORIGIN_MS = 4 * DAY_MS;

/** The whole buckets an answer covers. `open` when the last one may still receive events (the indexer has not passed its end). */
export type SnappedWindow = {
  from: Date;
  to: Date;
  bucket: GridBucket;
  snapped: boolean;
  buckets: Date[];
  open: boolean;
  /** Distinguishes releases of the open bucket: the indexed height (new blocks may have changed it). */
  releaseTag: string;
};

/** What the projection says about how far the data goes. */
export type DataExtent = { earliest: Date | null; frontier: Date | null; frontierHeight: number | null };

export type RawCell = { count: number; patients: number };
export type PublishedCell = { count: number | null; patients: number | null; suppressed: boolean };
export type PublishedRate = { value: number | null; numerator: number | null; denominator: number | null; suppressed: boolean };
export type RawAccessor = { actor: string; accesses: number; patients: number };
export type PublishedAccessor = { actor: string; accesses: number; patients: number };
export type BudgetState = { epsilonTotal: number; epsilonSpent: number; epsilonRemaining: number; resetsAt: Date };

/** A GraphQLError (Apollo answers those with their code and status); `kind` is the SDK's, as on every CareTrailError. */
export class PrivacyBudgetExhaustedError extends GraphQLError {
  readonly kind = "PRIVACY_BUDGET_EXHAUSTED" satisfies CareTrailErrorKind;
  constructor(state: BudgetState, cost: number) {
    super(
      `Your privacy budget for today is spent (ε ${state.epsilonSpent} of ${state.epsilonTotal} used; this question needs ${cost}). ` +
        `Questions you have already asked cost nothing again; new ones can be asked after ${state.resetsAt.toISOString()}.`,
      {
        extensions: {
          code: "PRIVACY_BUDGET_EXHAUSTED",
          http: { status: HTTP_STATUS.PRIVACY_BUDGET_EXHAUSTED },
          budget: { ...state, resetsAt: state.resetsAt.toISOString() },
        },
      },
    );
  }
}

export type DisclosurePolicy = ReturnType<typeof createDisclosurePolicy>;

export function createDisclosurePolicy(options: DisclosurePolicyOptions = {}) {
  const k = options.k ?? MINIMUM_K;
  if (!Number.isInteger(k) || k < MINIMUM_K) throw new Error(`k must be an integer of at least ${MINIMUM_K}, not ${k}.`);
  const bucket = options.bucket ?? "WEEK";
  const maxBuckets = options.maxBuckets ?? 106;
  const epsilonPerDay = options.epsilonPerDay ?? 50;
  const epsilonPerGrid = options.epsilonPerGrid ?? 1;
  const epsilonPerAccessorList = options.epsilonPerAccessorList ?? 1;
  const secret = options.noiseSecret ?? randomBytes(32);
  const now = options.now ?? (() => new Date());
  const size = bucketMs(bucket);
  const origin = bucket === "WEEK" ? WEEK_ORIGIN_MS : 0;
  const floor = (ms: number) => Math.floor((ms - origin) / size) * size + origin;
  const ceil = (ms: number) => Math.ceil((ms - origin) / size) * size + origin;

  /** Snap a requested window to whole buckets of the grid, clipped to the data (an empty future adds nothing). */
  function checkRequestedWindow({ from, to }: { from?: Date | null; to?: Date | null }): void {
    if (from && to && from.getTime() >= to.getTime()) {
      throw badInput(`The window is inverted or empty: from (${from.toISOString()}) must be before to (${to.toISOString()}).`);
    }
  }

  function snapWindow(requested: { from?: Date | null; to?: Date | null }, extent: DataExtent): SnappedWindow {
    const { from, to } = requested;
    checkRequestedWindow(requested);
    const frontier = extent.frontier?.getTime() ?? now().getTime();
    // The bucket holding the frontier is the last one with data; later buckets are empty by construction.
    const lastEnd = floor(frontier) + size;
    const firstStart = floor(extent.earliest?.getTime() ?? frontier);
    let start = from ? floor(from.getTime()) : firstStart;
    let end = to ? Math.min(ceil(to.getTime()), lastEnd) : lastEnd;
    if (!from) start = Math.max(start, end - maxBuckets * size);
    if (end < start) end = start;
    const count = (end - start) / size;
    if (count > maxBuckets) {
      throw badInput(`The window spans ${count} ${bucket.toLowerCase()}s; at most ${maxBuckets} are answered at once. Narrow from/to.`);
    }
    const snapped = Boolean((from && from.getTime() !== start) || (to && to.getTime() !== end));
    const buckets = Array.from({ length: count }, (_, index) => new Date(start + index * size));
    const open = end === lastEnd && count > 0;
    return {
      from: new Date(start),
      to: new Date(end),
      bucket,
      snapped,
      buckets,
      open,
      releaseTag: open ? `open@${extent.frontierHeight ?? frontier}` : "closed",
    };
  }

  // The library's Laplace sampler, fed a uniform drawn from HMAC-SHA256(secret, key): a keyed PRF, so the same
  // question always gets the same noise and nobody without the secret can predict it.
  let uniform = 0.5;
  const samplers = new Map<number, () => number>();
  function noise(scale: number, key: readonly (string | number)[]): number {
    const digest = createHmac("sha256", secret).update(key.join("\u001f")).digest();
    // 53 random bits in (0, 1): never exactly 0, where the inverse CDF is infinite.
    uniform = (Number(digest.readBigUInt64BE(0) >> 11n) + 0.5) / 2 ** 53;
    let sample = samplers.get(scale);
    if (!sample) {
      sample = laplace.factory(0, scale, { prng: () => uniform });
      samplers.set(scale, sample);
    }
    return sample();
  }

  /** One grid cell: suppressed below k patients (zero included), otherwise noised (L1 sensitivity 2 per release). */
  function publishCell(raw: RawCell | undefined, key: readonly (string | number)[]): PublishedCell {
    if (!raw || raw.patients < k) return { count: null, patients: null, suppressed: true };
    const scale = 2 / epsilonPerGrid;
    const patients = Math.max(k, Math.round(raw.patients + noise(scale, [...key, "patients"])));
    const count = Math.max(patients, Math.round(raw.count + noise(scale, [...key, "count"])));
    return { count, patients, suppressed: false };
  }

  /** A rate from published cells only, so no difference of two rates says more than the cells already do. */
  function publishRate(numerator: PublishedCell[], denominator: PublishedCell[]): PublishedRate {
    const sum = (cells: PublishedCell[]) => cells.reduce((total, cell) => total + (cell.count ?? 0), 0);
    if (!numerator.some((cell) => !cell.suppressed) || !denominator.some((cell) => !cell.suppressed)) {
      return { value: null, numerator: null, denominator: null, suppressed: true };
    }
    const [top, bottom] = [sum(numerator), sum(denominator)];
    return { value: bottom === 0 ? null : Math.min(1, top / bottom), numerator: top, denominator: bottom, suppressed: false };
  }

  /** Accessors touching at least k patients, counts noised then rounded to multiples of 5 (differences say nothing below 5). */
  function publishAccessors(rows: RawAccessor[], key: readonly (string | number)[], first: number): PublishedAccessor[] {
    const scale = 2 / epsilonPerAccessorList;
    const roundTo5 = (value: number) => Math.max(5, Math.round(value / 5) * 5);
    return rows
      .filter((row) => row.patients >= k)
      .map((row) => ({
        actor: row.actor,
        accesses: roundTo5(row.accesses + noise(scale, [...key, row.actor, "accesses"])),
        patients: roundTo5(row.patients + noise(scale, [...key, row.actor, "patients"])),
      }))
      .sort((a, b) => b.accesses - a.accesses || a.actor.localeCompare(b.actor))
      .slice(0, first);
  }

  const ledger = options.ledger ?? createMemoryBudgetLedger();
  const today = () => Math.floor(now().getTime() / DAY_MS);
  const stateOf = (day: number, spent: number): BudgetState => ({
    epsilonTotal: epsilonPerDay,
    epsilonSpent: spent,
    epsilonRemaining: Math.max(0, epsilonPerDay - spent),
    resetsAt: new Date((day + 1) * DAY_MS),
  });

  /** Spend `cost` for a release the caller does not hold yet (repeats are free: same noise, nothing new); refuse past the day's budget. */
  async function charge(caller: string, release: string, cost: number): Promise<void> {
    const day = today();
    const outcome = await ledger.spend({ caller, day, release, cost, limit: epsilonPerDay + 1e-9 });
    if (!outcome.charged) throw new PrivacyBudgetExhaustedError(stateOf(day, outcome.spent), cost);
  }

  async function budgetOf(caller: string): Promise<BudgetState> {
    const day = today();
    return stateOf(day, await ledger.spentOn(caller, day));
  }

  return {
    k,
    bucket,
    maxBuckets,
    costs: { grid: epsilonPerGrid, accessorList: epsilonPerAccessorList },
    checkRequestedWindow,
    snapWindow,
    publishCell,
    publishRate,
    publishAccessors,
    charge,
    budgetOf,
  };
}

/** A day's spending per caller: which releases they hold and what they cost. */
export type BudgetLedger = {
  /** Records `release` for `caller` on `day` unless held already (free) or over `limit` (refused); atomic per caller. */
  spend: (charge: { caller: string; day: number; release: string; cost: number; limit: number }) => Promise<{ charged: boolean; spent: number }>;
  spentOn: (caller: string, day: number) => Promise<number>;
};

const roundSpent = (value: number) => Math.round(value * 1e6) / 1e6;

export function createMemoryBudgetLedger(): BudgetLedger {
  const accounts = new Map<string, { day: number; spent: number; releases: Set<string> }>();
  const accountOf = (caller: string, day: number) => {
    let account = accounts.get(caller);
    if (!account || account.day !== day) {
      account = { day, spent: 0, releases: new Set() };
      accounts.set(caller, account);
    }
    return account;
  };
  return {
    spend: async ({ caller, day, release, cost, limit }) => {
      const account = accountOf(caller, day);
      if (account.releases.has(release)) return { charged: true, spent: account.spent };
      if (account.spent + cost > limit) return { charged: false, spent: account.spent };
      account.spent = roundSpent(account.spent + cost);
      account.releases.add(release);
      return { charged: true, spent: account.spent };
    },
    spentOn: async (caller, day) => accountOf(caller, day).spent,
  };
}

let current: DisclosurePolicy = createDisclosurePolicy();

/** The policy every analytics answer passes through. */
export const disclosurePolicy = (): DisclosurePolicy => current;

/** Replace the process's policy (a deployment's k, bucket, budget, or a stable noise secret). */
export function useDisclosurePolicy(policy: DisclosurePolicy): void {
  current = policy;
}
