import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { z } from "zod";
import { bytes32 } from "../record/careRecord.js";
import type { EncryptionKeyPair } from "../crypto/encryptionKeys.js";
import { CareTrailError } from "../errors/careTrailError.js";

/** A mistake in what the user gave the CLI: printed as "error: ..." with exit code 2. */
export class CliInputError extends CareTrailError {
  override name = "CliInputError";
  static override readonly kind = "BAD_USER_INPUT";
}

export function readJsonFile(file: string, what: string): unknown {
  if (!existsSync(file)) throw new CliInputError(`No ${what} at ${file}: check the path.`);
  const text = readFileSync(file, "utf8");
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new CliInputError(`${file} is not JSON (${(error as Error).message}); expected a ${what}.`);
  }
}

/** Writes `value` as JSON to `out`, or to stdout when no file is given. */
export function writeJson(value: unknown, out: string | undefined, mode?: number): void {
  const text = `${JSON.stringify(value, null, 2)}\n`;
  if (out) writeFileSync(out, text, mode === undefined ? undefined : { mode });
  else process.stdout.write(text);
}

const keyFileSchema = z.object({ publicKey: bytes32, privateKey: bytes32 });

/** An X25519 key pair file written by `caretrail keys new --out`. */
export function readKeyFile(file: string): EncryptionKeyPair {
  const parsed = keyFileSchema.safeParse(readJsonFile(file, "key file"));
  if (!parsed.success)
    throw new CliInputError(`${file} is not a CareTrail key file: expected {"publicKey","privateKey"} as written by \`caretrail keys new --out\`.`);
  return parsed.data;
}
