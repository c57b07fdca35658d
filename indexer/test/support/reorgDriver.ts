// Drives reorgs on a Hardhat chain the indexer follows: blocks the indexer has already indexed are replaced
// (evm_snapshot / evm_revert) by a different branch that is longer, as long, or shorter, whose transactions
// touch the same consents and tickets. runReorgCases is the whole suite: test/reorgDepths.test.ts runs three
// cases, test/soak/reorgMatrix.soak.ts the full matrix.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { keccak256, toUtf8Bytes } from "ethers";
import { devAccount } from "@caretrail/devstack";
import { Purpose, RecordCategory, Role, scopeOf } from "@caretrail/sdk";
import { readIndexerProgress } from "../../src/indexerProgress.ts";
import { EVENT_TABLES, projectLogs, readTable, type Projection } from "./projection.ts";
import { startStack, type Stack } from "./stack.ts";

export type BranchLength = "longer" | "equal" | "shorter";
export type ReorgCase = { depth: number; branch: BranchLength };
export type ReorgOutcome = ReorgCase & { forkHeight: number; oldHead: number; newHead: number; convergedMs: number };

const PATIENT = 1;
const PROVIDER = 3;
const INSURER = 5;
const DAY = 24 * 3600;
/** State tables: a row that only an orphaned branch wrote must be gone too. */
const STATE_TABLES = [
  "accounts",
  "patients",
  "providers",
  "third_parties",
  "consents",
  "consent_versions",
  "records",
  "record_versions",
  "access_tickets",
  "role_members",
];

/** Enrols the patient, credentials a provider, registers an insurer and gives it consent: what the branches touch. */
export async function prepareReorgActors(stack: Stack): Promise<void> {
  const { careTrail } = stack;
  const wallet = (index: number) => devAccount(index, stack.provider);
  await (await careTrail.connect(wallet(PATIENT)).enrolPatient(keccak256(toUtf8Bytes("reorg-patient")))).wait();
  await (await careTrail.connect(wallet(0)).credentialProvider(wallet(PROVIDER).address, keccak256(toUtf8Bytes("reorg-licence")), 207)).wait();
  await (await careTrail.connect(wallet(0)).registerThirdParty(wallet(INSURER).address, Role.Insurer)).wait();
  await grant(stack, "setup");
}

async function grant(stack: Stack, label: string): Promise<void> {
  const now = (await stack.provider.getBlock("latest"))!.timestamp;
  // The expiry depends on the branch, so the same consent gets different versions on different branches.
  const expiresAt = BigInt(now + 30 * DAY + Number(BigInt(keccak256(toUtf8Bytes(label))) % 1000n));
  await (
    await stack.careTrail
      .connect(devAccount(PATIENT, stack.provider))
      .grantConsent(devAccount(INSURER, stack.provider).address, scopeOf(RecordCategory.Labs), Purpose.Payment, expiresAt)
  ).wait();
}

/** Mines `blocks` blocks, one transaction each: consent re-grants, granted requests (tickets) and denied ones. */
async function mineBranch(stack: Stack, blocks: number, label: string): Promise<void> {
  const { careTrail, provider } = stack;
  const insurer = careTrail.connect(devAccount(INSURER, provider));
  const patient = devAccount(PATIENT, provider).address;
  const target = (await provider.getBlockNumber()) + blocks;
  for (let i = 0; (await provider.getBlockNumber()) < target; i++) {
    if (i % 3 === 0) await grant(stack, `${label}:${i}`);
    else if (i % 3 === 1) await (await insurer.requestAccess(patient, RecordCategory.Labs, Purpose.Payment)).wait();
    else await (await insurer.requestAccess(patient, RecordCategory.Vitals, Purpose.Payment)).wait();
  }
}

/** Produces one block a second (Hardhat interval mining) on top of automine, or stops doing so with 0. */
export async function setBlockInterval(stack: Stack, ms: number): Promise<void> {
  await stack.provider.send("evm_setIntervalMining", [ms]);
}

