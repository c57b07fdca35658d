export * from "./startIndexer.ts";
export * from "./indexerProgress.ts";
export * from "./runtimeManifest.ts";
export * from "./config.ts";
export * from "./sql.ts";
