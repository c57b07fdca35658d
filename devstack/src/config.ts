// The settings of the stacks devstack starts for tests, the demo and benches: DATABASE_URL switches every one of
// them from an embedded Postgres to a real server (the README's Configuration table).
import { defineSettings, readSettings, setting, type SettingsOf } from "@caretrail/sdk";

export const devstackSettingsSchema = defineSettings({
  DATABASE_URL: setting.url("a real Postgres instead of an embedded one").optional(),
});

export const readDevstackSettings = (): SettingsOf<typeof devstackSettingsSchema> => readSettings(devstackSettingsSchema);
