// `npm run indexer`'s settings, read once from the environment (the README's Configuration table lists them).
// The runner's tuning settings are a shape of their own, so the demo, which runs the indexer in its own
// process, reads the same names.
import { defineSettings, readSettings, setting, type Environment, type SettingsOf } from "@caretrail/sdk";
import { DEFAULT_HEAD_POLL_MS, DEFAULT_REORG_DEPTH } from "./startIndexer.ts";

export const indexerTuningSettings = {
  INDEXER_REORG_DEPTH: setting.wholeNumber("reorgs up to this many blocks are routine on a development chain", "blocks").default(DEFAULT_REORG_DEPTH),
  INDEXER_HEAD_POLL_MS: setting.wholeNumber("how often SubQuery asks for the chain head", "milliseconds").default(DEFAULT_HEAD_POLL_MS),
  INDEXER_CPU_PROF_DIR: setting.text("writes a V8 CPU profile of each SubQuery node process here (profiling)").optional(),
};

export const indexerSettingsSchema = defineSettings({
  ...indexerTuningSettings,
  RPC_URL: setting.url("the chain's JSON-RPC (default: the deployment's rpcUrl)").optional(),
  CARETRAIL_DEPLOYMENT: setting.text("the deployment file (default: .caretrail/deployment.json)").optional(),
  INDEXER_DB_SCHEMA: setting.schemaName("the schema the indexer writes and the API reads").default("caretrail"),
  DATABASE_URL: setting.url("the Postgres to write (default: SubQuery's DB_* variables, else an embedded Postgres)").optional(),
  DB_HOST: setting.text("SubQuery's own Postgres host variable, used when DATABASE_URL is unset").optional(),
  DB_PORT: setting.port("SubQuery's Postgres port variable").default(5432),
  DB_USER: setting.text("SubQuery's Postgres user variable").default("postgres"),
  DB_PASS: setting.text("SubQuery's Postgres password variable").default(""),
  DB_DATABASE: setting.text("SubQuery's Postgres database variable").default("postgres"),
});

export type IndexerSettings = SettingsOf<typeof indexerSettingsSchema>;

/** Names that used to be read too: one name per setting now. */
export const RETIRED_INDEXER_SETTINGS = { CARETRAIL_DB_SCHEMA: "INDEXER_DB_SCHEMA" };

export const readIndexerSettings = (env: Environment = process.env): IndexerSettings => readSettings(indexerSettingsSchema, env, RETIRED_INDEXER_SETTINGS);
