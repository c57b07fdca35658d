// `npm run api`: serves the GraphQL API over the projection the indexer writes, configured by the settings in
// ./config.ts (the README's Configuration table). Error details reach clients only with CARETRAIL_DEBUG_ERRORS=1
// (development); NODE_ENV plays no part.
import path from "node:path";
import { startDatabase } from "@caretrail/devstack";
import { JsonRpcProvider, Wallet } from "ethers";
import { findRepoRoot, readDeployment, type Deployment } from "@caretrail/sdk";
import { readApiSettings } from "./config.js";
import { startApi } from "./startApi.js";

async function main(): Promise<void> {
  const settings = readApiSettings();
  const database = await startDatabase({ dataDir: path.join(findRepoRoot(), ".caretrail", "postgres"), databaseUrl: settings.DATABASE_URL });
  const dbSchema = settings.INDEXER_DB_SCHEMA;
  let deployment: Deployment | undefined;
  try {
    deployment = readDeployment(settings.CARETRAIL_DEPLOYMENT);
  } catch (error) {
    console.log(`api: ${(error as Error).message} Record signatures will be reported as unchecked (signatureValid: null).`);
  }
  const vaultKey = settings.VAULT_PRIVATE_KEY;
  const vaultOperator = vaultKey && deployment ? new Wallet(vaultKey, new JsonRpcProvider(settings.RPC_URL ?? deployment.rpcUrl)) : undefined;
  if (!vaultOperator) console.log("api: vault releases are not logged on-chain: set VAULT_PRIVATE_KEY (an account with VAULT_ROLE) and deploy first.");
  const api = await startApi({
    databaseUrl: database.url,
    dbSchema,
    ...(settings.API_STATE_DATABASE_URL ? { stateDatabaseUrl: settings.API_STATE_DATABASE_URL } : {}),
    port: settings.PORT,
    host: settings.HOST,
    ...(settings.SESSION_SECRET ? { sessionSecret: settings.SESSION_SECRET } : {}),
    ...(settings.CARETRAIL_PRIVACY_NOISE_KEY ? { privacyNoiseKey: settings.CARETRAIL_PRIVACY_NOISE_KEY } : {}),
    ...(settings.CARETRAIL_API_STATE_SCHEMA ? { stateSchema: settings.CARETRAIL_API_STATE_SCHEMA } : {}),
    ...(settings.CARETRAIL_REQUEST_DEADLINE_MS ? { requestDeadlineMs: settings.CARETRAIL_REQUEST_DEADLINE_MS } : {}),
    ...(settings.SESSION_TTL_SECONDS ? { sessionTtlSeconds: settings.SESSION_TTL_SECONDS } : {}),
    ...(deployment ? { deployment: { chainId: deployment.chainId, address: deployment.address } } : {}),
    ...(vaultOperator ? { vaultOperator } : {}),
    ...(settings.CARETRAIL_VAULT_DIR ? { vaultDir: settings.CARETRAIL_VAULT_DIR } : {}),
    exposeErrorDetails: settings.CARETRAIL_DEBUG_ERRORS,
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
