// The SubQuery entry point: one handler for every CareTrail event, which indexes a block at a time (mappings/block.ts);
// the per-event handlers it runs are in one module per CareTrail contract module.
export { handleCareTrailLog } from "./mappings/block";