/**
 * Lets the indexer index `depth` new blocks, replaces them with a branch of depth+1, depth or depth-1 blocks,
 * and waits until every table equals the projection of the new chain (the oracle built from eth_getLogs).
 */
export async function replaceIndexedBlocks(stack: Stack, dbSchema: string, { depth, branch }: ReorgCase, convergeMs: number): Promise<ReorgOutcome> {
  const { provider } = stack;
  const label = `${depth}-${branch}-${Date.now()}`;
  const snapshot = await provider.send("evm_snapshot", []);
  const forkHeight = await provider.getBlockNumber();
  await mineBranch(stack, depth, `old:${label}`);
  const oldHead = await provider.getBlockNumber();
  await stack.waitForHeight(dbSchema, oldHead);
  assert.equal(await provider.send("evm_revert", [snapshot]), true, "evm_revert refused the snapshot");
  const length = branch === "longer" ? depth + 1 : branch === "equal" ? depth : depth - 1;
  await mineBranch(stack, length, `new:${label}`);
  const newHead = await provider.getBlockNumber();
  const started = Date.now();
  const difference = await waitUntilProjectionMatches(stack, dbSchema, Math.max(newHead, forkHeight + 1), convergeMs);
  assert.equal(
    difference,
    undefined,
    `depth ${depth}, ${branch} branch: not equal to the new chain after ${convergeMs} ms: ${difference}\n${stack.indexerLog()}`,
  );
  return { depth, branch, forkHeight, oldHead, newHead, convergedMs: Date.now() - started };
}

