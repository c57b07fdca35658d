export * from "./startDatabase.js";
export * from "./freePort.js";
