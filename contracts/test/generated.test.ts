import { expect } from "chai";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { artifacts } from "hardhat";
import { readBuildInfo, renderCareTypesModule, renderTestCareTypesModule } from "../scripts/careTypesModule";
import { careTrailArtifactPath, writeContractTypes } from "../scripts/contractTypes";
import { generatedDir, renderAbiModule, testCareTypesPath } from "../scripts/exportArtifacts";

const STALE = "run `npm run generate -w contracts` after changing a contract";
const committed = (file: string) => readFileSync(path.join(generatedDir, file), "utf8");

describe("Generated bindings in sdk/src/generated", () => {
  it(`careTrail.ts matches the compiled contract (${STALE})`, async () => {
    const artifact = await artifacts.readArtifact("CareTrail");
    expect(committed("careTrail.ts")).to.equal(renderAbiModule(artifact));
  });

  it(`careTypes.ts matches CareTypes.sol's enums and category constants (${STALE})`, () => {
    expect(committed("careTypes.ts")).to.equal(renderCareTypesModule(readBuildInfo(careTrailArtifactPath)));
  });

  it(`typechain/ matches the compiled contract (${STALE})`, async () => {
    const fresh = mkdtempSync(path.join(tmpdir(), "caretrail-typechain-"));
    try {
      await writeContractTypes(fresh);
      const files = (dir: string) =>
        readdirSync(dir, { recursive: true, withFileTypes: true })
          .filter((entry) => entry.isFile())
          .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)))
          .sort();
      const committedDir = path.join(generatedDir, "typechain");
      expect(files(committedDir)).to.deep.equal(files(fresh));
      for (const file of files(fresh)) {
        expect(readFileSync(path.join(committedDir, file), "utf8"), file).to.equal(readFileSync(path.join(fresh, file), "utf8"));
      }
    } finally {
      rmSync(fresh, { recursive: true, force: true });
    }
  });
});

describe("Generated enum codes in contracts/test/generated", () => {
  it(`careTypes.ts matches CareTypes.sol's enums and category constants (${STALE})`, () => {
    expect(readFileSync(testCareTypesPath, "utf8")).to.equal(renderTestCareTypesModule(readBuildInfo(careTrailArtifactPath)));
  });
});
