// The seeder's story must hold at every size: nothing it sends may revert, whether the demo is a few days
// or a quarter, a handful of patients or many (the suspension, enrolment and expiry days scale with it).
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import { JsonRpcProvider } from "ethers";
import { devAccount, startLocalChain, type LocalChain } from "@caretrail/devstack";
import { deployCareTrail } from "@caretrail/sdk";
import { seedDemo } from "../src/seed/seedDemo.js";
import { storyCalendar } from "../src/seed/story.js";

let workDir: string;

before(() => {
  workDir = mkdtempSync(path.join(tmpdir(), "caretrail-seed-sizes-"));
});

after(() => rmSync(workDir, { recursive: true, force: true }));

const sizes = [
  { days: 3, patients: 5 },
  { days: 7, patients: 12 },
  { days: 14, patients: 40 },
  { days: 30, patients: 40 },
];

for (const { days, patients } of sizes) {
  test(`the story seeds ${days} days of ${patients} patients without a reverted transaction`, { timeout: 300_000 }, async () => {
    // A fresh chain each time: every size starts from enrolment, with the seeder's own nonces.
    const chain: LocalChain = await startLocalChain();
    const provider = new JsonRpcProvider(chain.rpcUrl, undefined, { staticNetwork: true });
    let seeded;
    try {
      const { deployment } = await deployCareTrail({ signer: devAccount(0, provider), rpcUrl: chain.rpcUrl });
      seeded = await seedDemo({ provider, deployment, outputDir: path.join(workDir, `${days}-${patients}`), patients, days });
    } finally {
      provider.destroy();
      await chain.stop();
    }
    assert.ok(seeded.records > 0, "some records were written");
    assert.ok(seeded.accessRequests > 0, "some access was requested");
    assert.ok(seeded.blocks >= days - 1, `at least a block per played day (${seeded.blocks} blocks)`);
  });
}

test("at every size the suspension comes after every enrolment consent and before the reinstatement", () => {
  for (let days = 2; days <= 365; days++) {
    const { enrolmentDays, suspensionDay, reinstatementDay } = storyCalendar(days);
    assert.ok(enrolmentDays >= 1 && suspensionDay > enrolmentDays && reinstatementDay > suspensionDay, `days ${days}: ${JSON.stringify(storyCalendar(days))}`);
  }
  assert.deepEqual(storyCalendar(90), { enrolmentDays: 10, suspensionDay: 40, reinstatementDay: 54, visitChance: 0.08 }, "the quarter keeps its calendar");
});
