import { runOutageDrills } from "../support/outageDrill.ts";
import { publishFigures } from "./figures.ts";

// The chain away for 30 s and back, then Postgres away for 30 s and back (issue #13); test/outage.test.ts is the 8 s version.
runOutageDrills({
  dbSchema: "outage_soak",
  outageMs: 30_000,
  convergeMs: 90_000,
  report: (outcomes) =>
    publishFigures(
      "outages",
      outcomes.map(({ what, outageMs, statesSeen, notices, convergedMs }) => ({ what, outageMs, statesSeen, logLines: notices.length, convergedMs })),
    ),
});
