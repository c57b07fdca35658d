import type { ContractInfo } from "../generated/resolvers.js";
import type { DeploymentRef } from "../context.js";
import type { Projection } from "../db.js";

/** Public metadata: the deployment served and the indexer's progress from SubQuery's _metadata table. */
export async function readContractInfo({ sql, table }: Projection, deployment: DeploymentRef | undefined): Promise<ContractInfo> {
  const rows = await sql<{ key: string; value: unknown }[]>`
    select key, value from ${table("_metadata")} where key in ('lastProcessedHeight', 'indexerHealthy', 'chain')`;
  const value = (key: string) => rows.find((row) => row.key === key)?.value;
  const height = value("lastProcessedHeight");
  const chain = value("chain");
  return {
    chainId: deployment?.chainId ?? (chain === undefined ? null : Number(chain)),
    address: deployment?.address ?? null,
    indexedHeight: height === undefined ? null : Number(height),
    indexerHealthy: value("indexerHealthy") === true,
  };
}
