import { expect } from "chai";
import { readFileSync } from "node:fs";
import path from "node:path";
import { artifacts } from "hardhat";
import { generatedDir, renderAbiModule } from "../scripts/exportArtifacts";

describe("Generated bindings in sdk/src/generated", () => {
  it("match the compiled contract (run `npm run generate -w contracts` after changing a contract)", async () => {
    const artifact = await artifacts.readArtifact("CareTrail");
    const committed = readFileSync(path.join(generatedDir, "careTrail.ts"), "utf8");
    expect(committed).to.equal(renderAbiModule(artifact));
  });
});
