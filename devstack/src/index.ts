export * from "./startDatabase.js";
export * from "./freePort.js";
export { reachableDataDir } from "./reachablePostgresBinaries.js";
