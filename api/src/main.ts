// `npm run api`: serves the GraphQL API over the projection the indexer writes.
// DATABASE_URL (default: the demo's Postgres in .caretrail/postgres; may be a read-only standby when
// API_STATE_DATABASE_URL names the primary, which keeps nonces, sign-outs, rate limits and privacy budgets), PORT (4000), SESSION_SECRET,
// CARETRAIL_DB_SCHEMA (or INDEXER_DB_SCHEMA, default "caretrail"). Error details reach clients only with
// CARETRAIL_DEBUG_ERRORS=1 (development); NODE_ENV plays no part.
import path from "node:path";
import { startDatabase } from "@caretrail/devstack";
import { JsonRpcProvider, Wallet } from "ethers";
import { findRepoRoot, readDeployment, type Deployment } from "@caretrail/sdk";
import { startApi } from "./startApi.js";

async function main(): Promise<void> {
  const database = await startDatabase({ dataDir: path.join(findRepoRoot(), ".caretrail", "postgres") });
  const dbSchema = process.env.CARETRAIL_DB_SCHEMA ?? process.env.INDEXER_DB_SCHEMA ?? "caretrail";
  let deployment: Deployment | undefined;
  try {
    deployment = readDeployment();
  } catch (error) {
    console.log(`api: ${(error as Error).message} Record signatures will be reported as unchecked (signatureValid: null).`);
  }
  const vaultKey = process.env.VAULT_PRIVATE_KEY;
  const vaultOperator = vaultKey && deployment ? new Wallet(vaultKey, new JsonRpcProvider(process.env.RPC_URL ?? deployment.rpcUrl)) : undefined;
  if (!vaultOperator) console.log("api: vault releases are not logged on-chain: set VAULT_PRIVATE_KEY (an account with VAULT_ROLE) and deploy first.");
  const api = await startApi({
    databaseUrl: database.url,
    dbSchema,
    ...(process.env.API_STATE_DATABASE_URL ? { stateDatabaseUrl: process.env.API_STATE_DATABASE_URL } : {}),
    port: Number(process.env.PORT ?? 4000),
    host: process.env.HOST ?? "127.0.0.1",
    ...(process.env.SESSION_SECRET ? { sessionSecret: process.env.SESSION_SECRET } : {}),
    ...(process.env.CARETRAIL_PRIVACY_NOISE_KEY ? { privacyNoiseKey: process.env.CARETRAIL_PRIVACY_NOISE_KEY } : {}),
    ...(process.env.CARETRAIL_API_STATE_SCHEMA ? { stateSchema: process.env.CARETRAIL_API_STATE_SCHEMA } : {}),
    ...(process.env.CARETRAIL_REQUEST_DEADLINE_MS
      ? { requestDeadlineMs: positiveInteger("CARETRAIL_REQUEST_DEADLINE_MS", process.env.CARETRAIL_REQUEST_DEADLINE_MS, "milliseconds") }
      : {}),
    ...(process.env.SESSION_TTL_SECONDS ? { sessionTtlSeconds: positiveInteger("SESSION_TTL_SECONDS", process.env.SESSION_TTL_SECONDS) } : {}),
    ...(deployment ? { deployment: { chainId: deployment.chainId, address: deployment.address } } : {}),
    ...(vaultOperator ? { vaultOperator } : {}),
    ...(process.env.CARETRAIL_VAULT_DIR ? { vaultDir: process.env.CARETRAIL_VAULT_DIR } : {}),
    exposeErrorDetails: process.env.CARETRAIL_DEBUG_ERRORS === "1",
  }).catch(async (error: unknown) => {
    await database.stop();
    throw error;
  });
  console.log(`api: GraphQL and GraphiQL at ${api.url}/graphql (schema "${dbSchema}"${database.embedded ? ", embedded Postgres" : ""})`);
  const shutdown = async () => {
    await api.stop();
    await database.stop();
    process.exit(0);
  };
  process.once("SIGINT", () => void shutdown());
  process.once("SIGTERM", () => void shutdown());
}

main().catch((error: unknown) => {
  console.error(`api: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});

function positiveInteger(name: string, value: string, unit = "seconds"): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1) throw new Error(`${name} must be a positive whole number of ${unit}, not "${value}".`);
  return parsed;
}
