import { mkdir, readFile, rename, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { contentCidOf } from "../crypto/contentAddress.js";
import { BlobNotFoundError, checkBlob, normaliseCid, type BlobStore } from "./blobStore.js";

export type CreateFileBlobStoreParameters = { directory: string };

/** Blobs as files named by CID in `directory`; writes go through a temporary file and a rename. */
export function createFileBlobStore({ directory }: CreateFileBlobStoreParameters): BlobStore {
  const fileOf = (cid: string) => path.join(directory, normaliseCid(cid));
  return {
    async put(bytes) {
      const cid = contentCidOf(bytes).toString();
      await mkdir(directory, { recursive: true });
      const temporary = path.join(directory, `.${cid}.${randomUUID()}.tmp`);
      await writeFile(temporary, bytes);
      await rename(temporary, fileOf(cid));
      return cid;
    },
    async get(cid) {
      const file = fileOf(cid);
      try {
        return checkBlob(normaliseCid(cid), new Uint8Array(await readFile(file)), directory);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "ENOENT") throw new BlobNotFoundError(cid, directory);
        throw error;
      }
    },
    async has(cid) {
      return stat(fileOf(cid)).then(
        () => true,
        () => false,
      );
    },
  };
}
