// What every suite's own API (beside the world's main one) shares: the world's projection, its deployment, no log.
import type { StartApiParameters } from "../../src/index.ts";
import type { World } from "../support/world.ts";

/** An API over the world's indexed projection that logs nothing; a suite adds the settings it tests. */
export const overWorldProjection = ({ stack }: World): Pick<StartApiParameters, "databaseUrl" | "dbSchema" | "log"> => ({
  databaseUrl: stack.database.url,
  dbSchema: "api_test",
  log: () => {},
});

/** The world's CareTrail deployment, for an API that signs callers in or reads the contract. */
export const worldDeployment = ({ stack }: World): NonNullable<StartApiParameters["deployment"]> => ({
  chainId: stack.deployment.chainId,
  address: stack.deployment.address,
});
