// The e2e story: six patients (so analytics clear k = 5), two providers, an insurer, an auditor, a researcher,
// an unregistered stranger; consents, signed records (bundles saved for the verifier), grants, denials, an emergency.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { keccak256, toUtf8Bytes } from "ethers";
import { createVaultStore } from "@caretrail/api";
import { devAccount, type DevChainConnection } from "@caretrail/devstack";
import {
  buildDisclosure,
  ciphertextOf,
  CareTrail__factory,
  createRecord,
  exampleResources,
  generateEncryptionKeyPair,
  openRecord,
  Purpose,
  recordIdFor,
  RecordCategory,
  Role,
  scopeOf,
  sealRecord,
  signRecordBundle,
  type Deployment,
  type Hex,
  type RecordBundle,
} from "@caretrail/sdk";

export type Persona = { name: string; role: string; address: string; devAccountIndex: number };

export const CAST = {
  governance: 0,
  patients: [1, 2, 3, 4, 5, 6],
  cardiologist: 7,
  emergencyDoctor: 8,
  insurer: 9,
  auditor: 10,
  researcher: 11,
  stranger: 12,
  vault: 13,
} as const;

const NAMES: Record<number, [string, string]> = {
  0: ["Governance", "governance"],
  1: ["Patient Ada", "patient"],
  2: ["Patient Ben", "patient"],
  3: ["Patient Cleo", "patient"],
  4: ["Patient Dev", "patient"],
  5: ["Patient Eve", "patient"],
  6: ["Patient Finn", "patient"],
  7: ["Dr. Cardiology", "provider"],
  8: ["Dr. Emergency", "provider"],
  9: ["Insurer", "insurer"],
  10: ["Auditor", "auditor"],
  11: ["Researcher", "researcher"],
  12: ["Unregistered third party", "unregistered"],
  13: ["Vault operator", "vault"],
};

const DAY = 86_400;

export type SeedReturnType = { personas: Persona[]; validBundleFile: string; validDisclosureFile: string; patientRecordId: Hex };

