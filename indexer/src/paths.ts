import path from "node:path";
import { fileURLToPath } from "node:url";

/** The SubQuery project, installed as its own npm package (see ../README.md). */
export const subqlDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "subql");
export const subqlNodeBin = path.join(subqlDir, "node_modules", "@subql", "node-ethereum", "bin", "run");
