// The CLI's settings: the only place the SDK reads the environment (its library functions take parameters).
import { z } from "zod";
import { readSettings, setting } from "../settings/readSettings.js";

export const cliSettingsSchema = z.object({
  RPC_URL: setting.url("the JSON-RPC endpoint (default: the deployment's rpcUrl); --rpc wins").optional(),
  CARETRAIL_DEPLOYMENT: setting.text("the deployment file (default: .caretrail/deployment.json); --deployment wins").optional(),
  CARETRAIL_PRIVATE_KEY: setting.text("the signing account's private key (never a flag: flags end up in shell history)").optional(),
});

export type CliSettings = z.output<typeof cliSettingsSchema>;

export const cliSettings = (): CliSettings => readSettings(cliSettingsSchema);
