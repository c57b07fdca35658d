// `npm run seed -- --patients 200 --days 90 [--seed 2020]`: seeds the deployment in the deployment file
// (or CARETRAIL_DEPLOYMENT) over RPC_URL or the deployment's own RPC.
import { parseArgs } from "node:util";
import path from "node:path";
import { JsonRpcProvider } from "ethers";
import { findRepoRoot, readDeployment } from "@caretrail/sdk";
import { fileInVault } from "./fileInVault.js";
import { seedDemo } from "./seedDemo.js";
import { readSeedSettings } from "../config.js";

const usage = "usage: npm run seed -- [--patients 40] [--days 90] [--seed 2020] [--out .caretrail/demo] [--vault .caretrail/vault]";

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      patients: { type: "string" },
      days: { type: "string" },
      seed: { type: "string" },
      out: { type: "string" },
      vault: { type: "string" },
      help: { type: "boolean" },
    },
  });
  if (values.help) {
    console.log(usage);
    return;
  }
  const settings = readSeedSettings();
  const deployment = readDeployment(settings.CARETRAIL_DEPLOYMENT);
  const provider = new JsonRpcProvider(settings.RPC_URL ?? deployment.rpcUrl, undefined, { staticNetwork: true });
  const started = performance.now();
  const result = await seedDemo({
    provider,
    deployment,
    outputDir: values.out ?? path.join(findRepoRoot(), ".caretrail", "demo"),
    patients: values.patients ? Number(values.patients) : undefined,
    days: values.days ? Number(values.days) : undefined,
    seed: values.seed ? Number(values.seed) : undefined,
    onProgress: (message) => console.log(`  ${message}`),
  });
  provider.destroy();
  if (values.vault) {
    await fileInVault(result.bundles, values.vault);
    console.log(`filed ${result.bundles.length} ciphertexts and wrapped keys in the vault at ${values.vault}`);
  }
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `seeded ${result.transactions} transactions in ${result.blocks} blocks (${(result.transactions / seconds).toFixed(0)} tx/s, ${seconds.toFixed(1)} s): ` +
      `${result.records} records, ${result.accessRequests} access requests (${result.emergencies} emergencies), ` +
      `${result.reads} reads, ${result.revocations} revocations`,
  );
  console.log(`wrote ${result.outputDir}`);
}

main().catch((error: unknown) => {
  console.error(`seed failed: ${error instanceof Error ? error.message : String(error)}\n${usage}`);
  process.exit(1);
});
