// `npm run demo`'s and `npm run seed`'s settings, read once from the environment (the README's Configuration
// table lists them). The demo runs the indexer in its own process, so it reads the indexer's tuning settings too.
import { indexerTuningSettings } from "@caretrail/indexer";
import { defineSettings, readSettings, setting, type Environment, type SettingsOf } from "@caretrail/sdk";

const chainAccess = {
  RPC_URL: setting.url("an existing JSON-RPC endpoint instead of a Hardhat node of the demo's own").optional(),
  CARETRAIL_DEPLOYMENT: setting.text("the deployment file (default: deployment.json in CARETRAIL_STATE_DIR, which defaults to .caretrail/)").optional(),
};

export const demoSettingsSchema = defineSettings({
  ...chainAccess,
  ...indexerTuningSettings,
  DATABASE_URL: setting.url("a real Postgres instead of the embedded one (the demo writes schema caretrail_demo there)").optional(),
  DEMO_PG_PORT: setting.port("the embedded Postgres's port").default(54329),
  CHAIN_PORT: setting.port("the demo chain's port").default(8545),
  API_PORT: setting.port("where the API listens").default(4000),
  DASHBOARD_PORT: setting.port("where the dashboard listens").default(3000),
  SESSION_SECRET: setting.text("HMAC key of the API's session tokens (default: random per process)").optional(),
  DEMO_PATIENTS: setting.wholeNumber("synthetic patients to seed", "patients").default(40),
  DEMO_DAYS: setting.wholeNumber("simulated days of activity", "days").default(90),
  CARETRAIL_STATE_DIR: setting.text("where the demo keeps its deployment, Postgres data, personas, records and vault (default: .caretrail/)").optional(),
  CARETRAIL_CHAIN_START_DAYS_AGO: setting.wholeNumber("how far in the past the demo chain's clock starts (default: DEMO_DAYS + 1)", "days").optional(),
  // Set by npm: where `npm run demo` was typed, so printed paths are relative to it.
  INIT_CWD: setting.text("set by npm").optional(),
});

export type DemoSettings = SettingsOf<typeof demoSettingsSchema>;

export const readDemoSettings = (env: Environment = process.env): DemoSettings => readSettings(demoSettingsSchema, env);

export const seedSettingsSchema = defineSettings(chainAccess);

export const readSeedSettings = (env: Environment = process.env): SettingsOf<typeof seedSettingsSchema> => readSettings(seedSettingsSchema, env);
