// The README's "Verify a record" walk-through and the demo's closing banner, run verbatim in bash as a
// newcomer pastes them, against a running demo. The lines run from a folder directly under the
// repository root, so npm (and npx) resolve exactly as at the root, while `.caretrail/` there is this
// test's own demo state.
import { spawnSync } from "node:child_process";
import { chmodSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import assert from "node:assert/strict";
import { startDemo } from "./runningDemo.ts";

const repoRoot = path.join(import.meta.dirname, "..", "..");

/** The command lines of the first ```sh block under the README heading `heading`, comment lines dropped. */
export function walkthroughLines(readme: string, heading: string): string[] {
  const section = readme.split(/^## /m).find((part) => part.startsWith(`${heading}\n`));
  assert.ok(section, `README.md has no "## ${heading}" section`);
  const block = section.match(/```sh\n([\s\S]*?)```/)?.[1];
  assert.ok(block, `the "${heading}" section has no sh block`);
  return block.split("\n").filter((line) => line.trim() && !line.trimStart().startsWith("#"));
}

/** The commands the closing banner suggests (indented lines starting with npx). */
const bannerCommands = (output: string) =>
  output
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line.startsWith("npx "));

function runPasted(line: string, cwd: string, env: NodeJS.ProcessEnv) {
  const result = spawnSync("bash", ["-c", line], { cwd, env, encoding: "utf8", timeout: 120_000 });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

test("the README's verify walk-through and the demo banner's commands work exactly as pasted", { timeout: 720_000 }, async () => {
  const lines = walkthroughLines(readFileSync(path.join(repoRoot, "README.md"), "utf8"), "Verify a record");
  assert.ok(
    lines.some((line) => line.includes("tampered.json")),
    "the walk-through has its tamper step",
  );

  const shellDir = mkdtempSync(path.join(repoRoot, ".walkthrough-"));
  chmodSync(shellDir, 0o755); // the embedded Postgres runs as its own user when the tests run as root
  const stateDir = path.join(shellDir, ".caretrail");
  // INIT_CWD is where the user ran npm: the banner prints its paths relative to it.
  const demo = await startDemo({ stateDir, patients: 6, days: 20, env: { INIT_CWD: shellDir } });
  try {
    await demo.ready();
    // The CLI's default deployment is <repository root>/.caretrail/deployment.json; here the demo's is one folder down.
    const env: NodeJS.ProcessEnv = { ...process.env, CARETRAIL_DEPLOYMENT: path.join(stateDir, "deployment.json") };
    delete env.RPC_URL; // the chain's URL comes from the deployment file, as for a user
    const banner = bannerCommands(demo.output());
    assert.ok(banner.length > 0, `the banner suggests no npx command:\n${demo.output()}`);
    for (const line of [...lines, ...banner]) {
      const { status, output } = runPasted(line, shellDir, env);
      if (line.includes("verify tampered.json")) {
        assert.match(output, /^FAIL\s+\S+.*\S/m, `the tamper step names no failing check:\n$ ${line}\n${output}`);
        assert.match(output, /is NOT VALID: \d+ checks? failed/, `the tamper step shows no verdict line:\n$ ${line}\n${output}`);
        assert.doesNotMatch(output, /could not determine|error:/i, `the tamper step failed for another reason:\n$ ${line}\n${output}`);
      } else {
        assert.equal(status, 0, `the pasted line failed (exit ${status}):\n$ ${line}\n${output}`);
        if (line.includes("caretrail verify")) assert.match(output, /is VALID/, `no VALID verdict:\n$ ${line}\n${output}`);
      }
    }
  } finally {
    // Stopping is demo.test.ts's subject; here it only must not hide the walk-through's own failure.
    const code = await demo.stop();
    rmSync(shellDir, { recursive: true, force: true });
    if (code !== 0) console.error(`the demo exited with ${code} after Ctrl-C:\n${demo.output().slice(-1000)}`);
  }
});
