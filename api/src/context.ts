import type { Projection } from "./db.js";
import type { Viewer } from "./auth/loadViewer.js";

/** The deployment whose EIP-712 domain record signatures are checked against. */
export type DeploymentRef = { chainId: number; address: string };

export type ApiContext = {
  projection: Projection;
  /** Undefined for anonymous callers. */
  viewer: Viewer | undefined;
  deployment: DeploymentRef | undefined;
};
