import type { Projection } from "./db.js";
import type { Viewer } from "./auth/loadViewer.js";
import { createRecordLoaders, type RecordLoaders } from "./data/records.js";
import { createTicketLoader, type TicketRow } from "./data/tickets.js";
import type DataLoader from "dataloader";

/** The deployment whose EIP-712 domain record signatures are checked against. */
export type DeploymentRef = { chainId: number; address: string };

export type ApiContext = {
  projection: Projection;
  /** Undefined for anonymous callers. */
  viewer: Viewer | undefined;
  deployment: DeploymentRef | undefined;
  /** Names this request in the server log (and the x-request-id header). */
  requestId: string;
  /** Per-request batching: a page of records costs a fixed number of queries whatever its size. */
  loaders: ApiLoaders;
};

export type ApiLoaders = RecordLoaders & { ticket: DataLoader<string, TicketRow | undefined> };

export function createLoaders(projection: Projection, deployment: DeploymentRef | undefined): ApiLoaders {
  return { ...createRecordLoaders(projection, deployment), ticket: createTicketLoader(projection) };
}
