// `npm run api`'s settings, read once from the environment (the README's Configuration table lists them).
import { defineSettings, readSettings, setting, type Environment, type SettingsOf } from "@caretrail/sdk";

export const apiSettingsSchema = defineSettings({
  DATABASE_URL: setting.url("the projection's Postgres (default: the demo's embedded one); may be a read-only standby").optional(),
  API_STATE_DATABASE_URL: setting.url("where the API keeps its own state (default: DATABASE_URL); the primary when DATABASE_URL is a standby").optional(),
  INDEXER_DB_SCHEMA: setting.schemaName("the schema the indexer writes and the API reads").default("caretrail"),
  CARETRAIL_API_STATE_SCHEMA: setting.schemaName("the schema of the API's own state").optional(),
  PORT: setting.port("where the API listens").default(4000),
  HOST: setting.text("the address the API binds").default("127.0.0.1"),
  SESSION_SECRET: setting.text("HMAC key of session tokens (default: random per process)").optional(),
  SESSION_TTL_SECONDS: setting.wholeNumber("how long a session token lives", "seconds").optional(),
  CARETRAIL_REQUEST_DEADLINE_MS: setting.wholeNumber("request deadline and statement_timeout", "milliseconds").optional(),
  CARETRAIL_PRIVACY_NOISE_KEY: setting.text("key of the analytics' seeded noise (default: random per process)").optional(),
  CARETRAIL_DEPLOYMENT: setting.text("the deployment file (default: .caretrail/deployment.json)").optional(),
  RPC_URL: setting.url("the chain's JSON-RPC (default: the deployment's rpcUrl)").optional(),
  VAULT_PRIVATE_KEY: setting.privateKey("an account with VAULT_ROLE, so vault releases are logged on-chain").optional(),
  CARETRAIL_VAULT_DIR: setting.text("where the vault keeps sealed records (default: .caretrail/vault)").optional(),
  CARETRAIL_DEBUG_ERRORS: setting.flag("1 passes error details to clients (development only)").default(false),
});

export type ApiSettings = SettingsOf<typeof apiSettingsSchema>;

/** Names that used to be read too: one name per setting now. */
const RETIRED = { CARETRAIL_DB_SCHEMA: "INDEXER_DB_SCHEMA" };

export const readApiSettings = (env: Environment = process.env): ApiSettings => readSettings(apiSettingsSchema, env, RETIRED);
