export type SubqlPatch = { name: string; why: string; file: string; find: string | RegExp; marker?: string; append?: string };
export const subqlPatches: SubqlPatch[];
export function unappliedSubqlPatches(nodeModules: string): SubqlPatch[];
export function applySubqlPatches(nodeModules: string): string[];
