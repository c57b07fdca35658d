#!/usr/bin/env node
import { CommanderError } from "commander";
import { createProgram } from "./program.js";

const KNOWN_ERRORS = new Set([
  "CliInputError",
  "SettingsError",
  "RecordInvalidError",
  "DeploymentNotFoundError",
  "DeploymentInvalidError",
  "RpcUnreachableError",
  "ContractNotFoundError",
  "NotARecipientError",
  "KeyUnwrapError",
  "ContentDecryptionError",
  "EncryptionKeyInvalidError",
  "FieldNotFoundError",
  "FieldsRootMismatchError",
  "FieldSaltsMismatchError",
  "BundleNotSignedError",
  "NoRecipientsError",
]);

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
  const known = error instanceof Error && KNOWN_ERRORS.has(error.name);
  // Expected mistakes get their message only; anything else keeps its stack for a bug report.
  console.error(`error: ${known ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exitCode = 2;
}
