export { startDatabase, DatabaseStartError, type Database, type StartDatabaseParameters } from "./startDatabase.js";
export { freePort } from "./freePort.js";
export { startLocalChain, LocalChainStartError, type LocalChain, type StartLocalChainParameters } from "./localChain.js";
export { devAccount, DEV_MNEMONIC } from "./devAccounts.js";
export { exitWithParentFlags } from "./exitWithParent.js";
export { reachableDataDir } from "./reachablePostgresBinaries.js";
export { restartDatabase, DatabaseRestartError, type RestartDatabaseParameters } from "./restartDatabase.js";
export { devstackSettingsSchema, readDevstackSettings } from "./config.js";
export { LogTail } from "./logTail.js";
export { Stoppers } from "./stoppers.js";
export { waitFor, WaitTimeoutError, type WaitForParameters } from "./waitFor.js";
export {
  startChild,
  stopChildProcess,
  forwardLines,
  childRunning,
  type StartChildParameters,
  type StartedChild,
  type StopChildParameters,
} from "./startChild.js";
export {
  connectDevChain,
  startDeployedChain,
  startChainAndDatabase,
  type ConnectDevChainParameters,
  type DevChainConnection,
  type DevSigner,
  type DeployedChain,
  type StartDeployedChainParameters,
} from "./deployedChain.js";
export { waitForIndexedHeight, IndexerBehindError, type WaitForIndexedHeightParameters } from "./waitForIndexedHeight.js";
export { settingsOrExit } from "./settingsOrExit.js";
export { queryOnce } from "./queryOnce.js";
export { seededRandom } from "./seededRandom.js";
