// `npm run bench -- indexer-levers [--events N] [--rounds R]`: SubQuery's own tuning flags, one at a time, on
// CareTrail's indexer (B) over one dense backlog. Every lever runs once per round, interleaved with B as shipped
// (SubQuery's defaults), so each median is against a baseline measured in the same run on the same backlog. A lever
// that stores a row too few or too many is reported as failed, not as fast. Writes
// bench/results/indexer-levers-dense.json and regenerates bench/RESULTS.md.
import { parseArgs } from "node:util";
import { withDenseBacklog } from "./denseBacklog.ts";
import { careTrailRunner } from "./runners/careTrail.ts";
import { dropSchemas } from "./runners/common.ts";
import { machine, sampleLoad, versions } from "../src/machine.ts";
import { writeFigure, writeResultsMarkdown, type Figure } from "../src/results.ts";
import { summarize } from "../src/stats.ts";

/** SubQuery's defaults (node-core's NodeConfig): batch 100 blocks, flush past 1,000 cached records, cap 10,000, async flush. */
export const LEVERS: { id: string; name: string; flags: string[] }[] = [
  { id: "B", name: "as shipped (SubQuery's defaults)", flags: [] },
  { id: "L1", name: "--batch-size=500", flags: ["--batch-size=500"] },
  { id: "L2", name: "--batch-size=20", flags: ["--batch-size=20"] },
  {
    id: "L3",
    name: "--store-cache-threshold=10000 --store-cache-upper-limit=50000",
    flags: ["--store-cache-threshold=10000", "--store-cache-upper-limit=50000"],
  },
  { id: "L4", name: "--store-cache-async=false", flags: ["--store-cache-async=false"] },
  { id: "L5", name: "--workers=2", flags: ["--workers=2"] },
];

export async function runIndexerLevers(events: number, rounds: number): Promise<void> {
  const log = (message: string) => console.log(`levers    ${message}`);
  await withDenseBacklog(events, log, async ({ backlog, rpcUrl, database, sql }) => {
    log(`${backlog.events} events in ${backlog.blocks} blocks; ${LEVERS.length} settings x ${rounds} rounds, interleaved`);
    const load = sampleLoad();
    const values: Record<string, number[]> = {};
    const failures: string[] = [];
    for (let round = 1; round <= rounds; round++) {
      for (const lever of LEVERS) {
        const schema = `bench_levers_${lever.id.toLowerCase()}_${round}`;
        await dropSchemas(sql, schema);
        const outcome = await careTrailRunner
          .run({ backlog, rpcUrl, database, sql, schema, indexerFlags: lever.flags })
          .catch((error: unknown) => ({ error: error instanceof Error ? error.message.split("\n")[0]! : String(error) }));
        if ("error" in outcome || outcome.rows !== backlog.events) {
          const why = "error" in outcome ? outcome.error : `stored ${outcome.rows} rows for ${backlog.events} logs`;
          failures.push(`${lever.id} ${lever.name}, round ${round}: ${why}`);
          log(`round ${round} ${lever.id} ${lever.name}: FAILED (${why})`);
          continue;
        }
        const rate = (backlog.events / outcome.ms) * 1000;
        (values[lever.id] ??= []).push(rate);
        log(`round ${round} ${lever.id} ${lever.name}: ${rate.toFixed(0)} events/s (${(outcome.ms / 1000).toFixed(1)} s, ${outcome.rows} rows = logs)`);
      }
    }
    const measured = LEVERS.filter((lever) => values[lever.id]?.length);
    const contenders = Object.fromEntries(
      measured.map((lever) => [lever.id, { name: lever.name, summary: summarize(values[lever.id]!), values: values[lever.id]! }]),
    );
    const shipped = contenders.B?.summary.median ?? 0;
    const best = measured.reduce((top, lever) => (contenders[lever.id]!.summary.median > contenders[top.id]!.summary.median ? lever : top), measured[0]!);
    const figure: Figure = {
      name: "indexer-levers-dense",
      title: `SubQuery's flags on B, dense backlog of ${backlog.events.toLocaleString("en-US")} events in ${backlog.blocks} blocks`,
      unit: "events/s",
      better: "higher",
      subject: "B",
      contenders,
      goal: "adopt a lever only if it beats B as shipped (B/x below 1)",
      met: best.id !== "B" && contenders[best.id]!.summary.median > shipped,
      measuredAt: new Date().toISOString(),
      inputs: {
        events: backlog.events,
        blocks: backlog.blocks,
        shape: "dense",
        rounds,
        levers: LEVERS,
        order: LEVERS.map((l) => l.id).join(" ") + " per round",
      },
      versions: versions({ "@subql/node-ethereum": "indexer/subql/node_modules/@subql/node-ethereum" }),
      machine: machine(),
      load: load.stop(),
      notes: [
        "Each lever is one set of flags added to B exactly as `npm run indexer` starts it; rates are end to end, startup included.",
        ...failures.map((failure) => `failed: ${failure}`),
      ],
    };
    log(`wrote ${writeFigure(figure)}`);
    log(`wrote ${writeResultsMarkdown()}`);
    for (const lever of measured) {
      const { median, min, max } = contenders[lever.id]!.summary;
      const range = `${min.toFixed(0)}-${max.toFixed(0)}`;
      log(`${lever.id.padEnd(3)} ${median.toFixed(0).padStart(5)} events/s (${range}), x${(median / shipped).toFixed(2)} of B  ${lever.name}`);
    }
  });
}

export async function indexerLeversCli(args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { events: { type: "string" }, rounds: { type: "string" } } });
  await runIndexerLevers(Number(values.events ?? 20_000), Number(values.rounds ?? 3));
}
