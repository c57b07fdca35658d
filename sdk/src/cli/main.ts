#!/usr/bin/env node
import { CommanderError } from "commander";
import { errorReport } from "./errorReport.js";
import { createProgram } from "./program.js";

try {
  await createProgram().parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    // Commander has printed the usage problem (or the help); only the exit code is left to set.
    process.exitCode = error.exitCode === 0 ? 0 : 2;
  } else {
    report(error);
  }
}

function report(error: unknown): void {
  console.error(errorReport(error));
  process.exitCode = 2;
}
