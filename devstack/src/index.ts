export { startDatabase, DatabaseStartError, type Database, type StartDatabaseParameters } from "./startDatabase.js";
export { freePort } from "@caretrail/sdk";
export { reachableDataDir } from "./reachablePostgresBinaries.js";
export { restartDatabase, DatabaseRestartError, type RestartDatabaseParameters } from "./restartDatabase.js";
export { devstackSettingsSchema, readDevstackSettings } from "./config.js";
