import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import type { Hex } from "../hex.js";
import { exampleResources } from "../record/exampleResources.js";
import type { CareResource } from "../record/fhirResources.js";
import { buildFieldDisclosure, FieldNotFoundError } from "./buildDisclosure.js";
import { commitFields, FieldSaltsMismatchError } from "./commitFields.js";
import { buildFieldTree, fieldLeafHash, fieldProof, rootFromProof, type FieldTree } from "./fieldTree.js";
import { flattenFields } from "./flattenFields.js";
import { verifyDisclosedFields } from "./verifyDisclosedFields.js";

const resources = Object.values(exampleResources).map((example) => example.resource as CareResource);
const bloodPressure = exampleResources.bloodPressure.resource as CareResource;

function flipByte(hex: Hex, byteIndex = 0): Hex {
  const bytes = Buffer.from(hex.slice(2), "hex");
  bytes[byteIndex]! ^= 0x01;
  return `0x${bytes.toString("hex")}`;
}

describe("field tree", () => {
  it("gives a proof for every leaf, whatever the number of leaves", () => {
    for (let count = 1; count <= 9; count += 1) {
      const leaves = Array.from({ length: count }, (_, i) => fieldLeafHash(`0x${"00".repeat(31)}${i.toString(16).padStart(2, "0")}`, `f${i}`, i));
      const tree = buildFieldTree(leaves);
      leaves.forEach((leaf, index) => assert.equal(rootFromProof(leaf, fieldProof(tree, index)), tree.root, `leaf ${index} of ${count}`));
    }
  });

  it("flattens a resource into sorted dotted paths", () => {
    const paths = flattenFields(bloodPressure).map((field) => field.path);
    assert.deepEqual(paths, [...paths].sort());
    assert.ok(paths.includes("component.0.valueQuantity.value"));
    assert.ok(paths.includes("resourceType"));
  });

  it("commits to the salts: same salts give the same root, fresh salts another", () => {
    const first = commitFields({ resource: bloodPressure });
    assert.equal(commitFields({ resource: bloodPressure, salts: first.salts }).fieldsRoot, first.fieldsRoot);
    assert.notEqual(commitFields({ resource: bloodPressure }).fieldsRoot, first.fieldsRoot);
    const { status: _dropped, ...fewer } = first.salts;
    assert.throws(() => commitFields({ resource: bloodPressure, salts: fewer }), FieldSaltsMismatchError);
  });
});

describe("buildFieldDisclosure / verifyDisclosedFields", () => {
  const { salts, fieldsRoot } = commitFields({ resource: bloodPressure });
  const disclosure = buildFieldDisclosure({ resource: bloodPressure, salts, paths: ["component.0.valueQuantity", "status"] });

  it("reveals the chosen fields (a path prefix selects all fields under it) and they verify", () => {
    assert.equal(disclosure.fieldsRoot, fieldsRoot);
    assert.deepEqual(
      disclosure.fields.map((field) => field.path),
      ["component.0.valueQuantity.code", "component.0.valueQuantity.system", "component.0.valueQuantity.unit", "component.0.valueQuantity.value", "status"],
    );
    assert.ok(verifyDisclosedFields({ fieldsRoot, fields: disclosure.fields }).every((result) => result.valid));
    assert.ok(!JSON.stringify(disclosure).includes("Diastolic"));
  });

  const tampers: Array<[string, (field: (typeof disclosure.fields)[number]) => (typeof disclosure.fields)[number]]> = [
    ["a flipped salt byte", (field) => ({ ...field, salt: flipByte(field.salt, 7) })],
    ["a flipped proof byte", (field) => ({ ...field, proof: [flipByte(field.proof[0]!, 31), ...field.proof.slice(1)] })],
    ["a changed value", (field) => ({ ...field, value: 129 })],
    ["a field moved to another path", (field) => ({ ...field, path: "component.1.valueQuantity.value" })],
  ];
  for (const [what, tamper] of tampers) {
    it(`rejects ${what}`, () => {
      const fields = disclosure.fields.map((field) => (field.path === "component.0.valueQuantity.value" ? tamper(field) : field));
      const results = verifyDisclosedFields({ fieldsRoot, fields });
      assert.deepEqual(
        results.filter((result) => !result.valid).map((result) => result.path),
        [fields[3]!.path],
      );
      assert.match(results[3]!.reason, /not the signed fields root/);
    });
  }

  it("refuses fields the record does not have", () => {
    assert.throws(() => buildFieldDisclosure({ resource: bloodPressure, salts, paths: ["valueQuantity"] }), FieldNotFoundError);
  });
});

/** Replaces every hash on the path from leaf `index` to the root with a marker. */
function maskPathOf(value: unknown, tree: FieldTree, index: number): unknown {
  const onPath = new Set(tree.layers.map((layer, level) => layer[index >> level]));
  return JSON.parse(JSON.stringify(value), (_key, item) => (typeof item === "string" && onPath.has(item as Hex) ? "<hidden leaf or its ancestor>" : item));
}

describe("hidden fields stay hidden (property)", () => {
  it("a disclosure without a field is the same whatever that field's value, apart from hashes derived from its leaf", () => {
    const scalar = fc.oneof(fc.string(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer(), fc.boolean());
    const scenario = fc
      .constantFrom(...resources)
      .chain((resource) => {
        const fields = flattenFields(resource);
        return fc.record({
          resource: fc.constant(resource),
          hidden: fc.nat({ max: fields.length - 1 }),
          shown: fc.subarray(
            fields.map((_field, index) => index),
            { minLength: 1 },
          ),
          first: scalar,
          second: scalar,
        });
      })
      .filter(({ hidden, shown }) => shown.some((index) => index !== hidden));

    fc.assert(
      fc.property(scenario, ({ resource, hidden, shown, first, second }) => {
        const fields = flattenFields(resource);
        const hiddenPath = fields[hidden]!.path;
        const paths = shown.filter((index) => index !== hidden).map((index) => fields[index]!.path);
        const { salts } = commitFields({ resource });
        const withValue = (value: unknown) => setPath(resource, hiddenPath, value);
        const disclose = (value: unknown) => {
          const variant = withValue(value);
          const { tree } = commitFields({ resource: variant, salts });
          return maskPathOf(buildFieldDisclosure({ resource: variant, salts, paths }), tree, hidden);
        };
        assert.deepEqual(disclose(first), disclose(second));
      }),
      { numRuns: 200 },
    );
  });
});

function setPath(resource: CareResource, path: string, value: unknown): CareResource {
  const copy = structuredClone(resource) as unknown as Record<string, unknown>;
  const keys = path.split(".");
  let node: Record<string, unknown> = copy;
  for (const key of keys.slice(0, -1)) node = node[key] as Record<string, unknown>;
  node[keys.at(-1)!] = value;
  return copy as unknown as CareResource;
}
