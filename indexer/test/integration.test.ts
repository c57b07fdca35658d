import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { readIndexerProgress } from "../src/indexerProgress.ts";
import { EVENT_TABLES, projectLogs, readTable, type Projection } from "./support/projection.ts";
import { runScenario } from "./support/scenario.ts";
import { startStack, type Stack } from "./support/stack.ts";

const DB_SCHEMA = "integration";
let stack: Stack;
let expected: Projection;
let head: number;

before(async () => {
  stack = await startStack();
  await runScenario(stack);
  head = await stack.provider.getBlockNumber();
  expected = await projectLogs(stack.provider, stack.deployment.address, stack.deployment.startBlock, head);
  await stack.startIndexer(DB_SCHEMA);
  await stack.waitForHeight(DB_SCHEMA, head);
});

after(async () => {
  await stack?.stop();
});

test("the scenario emits every event of the CareTrail ABI", () => {
  const projectedTables = [...expected.keys()];
  // The scenario revokes no role and changes neither a role admin nor the EIP-712 domain.
  const notInScenario = new Set(["role_revoked_events", "role_admin_changed_events", "eip712_domain_changed_events"]);
  for (const table of EVENT_TABLES.filter((name) => !notInScenario.has(name))) {
    assert.ok(projectedTables.includes(table), `the scenario emitted no row for ${table}`);
  }
  const kinds = new Set([...expected.get("access_events")!.values()].map((row) => `${row.kind}/${row.denial_reason ?? ""}`));
  for (const kind of [
    "Request/",
    "Grant/",
    "Denial/CategoryNotInScope",
    "Denial/Unregistered",
    "Denial/NoConsent",
    "Denial/ConsentRevoked",
    "Denial/ProviderSuspended",
    "Emergency/",
    "Read/",
  ]) {
    assert.ok(kinds.has(kind), `the scenario emitted no ${kind} access event`);
  }
  const signedGrants = [...expected.get("consent_versions")!.values()].filter((row) => row.via_signature);
  assert.equal(signedGrants.length, 2, "two consents are granted by EIP-712 signature: one relayed, one submitted by the patient");
  const voids = [...expected.get("access_tickets")!.values()]
    .map((row) => row.void_reason)
    .filter(Boolean)
    .sort();
  assert.deepEqual(voids, ["ConsentReplaced", "ConsentRevoked", "ProviderSuspended", "ThirdPartyRemoved"]);
  const reads = [...expected.get("access_events")!.values()].filter((row) => row.kind === "Read");
  assert.deepEqual(reads.map((row) => row.purpose).sort(), ["None", "Treatment"], "a read under never-issued terms keeps purpose None");
  assert.ok(
    reads.every((row) => row.category === 2),
    "a read carries the category of the record read (Labs)",
  );
});

test("every table equals the projection computed from eth_getLogs, row by row", async () => {
  for (const [table, rows] of expected) {
    const columns = Object.keys(rows.values().next().value!);
    const actual = await readTable(stack.sql, DB_SCHEMA, table, columns);
    assert.deepEqual(sorted(actual), sorted(rows), `table ${table} differs from the chain`);
  }
});

test("the metadata table reports the indexer at the chain head", async () => {
  const progress = await readIndexerProgress({ database: stack.sql, dbSchema: DB_SCHEMA });
  assert.ok(progress.lastProcessedHeight! >= head);
  assert.ok(progress.targetHeight! >= head);
  assert.equal(progress.chainId, "31337");
});

test("a record's versions form a chain: the amendment supersedes the original", async () => {
  const rows = await stack.sql.unsafe(
    `select v.id, v.version, v.supersedes_id, v.superseded_by_id, r.latest_id, r.version_count
       from "${DB_SCHEMA}".record_versions v join "${DB_SCHEMA}".records r on r.id = v.record_id
      where upper_inf(v._block_range) and upper_inf(r._block_range) and v.category = 2 order by v.version`,
  );
  assert.equal(rows.length, 2);
  assert.equal(rows[0]!.superseded_by_id, rows[1]!.id);
  assert.equal(rows[1]!.supersedes_id, rows[0]!.id);
  assert.equal(rows[0]!.latest_id, rows[1]!.id);
  assert.equal(rows[0]!.version_count, 2);
});

test("an amendment that changes the category recategorises the record", async () => {
  const rows = await stack.sql.unsafe(
    `select r.category, v.category as latest_category, r.version_count from "${DB_SCHEMA}".records r
       join "${DB_SCHEMA}".record_versions v on v.id = r.latest_id
      where upper_inf(r._block_range) and upper_inf(v._block_range) and r.version_count = 2 order by r.created_at_block`,
  );
  assert.deepEqual(
    rows.map((row) => [row.category, row.latest_category]),
    [
      [2, 2],
      [1, 1],
    ],
  );
});

test("voided tickets say why, when and by which event; the rest stay unvoided", async () => {
  const rows = await stack.sql.unsafe(
    `select t.void_reason, t.voided_by_event, t.voided_at_block from "${DB_SCHEMA}".access_tickets t
      where upper_inf(t._block_range) and t.voided order by t.voided_at_block`,
  );
  assert.deepEqual(
    rows.map((row) => row.void_reason),
    ["ConsentRevoked", "ConsentReplaced", "ProviderSuspended", "ThirdPartyRemoved"],
  );
  assert.ok(rows.every((row) => /^0x[0-9a-f]{64}-\d+$/.test(row.voided_by_event)));
});

function sorted(rows: Map<string, unknown>): Array<[string, unknown]> {
  return [...rows.entries()].sort(([a], [b]) => a.localeCompare(b));
}
