import { runReorgCases } from "./support/reorgDriver.ts";

// The short version of test/soak/reorgMatrix.soak.ts: a shallow reorg replaced by a longer branch, one deeper
// than INDEXER_REORG_DEPTH (10) replaced by a branch as long, and a shorter branch on an idle chain.
runReorgCases(
  [
    { depth: 2, branch: "longer" },
    { depth: 12, branch: "equal" },
    { depth: 3, branch: "shorter", idle: true },
  ],
  {
    dbSchema: "reorg_depths",
    reorgDepth: 10,
    convergeMs: 90_000,
    report: (outcomes, notices) => {
      if (outcomes.length) console.log(`reorgs followed: ${outcomes.map((o) => `depth ${o.depth} ${o.branch} in ${o.convergedMs} ms`).join(", ")}`);
      console.log(notices.join("\n"));
    },
  },
);
