// Demo personas (written by `npm run demo`) and their Hardhat development keys: usable only when DEMO_MODE=1.
import { readFileSync } from "node:fs";
import { devAccount } from "@caretrail/devstack/devAccounts";
import { isDemoMode, personasFile } from "./config";
import type { NameBook } from "./format";
import { CareTrailError } from "@caretrail/sdk/errors";

export type Persona = { name: string; role: string; address: string; devAccountIndex: number };

/** Hardhat's chain id: the public development keys are only ever used against it. */
export const DEV_CHAIN_ID = 31337;

/** The caller asked for something demo mode does not offer (no persona picker here, a key-less persona). */
export class DemoModeError extends CareTrailError {
  override name = "DemoModeError";
  static override readonly kind = "BAD_USER_INPUT";
}

/** The demo's files are missing or stale: the operator reruns `npm run demo`; clients get a fixed 503, not the paths. */
export class DemoSetupError extends CareTrailError {
  override name = "DemoSetupError";
  static override readonly kind = "MISCONFIGURED";
}

/** The demo's personas, or [] outside demo mode or before the demo has written them. */
export function readPersonas(): Persona[] {
  if (!isDemoMode()) return [];
  try {
    return JSON.parse(readFileSync(personasFile(), "utf8")) as Persona[];
  } catch {
    return [];
  }
}

/** Display names for the demo's addresses; empty outside demo mode. */
export function personaNames(): NameBook {
  return Object.fromEntries(readPersonas().map((persona) => [persona.address.toLowerCase(), persona.name]));
}

/**
 * The development wallet of a demo persona. Refuses outside demo mode, for an index that is not a persona,
 * and for a persona file whose address does not match the key (a stale or edited file).
 */
export function personaWallet(devAccountIndex: number) {
  if (!isDemoMode()) throw new DemoModeError("Demo personas are disabled: start the dashboard with DEMO_MODE=1 (only against the local demo chain).");
  const persona = readPersonas().find((candidate) => candidate.devAccountIndex === devAccountIndex);
  if (!persona) throw new DemoSetupError(`No demo persona has development account ${devAccountIndex}: run \`npm run demo\` to write ${personasFile()}.`);
  const wallet = devAccount(devAccountIndex);
  if (wallet.address.toLowerCase() !== persona.address.toLowerCase()) {
    throw new DemoSetupError(
      `The persona file says ${persona.name} is ${persona.address}, but development account ${devAccountIndex} is ${wallet.address}: rerun \`npm run demo\`.`,
    );
  }
  return { persona, wallet };
}
