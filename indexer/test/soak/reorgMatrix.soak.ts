import { runReorgCases, type BranchLength } from "../support/reorgDriver.ts";
import { publishFigures } from "./figures.ts";

// The full reorg matrix (issue #13): while the chain produces a block a second, the last 1, 2, 3, 5, 8, 10 and 12
// indexed blocks are replaced by a longer, an equal and a shorter branch; every table must equal the new chain.
const REORG_DEPTH = 10;
const DEPTHS = [1, 2, 3, 5, 8, 10, 12];
const BRANCHES: BranchLength[] = ["longer", "equal", "shorter"];

runReorgCases(
  DEPTHS.flatMap((depth) => BRANCHES.map((branch) => ({ depth, branch }))),
  {
    dbSchema: "reorg_matrix",
    reorgDepth: REORG_DEPTH,
    convergeMs: 90_000,
    report: (outcomes, notices) => {
      const times = outcomes.map((o) => o.convergedMs).sort((a, b) => a - b);
      publishFigures("reorgMatrix", {
        reorgDepthSetting: REORG_DEPTH,
        cases: outcomes.length,
        followed: outcomes.map(({ depth, branch, convergedMs }) => ({ depth, branch, convergedMs })),
        convergedMsMedian: times[Math.floor(times.length / 2)] ?? null,
        convergedMsMax: times.at(-1) ?? null,
        indexerRestartsOrRewinds: notices.length,
      });
    },
  },
);