/** Polls until the tables equal the projection of the chain up to the indexed height (>= minHeight); the last difference otherwise. */
export async function waitUntilProjectionMatches(stack: Stack, dbSchema: string, minHeight: number, timeoutMs: number): Promise<string | undefined> {
  const deadline = Date.now() + timeoutMs;
  let difference: string | undefined = "never compared";
  while (Date.now() < deadline) {
    const indexed = (await readIndexerProgress({ database: stack.sql, dbSchema }).catch(() => undefined))?.lastProcessedHeight;
    if (indexed !== undefined && indexed >= minHeight) {
      const expected = await projectLogs(stack.provider, stack.deployment.address, stack.deployment.startBlock, indexed);
      // The tables as of `indexed` (their historical state): on a loaded machine the indexer following a block a
      // second moves on while a comparison runs, and the current rows would never hold still long enough.
      difference = await compareWithProjection(stack, dbSchema, expected, indexed).catch((error: unknown) => `could not read: ${String(error)}`);
      // Rows above the height the indexer has committed (an orphaned branch's, never rolled back) would not show as of `indexed`.
      if (difference === undefined) difference = await rowsAboveIndexedHeight(stack, dbSchema);
      if (difference === undefined) return undefined;
    } else {
      difference = `indexed height ${indexed} below ${minHeight}`;
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return difference;
}

/** Rows written at a height above the indexer's committed height (read after them), or undefined. */
async function rowsAboveIndexedHeight(stack: Stack, dbSchema: string): Promise<string | undefined> {
  const tables = [...new Set([...EVENT_TABLES, ...STATE_TABLES])];
  const tops = await Promise.all(
    tables.map(async (table) => {
      const rows = await stack.sql.unsafe(`select max(lower(_block_range))::int as top from "${dbSchema}"."${table}"`);
      return { table, top: rows[0]!.top as number | null };
    }),
  );
  const indexed = (await readIndexerProgress({ database: stack.sql, dbSchema }))?.lastProcessedHeight ?? -1;
  const above = tops.filter(({ top }) => top !== null && top > indexed);
  return above.length ? `rows above the indexed height ${indexed}: ${above.map(({ table, top }) => `${table} (block ${top})`).join(", ")}` : undefined;
}

/** The first table whose current rows differ from the projection (missing, extra or different rows), or undefined. */
export async function compareWithProjection(stack: Stack, dbSchema: string, expected: Projection, atHeight?: number): Promise<string | undefined> {
  for (const table of new Set([...expected.keys(), ...EVENT_TABLES, ...STATE_TABLES])) {
    const rows = expected.get(table);
    if (!rows) {
      const extra = await stack.sql.unsafe(
        `select id from "${dbSchema}"."${table}" where ` + (atHeight === undefined ? "upper_inf(_block_range)" : "_block_range @> $1::bigint"),
        atHeight === undefined ? [] : [atHeight],
      );
      if (extra.length)
        return `${table}: ${extra.length} rows the chain does not have (${extra
          .slice(0, 3)
          .map((row) => row.id)
          .join(", ")})`;
      continue;
    }
    const columns = Object.keys(rows.values().next().value!);
    const actual = await readTable(stack.sql, dbSchema, table, columns, atHeight);
    const missing = [...rows.keys()].filter((id) => !actual.has(id));
    const extra = [...actual.keys()].filter((id) => !rows.has(id));
    const different = [...rows.keys()].filter((id) => actual.has(id) && JSON.stringify(actual.get(id)) !== JSON.stringify(rows.get(id)));
    if (missing.length || extra.length || different.length) {
      return (
        `${table}: ${missing.length} missing, ${extra.length} extra, ${different.length} different` +
        (different[0] ? ` (e.g. ${different[0]}: ${JSON.stringify(actual.get(different[0]))} != ${JSON.stringify(rows.get(different[0]))})` : "")
      );
    }
  }
  return undefined;
}

/** A case of the suite: `idle` stops block production first (a shorter branch must win without new blocks). */
export type ReorgSuiteCase = ReorgCase & { idle?: boolean };

export type ReorgSuiteOptions = {
  dbSchema: string;
  /** INDEXER_REORG_DEPTH: cases deeper than this must still be followed. */
  reorgDepth: number;
  /** A rollback runs SubQuery's reindex and starts the node again: generous, the machine may be loaded. */
  convergeMs: number;
  /** Called once at the end with every case followed and the runner's reorg lines. */
  report: (outcomes: ReorgOutcome[], reorgNotices: string[]) => void;
};

/**
 * Registers the reorg suite with node:test: one indexer following a chain that produces a block a second, then
 * each case in order; after each the tables must equal the new chain and the indexer must still be running.
 */
export function runReorgCases(cases: ReorgSuiteCase[], { dbSchema, reorgDepth, convergeMs, report }: ReorgSuiteOptions): void {
  let stack: Stack;
  const outcomes: ReorgOutcome[] = [];

  before(async () => {
    stack = await startStack();
    await prepareReorgActors(stack);
    await stack.startIndexer(dbSchema, [], { reorgDepth });
    await stack.waitForHeight(dbSchema, await stack.provider.getBlockNumber());
    await setBlockInterval(stack, 1_000);
  });

  after(async () => {
    if (stack)
      report(
        outcomes,
        stack.indexerNotices().filter((line) => /reorg/i.test(line)),
      );
    await stack?.stop();
  });

  for (const { depth, branch, idle } of cases) {
    const deeper = depth > reorgDepth ? ` (deeper than the reorg depth ${reorgDepth})` : "";
    const subject = `${idle ? "on an idle chain, " : ""}${depth} indexed block${depth === 1 ? "" : "s"}${deeper}`;
    test(`${subject} replaced by ${branch === "equal" ? "an" : "a"} ${branch} branch: tables equal the new chain`, async () => {
      if (idle) await setBlockInterval(stack, 0);
      outcomes.push(await replaceIndexedBlocks(stack, dbSchema, { depth, branch }, convergeMs));
      assert.ok(stack.indexerRunning(), `the indexer exited:\n${stack.indexerLog()}`);
    });
  }
}
