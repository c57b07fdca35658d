export { startDatabase, DatabaseStartError, type Database, type StartDatabaseParameters } from "./startDatabase.js";
export { freePort } from "./freePort.js";
export { startLocalChain, LocalChainStartError, type LocalChain, type StartLocalChainParameters } from "./localChain.js";
export { devAccount, DEV_MNEMONIC } from "./devAccounts.js";
export { exitWithParentFlags } from "./exitWithParent.js";
export { reachableDataDir } from "./reachablePostgresBinaries.js";
export { restartDatabase, DatabaseRestartError, type RestartDatabaseParameters } from "./restartDatabase.js";
export { devstackSettingsSchema, readDevstackSettings } from "./config.js";
export { queryOnce } from "./queryOnce.js";
