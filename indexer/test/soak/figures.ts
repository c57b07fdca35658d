import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";

/**
 * Prints a soak file's figures as one line (`figures <name> <json>`) and, when SOAK_REPORT_DIR is set (`npm run test:soak` sets it), writes
 * them to <dir>/<name>.json for the soak runner to gather into docs/reliability.json.
 */
export function publishFigures(name: string, figures: unknown): void {
  console.log(`figures ${name} ${JSON.stringify(figures)}`);
  const dir = process.env.SOAK_REPORT_DIR;
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, `${name}.json`), JSON.stringify(figures, null, 2) + "\n");
}
