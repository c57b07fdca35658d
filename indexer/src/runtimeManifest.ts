import { writeFileSync } from "node:fs";
import path from "node:path";
import { careTrailProject, type CareTrailTarget } from "../subql/manifest.ts";
import { subqlDir } from "./paths.ts";

export type { CareTrailTarget };

/**
 * Writes the SubQuery manifest for one deployment and returns its path. The built project.yaml is
 * deployment-independent (a clean clone builds without a chain); the address, start block, chain id
 * and endpoint are only known at start, so each run gets its own manifest. It sits in the project
 * folder because SubQuery's sandbox only loads the mappings from below the manifest's folder.
 */
export function writeRuntimeManifest(target: CareTrailTarget, name: string): string {
  const project = careTrailProject(target, subqlDir);
  const serialisable = {
    ...project,
    dataSources: project.dataSources.map((source) => ({
      ...source,
      assets: Object.fromEntries(source.assets ?? new Map<string, unknown>()),
    })),
  };
  const file = path.join(subqlDir, `runtime-${name}.json`);
  writeFileSync(file, JSON.stringify(serialisable, null, 2) + "\n");
  return file;
}
