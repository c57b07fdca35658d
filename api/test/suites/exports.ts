import assert from "node:assert/strict";
import { test } from "node:test";
import { parse } from "csv-parse/sync";
import type { World } from "../support/world.ts";

export function exportSuite(world: () => World): void {
  test("CSV export holds the patient's whole timeline, oldest first", async () => {
    const { clients, scenario } = world();
    const total = (await clients.patient.query(`query($p: Address) { auditTimeline(filter: { patient: $p }) { totalCount } }`, { p: scenario.patient })).data
      .auditTimeline.totalCount;
    const response = await clients.patient.get(`/export/audit.csv?patient=${scenario.patient}`);
    assert.equal(response.status, 200);
    assert.match(response.headers.get("content-type") ?? "", /text\/csv/);
    const rows = parse<Record<string, string>>(await response.text(), { columns: true });
    assert.equal(rows.length, total);
    // Every field of an access event has its column, the ticket's id included (it links a read to its ticket).
    assert.deepEqual(Object.keys(rows[0] ?? {}), [
      "id",
      "block_time",
      "block_number",
      "tx_hash",
      "log_index",
      "kind",
      "outcome",
      "patient",
      "actor",
      "actor_role",
      "purpose",
      "category",
      "record_id",
      "ticket_id",
      "denial_reason",
      "emergency_reason_code",
      "expires_at",
    ]);
    assert.ok(
      rows.some((row) => row.ticket_id?.startsWith("0x")),
      "a granted access names its ticket",
    );
    assert.ok(rows.every((row) => row.patient === scenario.patient));
    const blocks = rows.map((row) => Number(row.block_number));
    assert.deepEqual(
      blocks,
      [...blocks].sort((a, b) => a - b),
    );
  });

  test("JSON Lines export honours the filters", async () => {
    const { clients } = world();
    const response = await clients.auditor.get(`/export/audit.jsonl?outcomes=denied&kinds=denial`);
    assert.equal(response.status, 200);
    const events = (await response.text())
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as { outcome: string });
    assert.ok(events.length >= 3);
    assert.ok(events.every((event) => event.outcome === "DENIED"));
  });

  test("exports apply the same authorisation as GraphQL", async () => {
    const { clients, scenario } = world();
    assert.equal((await clients.otherPatient.get(`/export/audit.csv?patient=${scenario.patient}`)).status, 403);
    assert.equal((await clients.researcher.get(`/export/audit.jsonl`)).status, 403);
    assert.equal((await clients.anonymous.get(`/export/audit.csv`)).status, 401);
    assert.equal((await clients.auditor.get(`/export/audit.csv?patient=nope`)).status, 400);
  });
}
