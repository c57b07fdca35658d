// The dashboard's settings, read per request on the server so one build serves any deployment (the README's
// Configuration table lists them). Only zod underneath, so the middleware (edge runtime) reads them too.
import { defineSettings, readSettings, setting, type SettingsOf } from "@caretrail/sdk/settings";

export const dashboardSettingsSchema = defineSettings({
  CARETRAIL_API_URL: setting.url("the GraphQL API the dashboard's server reads").default("http://127.0.0.1:4000"),
  CARETRAIL_PUBLIC_API_URL: setting.url("where a browser opens the API (GraphiQL), when it differs behind a proxy").optional(),
  DEMO_MODE: setting.flag("1 shows the persona picker (Hardhat's public development keys, synthetic data only)").default(false),
  CARETRAIL_PERSONAS: setting.text("the demo's personas file (default: .caretrail/demo/personas.json)").optional(),
  CARETRAIL_DEPLOYMENT: setting.text("the deployment file (default: .caretrail/deployment.json)").optional(),
  RPC_URL: setting.url("the chain's JSON-RPC (default: the deployment's rpcUrl)").optional(),
  DASHBOARD_SESSION_SECRET: setting.text("iron-session key of the dashboard's cookie, at least 32 characters (default: random per process)").optional(),
  DASHBOARD_ORIGIN: setting.url("the dashboard's public origin, for the same-origin check behind a proxy").optional(),
  // Set by Next itself (`next dev` is development); read for the CSP's development allowances only.
  NODE_ENV: setting.text("set by Next.js").default("production"),
});

export type DashboardSettings = SettingsOf<typeof dashboardSettingsSchema>;

export const dashboardSettings = (): DashboardSettings => readSettings(dashboardSettingsSchema);
