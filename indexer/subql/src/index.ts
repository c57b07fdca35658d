// The SubQuery entry point: every handler named in manifest.ts, one module per CareTrail contract module.
export * from "./mappings/registry";
export * from "./mappings/consent";
export * from "./mappings/records";
export * from "./mappings/access";
export * from "./mappings/governance";
