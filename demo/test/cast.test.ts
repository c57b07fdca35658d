import assert from "node:assert/strict";
import { test } from "node:test";
import { JsonRpcProvider } from "ethers";
import { buildCast, plainPersonName } from "../src/seed/cast.js";

test('no seeded patient carries a title or suffix that reads as a provider ("Dr. …")', () => {
  // No request is sent: the provider only connects the development wallets.
  const provider = new JsonRpcProvider("http://127.0.0.1:9", 31337, { staticNetwork: true });
  try {
    for (const seed of [2020, 1, 7]) {
      const { patients } = buildCast(seed, { patients: 200, providers: 25 }, provider);
      const titled = patients.map((patient) => patient.name).filter((name) => /^(Dr|Mr|Mrs|Ms|Miss|Prof)\.?\s|\s(MD|PhD|DDS|DVM)$/.test(name));
      assert.deepEqual(titled, [], `seed ${seed}`);
    }
  } finally {
    provider.destroy();
  }
});

test("plain names drop titles and suffixes only", () => {
  assert.equal(plainPersonName("Dr. Ada Lee"), "Ada Lee");
  assert.equal(plainPersonName("Mrs. Ada Lee MD"), "Ada Lee");
  assert.equal(plainPersonName("Ada Lee Jr."), "Ada Lee");
  assert.equal(plainPersonName("Drew Mills"), "Drew Mills");
});
