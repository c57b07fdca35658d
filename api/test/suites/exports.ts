import assert from "node:assert/strict";
import { test } from "node:test";
import { Fhir } from "fhir";
import { parse } from "csv-parse/sync";
import type { World } from "../support/world.ts";

const fhir = new Fhir();

function assertValidBundle(bundle: { resourceType: string; entry: { resource: { resourceType: string } }[] }, resourceType: string, minimum: number): void {
  assert.equal(bundle.resourceType, "Bundle");
  assert.ok(bundle.entry.length >= minimum, `at least ${minimum} ${resourceType}`);
  const whole = fhir.validate(bundle);
  assert.equal(whole.valid, true, JSON.stringify(whole.messages));
  for (const { resource } of bundle.entry) {
    assert.equal(resource.resourceType, resourceType);
    const result = fhir.validate(resource);
    assert.equal(result.valid, true, `${resourceType}: ${JSON.stringify(result.messages)}`);
  }
}

export function exportSuite(world: () => World): void {
  test("CSV export holds the patient's whole timeline, oldest first", async () => {
    const { clients, scenario } = world();
    const total = (await clients.patient.query(`query($p: Address) { auditTimeline(filter: { patient: $p }) { totalCount } }`, { p: scenario.patient })).data.auditTimeline.totalCount;
    const response = await clients.patient.get(`/export/audit.csv?patient=${scenario.patient}`);
    assert.equal(response.status, 200);
    assert.match(response.headers.get("content-type") ?? "", /text\/csv/);
    const rows = parse(await response.text(), { columns: true }) as Record<string, string>[];
    assert.equal(rows.length, total);
    assert.ok(rows.every((row) => row.patient === scenario.patient));
    const blocks = rows.map((row) => Number(row.block_number));
    assert.deepEqual(blocks, [...blocks].sort((a, b) => a - b));
  });

  test("JSON Lines export honours the filters", async () => {
    const { clients } = world();
    const response = await clients.auditor.get(`/export/audit.jsonl?outcomes=denied&kinds=denial`);
    assert.equal(response.status, 200);
    const events = (await response.text()).trim().split("\n").map((line) => JSON.parse(line) as { outcome: string });
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

  test("FHIR R4 AuditEvent bundle validates, with IHE BALP read/query coding and failure outcomes for denials", async () => {
    const { clients, scenario } = world();
    const bundle = (await clients.patient.query(`query($p: Address) { fhirAuditEvents(filter: { patient: $p }) }`, { p: scenario.patient })).data.fhirAuditEvents;
    assertValidBundle(bundle, "AuditEvent", 10);
    const events = bundle.entry.map((entry: { resource: Record<string, any> }) => entry.resource);
    assert.ok(events.some((event: any) => event.outcome === "4" && /denied/.test(event.outcomeDesc)));
    assert.ok(events.some((event: any) => event.subtype[0].code === "read"));
    assert.ok(events.some((event: any) => event.subtype[0].code === "search-type"));
    assert.ok(events.every((event: any) => event.entity[0].what.identifier.value === scenario.patient));
  });

  test("FHIR R4 Provenance bundle validates: target, author agent, recorded and signature", async () => {
    const { clients, scenario } = world();
    const bundle = (await clients.auditor.query(`query($r: ID!) { fhirProvenance(record: $r) }`, { r: scenario.record.firstId })).data.fhirProvenance;
    assertValidBundle(bundle, "Provenance", 2);
    const [first, amended] = bundle.entry.map((entry: { resource: Record<string, any> }) => entry.resource);
    assert.equal(first.target[0].identifier.value, scenario.record.firstId);
    assert.equal(amended.entity[0].what.identifier.value, scenario.record.firstId);
    assert.equal(Buffer.from(amended.signature[0].data, "base64").length, 65);
  });

  test("FHIR R4 Consent bundle validates: period, purpose and actor", async () => {
    const { clients, scenario } = world();
    const bundle = (await clients.patient.query(`query($p: Address!) { fhirConsents(patient: $p) }`, { p: scenario.patient })).data.fhirConsents;
    assertValidBundle(bundle, "Consent", 3);
    const consents = bundle.entry.map((entry: { resource: Record<string, any> }) => entry.resource);
    assert.ok(consents.some((consent: any) => consent.status === "inactive" && consent.provision.type === "deny"));
    assert.ok(consents.every((consent: any) => consent.provision.period.end && consent.provision.actor[0].reference.identifier.value));
    assert.ok(consents.some((consent: any) => consent.provision.purpose[0].code === "HPAYMT"));
  });
}
