// Typed ethers bindings for CareTrail from its compiled artifact: the contracts' own tests read them from
// typechain-types/ (written by `npm run build`), and the SDK ships a copy in sdk/src/generated/typechain.
import path from "node:path";
import { rmSync } from "node:fs";
import { runTypeChain } from "typechain";

const contractsDir = path.resolve(__dirname, "..");
export const careTrailArtifactPath = path.join(contractsDir, "artifacts/contracts/CareTrail.sol/CareTrail.json");
export const contractTypesDir = path.join(contractsDir, "typechain-types");

/** Replaces `outDir` with ethers-v6 bindings for CareTrail. */
export async function writeContractTypes(outDir: string = contractTypesDir): Promise<void> {
  rmSync(outDir, { recursive: true, force: true });
  await runTypeChain({
    cwd: contractsDir,
    filesToProcess: [careTrailArtifactPath],
    allFiles: [careTrailArtifactPath],
    outDir,
    target: "ethers-v6",
    flags: { node16Modules: true, alwaysGenerateOverloads: false, discriminateTypes: false, environment: undefined },
  });
}

if (require.main === module) {
  writeContractTypes().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
