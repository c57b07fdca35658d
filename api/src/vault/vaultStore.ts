import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import { createFileBlobStore, type WrappedKey } from "@caretrail/sdk";

/**
 * Ciphertexts in the SDK's content-addressed file store (named by CID, re-checked on every read) and, beside them,
 * the data key wrapped for each recipient, per record id (already validated as 0x + 64 hex digits).
 */
export function createVaultStore(dir: string) {
  const blobs = createFileBlobStore({ directory: path.join(dir, "blobs") });
  const keysDir = path.join(dir, "keys");
  const keysFile = (recordId: string) => path.join(keysDir, `${recordId}.json`);
  return {
    /** Stores the ciphertext and returns its CID string. */
    putCiphertext: (bytes: Uint8Array) => blobs.put(bytes),
    hasCiphertext: (cid: string) => blobs.has(cid),
    getCiphertext: (cid: string) => blobs.get(cid),
    putWrappedKeys: async (recordId: string, wrappedKeys: WrappedKey[]) => {
      await mkdir(keysDir, { recursive: true });
      await writeFile(`${keysFile(recordId)}.partial`, JSON.stringify(wrappedKeys));
      await rename(`${keysFile(recordId)}.partial`, keysFile(recordId));
    },
    getWrappedKeys: async (recordId: string): Promise<WrappedKey[]> => JSON.parse(await readFile(keysFile(recordId), "utf8").catch(() => "[]")) as WrappedKey[],
  };
}
