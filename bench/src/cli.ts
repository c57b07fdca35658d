// `npm run bench -- <suite> [flags]`. Suites: indexer (bench/indexer: --quick, --freshness-only), api (bench/api: --quick, --events, ...)
// profile-indexer (a CPU profile of CareTrail's indexer on one dense backlog: --events) and indexer-levers (SubQuery's
// tuning flags on CareTrail's indexer, one at a time against its defaults: --events, --rounds).
import { runIndexerBench } from "../indexer/run.ts";
import { runApiBenchCli } from "../api/run.ts";
import { profileIndexerCli } from "../indexer/profile.ts";
import { indexerLeversCli } from "../indexer/levers.ts";
import { CareTrailError } from "@caretrail/sdk/errors";

const suites: Record<string, (flags: string[]) => Promise<void>> = {
  indexer: async (flags) => {
    const unknown = flags.filter((flag) => flag !== "--quick" && flag !== "--freshness-only");
    if (unknown.length > 0) throw new UsageError(`indexer takes only --quick and --freshness-only, not ${unknown.join(" ")}`);
    await runIndexerBench({ quick: flags.includes("--quick"), freshnessOnly: flags.includes("--freshness-only") });
  },
  api: runApiBenchCli,
  "profile-indexer": profileIndexerCli,
  "indexer-levers": indexerLeversCli,
};

class UsageError extends CareTrailError {
  override name = "UsageError";
  static override readonly kind = "BAD_USER_INPUT";
}

const [suite, ...flags] = process.argv.slice(2);
const usage =
  `usage: npm run bench -- <${Object.keys(suites).join("|")}> [--quick] ` +
  "(indexer also: --freshness-only; api also: --events N --seconds S --clients C --label L)";
if (!suite || !suites[suite]) {
  console.error(usage);
  process.exit(2);
}
suites[suite](flags).then(
  () => process.exit(0),
  (error: unknown) => {
    if (error instanceof UsageError || (error as { code?: string }).code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") {
      console.error(`bench: ${(error as Error).message}\n${usage}`);
      process.exit(2);
    }
    console.error(`bench: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
    process.exit(1);
  },
);
