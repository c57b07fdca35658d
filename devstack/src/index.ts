export * from "./startDatabase.js";
export { freePort } from "@caretrail/sdk";
export { reachableDataDir } from "./reachablePostgresBinaries.js";
