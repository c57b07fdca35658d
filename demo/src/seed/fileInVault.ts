import { createVaultStore } from "@caretrail/api";
import { ciphertextOf, type RecordBundle } from "@caretrail/sdk";

/** Files seeded ciphertexts and their wrapped keys where the API's vault serves them from. The seeder
 * authored every demo record, so it stands in for each author's upload. */
export async function fileInVault(bundles: RecordBundle[], vaultDir: string): Promise<void> {
  const store = createVaultStore(vaultDir);
  for (const bundle of bundles) {
    await store.putCiphertext(ciphertextOf(bundle));
    await store.putWrappedKeys(bundle.record.recordId, bundle.keys);
  }
}
