// `npm run deploy`'s settings, read once from the environment (the README's Configuration table).
import { defineSettings, readSettings, setting, type SettingsOf } from "@caretrail/sdk";

export const deploySettingsSchema = defineSettings({
  RPC_URL: setting.url("the chain to deploy to (default: a Hardhat node the script starts and keeps serving)").optional(),
  CHAIN_PORT: setting.port("the port of the Hardhat node the script starts").default(8545),
  DEPLOYER_PRIVATE_KEY: setting.privateKey("the deployer's key; required on any chain but Hardhat's 31337").optional(),
  ADMIN_ADDRESS: setting.address("the account that holds the admin role (default: the deployer)").optional(),
  GOVERNANCE_ADDRESS: setting.address("the account that holds governance (default: the deployer)").optional(),
  CARETRAIL_DEPLOYMENT: setting.text("where the deployment file is written (default: .caretrail/deployment.json)").optional(),
});

export type DeploySettings = SettingsOf<typeof deploySettingsSchema>;

export const readDeploySettings = (): DeploySettings => readSettings(deploySettingsSchema);
