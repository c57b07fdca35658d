import { randomBytes } from "node:crypto";
import path from "node:path";
import type { Signer } from "ethers";
import { findRepoRoot } from "@caretrail/sdk";
import type { DeploymentRef } from "./context.js";
import type { VaultRelease } from "./vault/vaultRoutes.js";
import { connectProjection } from "./db.js";
import { startApiServer, type ApiServer, type ApiServerOptions } from "./server.js";
import { createReadLogger } from "./vault/logReadOnChain.js";
import { defaultSignInRateLimits } from "./auth/authStores.js";
import { createDisclosurePolicy, type DisclosurePolicyOptions } from "./privacy/disclosurePolicy.js";
import { openApiState } from "./state/apiState.js";

export type StartApiParameters = Omit<ApiServerOptions, "projection" | "sessionSecret" | "vault"> & {
  /** The projection: the indexer's database, or a streaming standby of it (the API only reads the projection). */
  databaseUrl: string;
  /**
   * Where the API's own writable state lives (API_STATE_DATABASE_URL): the primary when `databaseUrl` is a
   * read-only standby. Defaults to `databaseUrl`.
   */
  stateDatabaseUrl?: string;
  /** The Postgres schema the indexer writes (its --db-schema). */
  dbSchema: string;
  /** HMAC key for session tokens; a random one is generated when missing (sessions then end with the process). */
  sessionSecret?: string;
  deployment?: DeploymentRef;
  vaultDir?: string;
  /**
   * An account holding VAULT_ROLE: the vault logs every release on-chain with it (RecordRead) before answering,
   * and logRead re-checks the ticket then. Give it to this API alone: all its transactions go through one queue.
   */
  vaultOperator?: Signer;
  log?: (line: string) => void;
  /**
   * Where sign-in nonces, sign-outs, rate limits and privacy budgets live: "postgres" (the default) keeps them in
   * `stateSchema` of the same database, shared by every replica and kept across restarts; "memory" is for unit tests.
   */
  state?: "postgres" | "memory";
  stateSchema?: string;
  /** The analytics noise key (CARETRAIL_PRIVACY_NOISE_KEY); generated once and stored in the state schema when unset. */
  privacyNoiseKey?: string;
  /** k, bucket and budgets of the analytics disclosure policy (its ledger and noise key come from the state). */
  disclosure?: Omit<DisclosurePolicyOptions, "ledger" | "noiseSecret">;
};

export type StartedApi = ApiServer & { sessionSecretGenerated: boolean };

/** Connects to the projection and serves GraphQL, sign-in, exports and the vault. */
export async function startApi(parameters: StartApiParameters): Promise<StartedApi> {
  const {
    databaseUrl,
    stateDatabaseUrl = databaseUrl,
    dbSchema,
    sessionSecret,
    vaultDir,
    vaultOperator,
    log = console.log,
    state = "postgres",
    stateSchema,
    privacyNoiseKey,
    disclosure,
    ...options
  } = parameters;
  if (vaultOperator && !options.deployment) throw new Error("A vault operator needs the deployment (chain id and address) to log reads: pass deployment too.");
  const shared =
    state === "postgres"
      ? await openApiState({
          databaseUrl: stateDatabaseUrl,
          signInRateLimits: options.signInRateLimits ?? defaultSignInRateLimits,
          ...(stateSchema ? { schema: stateSchema } : {}),
          ...(privacyNoiseKey ? { noiseKey: privacyNoiseKey } : {}),
        }).catch((error: unknown) => {
          // 25006: read_only_sql_transaction, as on a standby.
          if ((error as { code?: string }).code === "25006")
            throw new Error(
              "The API's state database is read-only (a standby?): set API_STATE_DATABASE_URL to the primary; " +
                "DATABASE_URL may stay on the standby for the projection.",
            );
          throw error;
        })
      : undefined;
  const projection = await connectProjection({
    databaseUrl,
    dbSchema,
    ...(options.requestDeadlineMs ? { statementTimeoutMs: options.requestDeadlineMs } : {}),
  }).catch(async (error: unknown) => {
    await shared?.close();
    throw error;
  });
  const generated = !sessionSecret;
  if (generated) log("api: SESSION_SECRET is not set; using a random secret for this process, so sessions end when it stops.");
  try {
    const server = await startApiServer({
      ...(shared
        ? {
            authStores: shared.authStores,
            // Same database: the sign-out check rides in the viewer's statement.
            ...(stateDatabaseUrl === databaseUrl ? { sessionRevocationsTable: shared.revocationsTable } : {}),
            disclosurePolicy: createDisclosurePolicy({ ...disclosure, ledger: shared.budgetLedger, noiseSecret: shared.noiseKey }),
          }
        : {}),
      ...(!shared && disclosure ? { disclosurePolicy: createDisclosurePolicy(disclosure) } : {}),
      ...options,
      projection,
      sessionSecret: sessionSecret || randomBytes(32).toString("base64url"),
      vault: {
        dir: vaultDir ?? path.join(findRepoRoot(), ".caretrail", "vault"),
        ...(vaultOperator && options.deployment ? { recordRelease: logReadsWith(vaultOperator, options.deployment.address) } : {}),
      },
    });
    return {
      ...server,
      sessionSecretGenerated: generated,
      stop: async () => {
        await server.stop();
        await projection.close();
        await shared?.close();
      },
    };
  } catch (error) {
    await projection.close();
    await shared?.close();
    throw error;
  }
}

function logReadsWith(operator: Signer, address: string) {
  const logRead = createReadLogger(operator, address);
  return ({ ticket, recordId }: VaultRelease) => logRead(ticket, recordId);
}
