// What a figure was measured on: the machine, the versions, and how loaded the machine was meanwhile
// (other processes share it; ratios from the same run are what compare).
import { readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { findRepoRoot } from "@caretrail/sdk";

export type Machine = { cpus: number; cpuModel: string; memoryGb: number; os: string; node: string };

export function machine(): Machine {
  return {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? "unknown",
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
    os: `${os.type()} ${os.release()}`,
    node: process.version,
  };
}

/** Installed versions of the packages the bench runs, read from their package.json. */
export function versions(packages: Record<string, string>): Record<string, string> {
  const root = findRepoRoot();
  return Object.fromEntries(
    Object.entries(packages).map(([name, dir]) => {
      try {
        return [name, (JSON.parse(readFileSync(path.join(root, dir, "package.json"), "utf8")) as { version: string }).version];
      } catch {
        return [name, "not installed"];
      }
    }),
  );
}

export type Load = { mean1m: number; max1m: number; samples: number };

/** Samples the 1-minute load average every `intervalMs` until stopped. */
export function sampleLoad(intervalMs = 2_000): { stop: () => Load } {
  const samples = [os.loadavg()[0]!];
  const timer = setInterval(() => samples.push(os.loadavg()[0]!), intervalMs);
  return {
    stop: () => {
      clearInterval(timer);
      samples.push(os.loadavg()[0]!);
      const mean = samples.reduce((a, b) => a + b, 0) / samples.length;
      return { mean1m: Number(mean.toFixed(2)), max1m: Number(Math.max(...samples).toFixed(2)), samples: samples.length };
    },
  };
}
