import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { canonicalBytes, canonicalJson } from "./canonicalBytes.js";
import { createRecord, parseRecord, recordIdFor, RecordInvalidError } from "./careRecord.js";
import { exampleResources } from "./exampleResources.js";

const patient = "0x70997970c51812dc3a010c7d01b50e0d17dc79c8";

function recordInput(overrides: Record<string, unknown> = {}) {
  return { recordId: recordIdFor(patient, 7n), patient, ...exampleResources.temperature, ...overrides };
}

function issuesOf(input: unknown): string[] {
  try {
    parseRecord(input);
  } catch (error) {
    assert.ok(error instanceof RecordInvalidError);
    return error.issues.map((issue) => `${issue.path}: ${issue.message}`);
  }
  assert.fail("expected the record to be rejected");
}

describe("parseRecord", () => {
  for (const [name, example] of Object.entries(exampleResources)) {
    it(`accepts the ${name} example and round-trips it through canonical JSON`, () => {
      const record = createRecord({ patient, ...example });
      assert.deepEqual(parseRecord(JSON.parse(canonicalJson(record))), record);
      assert.equal(record.patient, "0x70997970C51812dc3A010C7d01b50e0d17dc79C8");
      assert.equal(record.supersedes, `0x${"00".repeat(32)}`);
    });
  }

  it("names the field and the fix for a bad UCUM code", () => {
    const bad = structuredClone(exampleResources.temperature.resource) as Record<string, any>;
    bad.valueQuantity.code = "deg C";
    assert.deepEqual(issuesOf(recordInput({ resource: bad })), ["resource.valueQuantity.code: must be a UCUM unit code such as mm[Hg], Cel, mg/dL or /min"]);
  });

  it("keeps pain severity on the 0-10 scale", () => {
    const bad = { ...exampleResources.pain.resource, valueInteger: 11 };
    assert.deepEqual(issuesOf(recordInput({ ...exampleResources.pain, resource: bad })), [
      "resource.valueInteger: pain severity (LOINC 72514-3) is an integer from 0 to 10",
    ]);
  });

  it("rejects unknown fields instead of dropping them", () => {
    const issues = issuesOf(recordInput({ resource: { ...exampleResources.glucose.resource, valueQuantiy: 3 } }));
    assert.ok(
      issues.some((issue) => issue.startsWith("resource: ") && issue.includes("valueQuantiy")),
      issues.join("\n"),
    );
  });

  it("rejects a bad envelope field by field", () => {
    const issues = issuesOf(recordInput({ recordId: "0x1234", patient: "alice", category: 9 }));
    assert.deepEqual(issues, [
      "recordId: must be 32 bytes as 0x-prefixed hex (66 characters)",
      "patient: must be a 0x-prefixed 20-byte account address",
      "category: must be 0..5: vitals, notes, labs, imaging, prescriptions, sensitive",
    ]);
  });

  it("requires the record id to start with the patient's address", () => {
    const other = recordIdFor("0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc", 7n);
    assert.deepEqual(issuesOf(recordInput({ recordId: other })), [
      "recordId: must start with the patient's address (20 bytes) followed by a 96-bit sequence number; make one with recordIdFor(patient, sequence)",
    ]);
    assert.equal(recordIdFor(patient, 255n), `${patient}0000000000000000000000ff`);
  });

  it("requires an observation value and lab results that point at contained observations", () => {
    const { valueQuantity: _dropped, ...noValue } = exampleResources.glucose.resource;
    assert.match(issuesOf(recordInput({ resource: noValue }))[0]!, /^resource.valueQuantity: needs a value\[x\]/);
    const report = { ...exampleResources.labReport.resource, result: [{ reference: "#platelets" }] };
    assert.deepEqual(issuesOf(recordInput({ ...exampleResources.labReport, resource: report })), [
      'resource.result.0.reference: must be "#id" of a contained Observation; got #platelets',
    ]);
  });

  it("requires attachments to be referenced by an IPFS content id", () => {
    const doc = structuredClone(exampleResources.chestXray.resource) as Record<string, any>;
    doc.content[0].attachment.url = "https://example.org/xray.jpg";
    assert.deepEqual(issuesOf(recordInput({ ...exampleResources.chestXray, resource: doc })), [
      "resource.content.0.attachment.url: must be ipfs://<CIDv1> naming the attachment's content",
    ]);
  });
});

describe("canonicalBytes", () => {
  it("gives the same bytes whatever the key order (RFC 8785)", () => {
    const a = canonicalBytes({ b: 1, a: { d: [1, 2.5], c: "x" } });
    const b = canonicalBytes({ a: { c: "x", d: [1, 2.5] }, b: 1 });
    assert.deepEqual(a, b);
    assert.equal(new TextDecoder().decode(a), '{"a":{"c":"x","d":[1,2.5]},"b":1}');
  });
});
