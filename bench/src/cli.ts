// `npm run bench -- <suite> [--quick]`. Suites: indexer (bench/indexer). Others add theirs here.
import { runIndexerBench } from "../indexer/run.ts";

const suites: Record<string, (options: { quick: boolean }) => Promise<void>> = { indexer: runIndexerBench };

const [suite, ...flags] = process.argv.slice(2);
const unknownFlags = flags.filter((flag) => flag !== "--quick");
if (!suite || !suites[suite] || unknownFlags.length > 0) {
  console.error(`usage: npm run bench -- <${Object.keys(suites).join("|")}> [--quick]`);
  process.exit(2);
}
suites[suite]({ quick: flags.includes("--quick") }).then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(`bench: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
    process.exit(1);
  },
);