/** `vaultDir`: where the API's vault serves from; every record's ciphertext and wrapped keys are filed there, as each author's upload would. */
export async function seedScenario(
  { provider, account: signer }: DevChainConnection,
  deployment: Deployment,
  outputDir: string,
  vaultDir?: string,
): Promise<SeedReturnType> {
  const contract = CareTrail__factory.connect(deployment.address, provider);
  const as = (index: number) => contract.connect(signer(index));
  const send = async (tx: Promise<{ wait: () => Promise<unknown> }>) => {
    await (await tx).wait();
  };
  const address = (index: number) => signer(index).address;
  const inDays = async (days: number) => BigInt((await provider.getBlock("latest"))!.timestamp + days * DAY);
  const keys = new Map<number, ReturnType<typeof generateEncryptionKeyPair>>();
  const publicKey = (index: number) => {
    if (!keys.has(index)) keys.set(index, generateEncryptionKeyPair());
    return keys.get(index)!.publicKey;
  };

  for (const patient of CAST.patients) await send(as(patient).enrolPatient(publicKey(patient)));
  await send(as(CAST.governance).credentialProvider(address(CAST.cardiologist), keccak256(toUtf8Bytes("e2e-licence-cardiology")), 207));
  await send(as(CAST.governance).credentialProvider(address(CAST.emergencyDoctor), keccak256(toUtf8Bytes("e2e-licence-emergency")), 8));
  for (const [index, role] of [
    [CAST.insurer, Role.Insurer],
    [CAST.auditor, Role.Auditor],
    [CAST.researcher, Role.Researcher],
  ] as const) {
    await send(as(CAST.governance).registerThirdParty(address(index), role));
  }
  await send(as(CAST.governance).grantRole(await contract.VAULT_ROLE(), address(CAST.vault)));
  await send(as(CAST.cardiologist).setEncryptionKey(publicKey(CAST.cardiologist)));

  const clinical = scopeOf(RecordCategory.Vitals, RecordCategory.Notes, RecordCategory.Labs, RecordCategory.Prescriptions);
  for (const patient of CAST.patients) await send(as(patient).grantConsent(address(CAST.cardiologist), clinical, Purpose.Treatment, await inDays(90)));
  for (const patient of CAST.patients)
    await send(as(patient).grantConsent(address(CAST.researcher), scopeOf(RecordCategory.Vitals), Purpose.Research, await inDays(60)));
  await send(as(CAST.patients[0]).grantConsent(address(CAST.insurer), scopeOf(RecordCategory.Labs), Purpose.Payment, await inDays(30)));
  // Finn paid through the insurer once and then withdrew: the insurer is told the consent ended, and when.
  await send(as(CAST.patients[5]).grantConsent(address(CAST.insurer), scopeOf(RecordCategory.Vitals), Purpose.Payment, await inDays(30)));
  await send(as(CAST.patients[5]).revokeConsent(address(CAST.insurer)));

  const sequences = new Map<number, bigint>();
  const bundles: RecordBundle[] = [];
  const append = async (patient: number, example: keyof typeof exampleResources, supersedes?: Hex) => {
    const { category, resource } = exampleResources[example];
    const sequence = sequences.get(patient) ?? 0n;
    sequences.set(patient, sequence + 1n);
    const record = createRecord({ patient: address(patient), category, resource, supersedes, recordId: recordIdFor(address(patient), sequence) });
    const { bundle } = sealRecord({ record, recipients: [publicKey(patient), publicKey(CAST.cardiologist)] });
    const signed = await signRecordBundle({
      bundle,
      signer: devAccount(CAST.cardiologist),
      chainId: deployment.chainId,
      verifyingContract: deployment.address,
    });
    await send(as(CAST.vault).appendRecord(signed.record, signed.authorSignature!.author, signed.authorSignature!.signature));
    bundles.push(signed);
    return signed;
  };
  const [ada] = CAST.patients;
  await append(ada, "temperature");
  const labs = await append(ada, "labReport");
  const diagnosis = await append(ada, "diagnosis");
  await append(ada, "diagnosis", diagnosis.record.recordId);
  for (const patient of CAST.patients.slice(1)) await append(patient, "bloodPressure");

  for (const patient of CAST.patients) await send(as(CAST.cardiologist).requestAccess(address(patient), RecordCategory.Labs, Purpose.Treatment));
  for (const patient of CAST.patients) await send(as(CAST.stranger).requestAccess(address(patient), RecordCategory.Sensitive, Purpose.Research));
  for (const patient of CAST.patients.slice(0, 5)) await send(as(CAST.emergencyDoctor).requestEmergencyAccess(address(patient), 2));
  await send(as(CAST.insurer).requestRecordAccess(labs.record.recordId, Purpose.Payment));
  for (const patient of CAST.patients.slice(3)) await send(as(patient).revokeConsent(address(CAST.researcher)));

  mkdirSync(outputDir, { recursive: true });
  const validBundleFile = path.join(outputDir, "valid-record.json");
  writeFileSync(validBundleFile, JSON.stringify(labs, null, 2) + "\n");
  // What Ada would hand an insurer: the report's status and issue time, the rest hidden behind proofs.
  const opened = openRecord({ bundle: labs, privateKey: keys.get(ada)!.privateKey });
  const validDisclosureFile = path.join(outputDir, "valid-disclosure.json");
  writeFileSync(validDisclosureFile, JSON.stringify(buildDisclosure({ bundle: labs, opened, paths: ["status", "issued"] }), null, 2) + "\n");
  const personas = Object.entries(NAMES).map(([index, [name, role]]) => ({ name, role, address: address(Number(index)), devAccountIndex: Number(index) }));
  writeFileSync(path.join(outputDir, "personas.json"), JSON.stringify(personas, null, 2) + "\n");
  // Development-only keys beside personas.json, as the demo writes them: the dashboard opens records with them.
  const encryptionKeys = Object.fromEntries([...keys].map(([index, pair]) => [address(index), pair.privateKey]));
  writeFileSync(path.join(outputDir, "encryption-keys.json"), JSON.stringify(encryptionKeys, null, 2) + "\n");
  if (vaultDir) {
    const store = createVaultStore(vaultDir);
    for (const bundle of bundles) {
      await store.putCiphertext(ciphertextOf(bundle));
      await store.putWrappedKeys(bundle.record.recordId, bundle.keys);
    }
  }
  return { personas, validBundleFile, validDisclosureFile, patientRecordId: labs.record.recordId };
}
