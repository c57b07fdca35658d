// Copies the CareTrail ABI from @caretrail/sdk into the SubQuery project, which reads it from a file.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { careTrailAbi } from "@caretrail/sdk";

const abiDir = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "subql", "abis");
mkdirSync(abiDir, { recursive: true });
writeFileSync(path.join(abiDir, "CareTrail.json"), JSON.stringify(careTrailAbi, null, 2) + "\n");
