import { expect } from "chai";
import { readFileSync } from "node:fs";
import path from "node:path";
import { artifacts } from "hardhat";
import { readBuildInfo, renderCareTypesModule } from "../scripts/careTypesModule";
import { careTrailArtifactPath, generatedDir, renderAbiModule } from "../scripts/exportArtifacts";

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
});
