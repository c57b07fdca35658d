import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { JsonRpcProvider } from "ethers";
import { Interface } from "ethers";
import { buildDisclosure, careTrailAbi, type Deployment, type RecordBundle } from "@caretrail/sdk";
import { BlockWriter } from "./blockWriter.js";
import { buildCast, type Member } from "./cast.js";
import { SeededRandom } from "./random.js";
import { DemoStory, type SeededRecord } from "./story.js";

export type SeedDemoParameters = {
  provider: JsonRpcProvider;
  deployment: Deployment;
  /** Where personas, keys, record bundles and disclosures are written. */
  outputDir: string;
  patients?: number;
  days?: number;
  seed?: number;
  onProgress?: (message: string) => void;
};

export type Persona = {
  name: string;
  role: Member["role"];
  address: string;
  devAccountIndex: number;
  specialty?: string;
  hospital?: string;
  /** The personas the dashboard's demo picker offers first. */
  featured: boolean;
};

export type SeedDemoReturnType = {
  personas: Persona[];
  /** Every record's encrypted bundle, as the vault should hold it. */
  bundles: RecordBundle[];
  transactions: number;
  blocks: number;
  records: number;
  accessRequests: number;
  emergencies: number;
  reads: number;
  revocations: number;
  startTimestamp: number;
  outputDir: string;
};

const CLAIM_FIELDS = ["code", "status", "issued"];

/** Seeds a deployment with a synthetic quarter of CareTrail activity (no real person's data). */
export async function seedDemo({
  provider,
  deployment,
  outputDir,
  patients = 40,
  days = 90,
  seed = 2020,
  onProgress,
}: SeedDemoParameters): Promise<SeedDemoReturnType> {
  if (!Number.isInteger(patients) || patients < 5) throw new Error(`--patients must be a whole number of at least 5 (got ${patients})`);
  if (!Number.isInteger(days) || days < 2) throw new Error(`--days must be a whole number of at least 2 (got ${days})`);
  const random = new SeededRandom(seed);
  const cast = buildCast(seed, { patients, providers: Math.max(6, Math.ceil(patients / 8)) }, provider);
  const unfunded = cast.everyone.filter((member) => member.devAccountIndex >= 20);
  await Promise.all(unfunded.map((member) => provider.send("hardhat_setBalance", [member.wallet.address, "0x3635C9ADC5DEA00000"])));

  const writer = await BlockWriter.open(provider, new Interface(careTrailAbi));
  const startTimestamp = writer.timestamp + 60;
  const story = new DemoStory(cast, writer, random, deployment);
  try {
    story.setUp();
    await writer.mineAt(startTimestamp);
    onProgress?.(`registered ${cast.everyone.length} personas`);
    await story.play(days, startTimestamp);
  } finally {
    await writer.close();
  }

  rmSync(outputDir, { recursive: true, force: true });
  mkdirSync(path.join(outputDir, "records"), { recursive: true });
  mkdirSync(path.join(outputDir, "disclosures"), { recursive: true });
  for (const { bundle } of story.result.records) {
    writeFileSync(path.join(outputDir, "records", `${bundle.record.recordId}.json`), JSON.stringify(bundle, null, 2) + "\n");
  }
  // The claim goes to the featured insurer, from a patient whose payment consent with it is live for a day to come.
  const claimTime = writer.timestamp + 86_400;
  writeClaimDisclosure(
    story.result.records.filter((record) => story.insurerMayCheck(record, cast.insurers[0]!, claimTime)),
    outputDir,
  );

  const featured = new Set([cast.patients[0], cast.providers[0], cast.insurers[0], cast.auditors[0], cast.researchers[0]]);
  const personas: Persona[] = cast.everyone.map((member) => ({
    name: member.name,
    role: member.role,
    address: member.wallet.address,
    devAccountIndex: member.devAccountIndex,
    ...(member.specialty ? { specialty: member.specialty.name, hospital: member.hospital } : {}),
    featured: featured.has(member),
  }));
  writeFileSync(path.join(outputDir, "personas.json"), JSON.stringify(personas, null, 2) + "\n");
  // Development-only X25519 keys of synthetic personas, so the demo can open the records it shows.
  const keys = Object.fromEntries(cast.everyone.map((member) => [member.wallet.address, member.encryptionPrivateKey]));
  writeFileSync(path.join(outputDir, "encryption-keys.json"), JSON.stringify(keys, null, 2) + "\n");

  const summary: SeedDemoReturnType = {
    personas,
    bundles: story.result.records.map((record) => record.bundle),
    transactions: writer.transactions,
    blocks: writer.blocks,
    records: story.result.records.length,
    accessRequests: story.result.accessRequests,
    emergencies: story.result.emergencies,
    reads: story.result.reads,
    revocations: story.result.revocations,
    startTimestamp,
    outputDir,
  };
  const { personas: _personas, bundles: _bundles, ...counts } = summary;
  writeFileSync(path.join(outputDir, "summary.json"), JSON.stringify({ ...counts, patients, days, seed, deployment: deployment.address }, null, 2) + "\n");
  return summary;
}

/** A lab report the patient shares with their insurer for a claim, showing only what the claim needs (from `records`, those the insurer may check). */
function writeClaimDisclosure(records: SeededRecord[], outputDir: string): void {
  const labReport = records.find((record) => record.opened.record.resource.resourceType === "DiagnosticReport");
  if (!labReport) return;
  const disclosure = buildDisclosure({ bundle: labReport.bundle, opened: labReport.opened, paths: CLAIM_FIELDS });
  writeFileSync(path.join(outputDir, "disclosures", `claim-${labReport.bundle.record.recordId}.json`), JSON.stringify(disclosure, null, 2) + "\n");
}
