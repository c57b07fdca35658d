import { mkdirSync, readFileSync, writeFileSync, existsSync, renameSync } from "node:fs";
import path from "node:path";
import type { WrappedKey } from "@caretrail/sdk";

export type StoredBlob = { ciphertext: Buffer; wrappedKeys: WrappedKey[] };

/** Encrypted blobs on disk, one file pair per record version id (already validated as 0x + 64 hex digits). */
export function createBlobStore(dir: string) {
  mkdirSync(dir, { recursive: true });
  const file = (recordId: string, extension: string) => path.join(dir, `${recordId}.${extension}`);
  // Write then rename, so a reader never sees half a blob.
  const writeAtomically = (target: string, data: string | Buffer) => {
    writeFileSync(`${target}.partial`, data);
    renameSync(`${target}.partial`, target);
  };
  return {
    has: (recordId: string) => existsSync(file(recordId, "bin")),
    put: (recordId: string, { ciphertext, wrappedKeys }: StoredBlob) => {
      writeAtomically(file(recordId, "keys.json"), JSON.stringify(wrappedKeys));
      writeAtomically(file(recordId, "bin"), ciphertext);
    },
    get: (recordId: string): StoredBlob | undefined =>
      existsSync(file(recordId, "bin"))
        ? { ciphertext: readFileSync(file(recordId, "bin")), wrappedKeys: JSON.parse(readFileSync(file(recordId, "keys.json"), "utf8")) as WrappedKey[] }
        : undefined,
  };
}

export type BlobStore = ReturnType<typeof createBlobStore>;
