// A V8 .cpuprofile summed by component: self time per component (the first whose test claims a frame) and the
// heaviest functions. The indexer's and the API's profiles name their own components.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

export type ProfileNode = { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount?: number; children?: number[] };
export type CpuProfile = { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[]; startTime: number; endTime: number };

export type ProfileSummary = {
  totalMs: number;
  busyMs: number;
  components: { name: string; ms: number; shareOfBusy: number }[];
  topFunctions: { name: string; where: string; ms: number }[];
};

/** Frames claimed in order: the first test a frame passes names its component. */
export type Components = [string, (frame: ProfileNode["callFrame"]) => boolean][];

/** Self time per component and the heaviest functions of one .cpuprofile. */
export function summariseProfile(profile: CpuProfile, componentsOf: Components): ProfileSummary {
  const selfUs = new Map<number, number>();
  profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const byNode = new Map(profile.nodes.map((node) => [node.id, node]));
  const components = new Map<string, number>();
  const functions = new Map<string, { name: string; where: string; us: number }>();
  for (const [id, us] of selfUs) {
    const frame = byNode.get(id)!.callFrame;
    const component = componentsOf.find(([, matches]) => matches(frame))?.[0] ?? "other";
    components.set(component, (components.get(component) ?? 0) + us);
    const where = `${frame.url.replace(/^.*node_modules\//, "")}:${frame.lineNumber + 1}`;
    const key = `${frame.functionName}@${where}`;
    const entry = functions.get(key) ?? { name: frame.functionName || "(anonymous)", where, us: 0 };
    entry.us += us;
    functions.set(key, entry);
  }
  const totalUs = [...components.values()].reduce((a, b) => a + b, 0);
  const busyUs = totalUs - (components.get("idle") ?? 0);
  const ms = (us: number) => Math.round(us / 100) / 10;
  return {
    totalMs: ms(totalUs),
    busyMs: ms(busyUs),
    components: [...components.entries()]
      .filter(([name]) => name !== "idle")
      .sort((a, b) => b[1] - a[1])
      .map(([name, us]) => ({ name, ms: ms(us), shareOfBusy: Math.round((us / busyUs) * 1000) / 10 })),
    topFunctions: [...functions.values()]
      .filter((entry) => entry.name !== "(idle)")
      .sort((a, b) => b.us - a.us)
      .slice(0, 15)
      .map(({ name, where, us }) => ({ name, where, ms: ms(us) })),
  };
}

/**
 * Time by stage, inclusive: each busy sample goes to the innermost frame on its stack that a stage claims (tests tried
 * in order per frame), so work a stage calls into (ethers under a handler, pg under a flush) counts as that stage's.
 * Samples no frame claims (garbage collection, code resumed by the event loop outside any stage) are "unattributed".
 */
export function summariseStages(profile: CpuProfile, stagesOf: Components): ProfileSummary["components"] {
  const parentOf = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);
  const byNode = new Map(profile.nodes.map((node) => [node.id, node]));
  const stageOfNode = new Map<number, string>();
  const stageOf = (id: number): string => {
    const known = stageOfNode.get(id);
    if (known !== undefined) return known;
    const frame = byNode.get(id)!.callFrame;
    const own = stagesOf.find(([, matches]) => matches(frame))?.[0];
    const parent = parentOf.get(id);
    const stage = own ?? (parent === undefined ? "unattributed" : stageOf(parent));
    stageOfNode.set(id, stage);
    return stage;
  };
  const stages = new Map<string, number>();
  let busyUs = 0;
  profile.samples.forEach((id, i) => {
    if (byNode.get(id)!.callFrame.functionName === "(idle)") return;
    const us = profile.timeDeltas[i] ?? 0;
    busyUs += us;
    const stage = stageOf(id);
    stages.set(stage, (stages.get(stage) ?? 0) + us);
  });
  return [...stages.entries()]
    .sort((a, b) => b[1] - a[1])
    .map(([name, us]) => ({ name, ms: Math.round(us / 100) / 10, shareOfBusy: Math.round((us / busyUs) * 1000) / 10 }));
}

/** The largest .cpuprofile in `dir` (the process under test; a short-lived helper may write a small one too). */
export function largestProfile(dir: string): CpuProfile {
  const profiles = readdirSync(dir)
    .filter((name) => name.endsWith(".cpuprofile"))
    .map((name) => JSON.parse(readFileSync(path.join(dir, name), "utf8")) as CpuProfile);
  if (profiles.length === 0) throw new Error(`no CPU profile in ${dir}`);
  return profiles.sort((a, b) => b.samples.length - a.samples.length)[0]!;
}
