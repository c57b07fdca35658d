// Renders README.md's gas table from gas-snapshot.json (between the gas-table markers), so the README cannot drift
// from the measured figures: test/gas.test.ts fails when the README's table differs from this rendering, and
// `npm run gas:snapshot -w contracts` rewrites both.
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

/** Runtime bytecode of one deployed contract, in bytes. */
export type BytecodeSize = { runtimeBytes: number; eip170MarginBytes: number };
export type GasSnapshot = { bytecode: Record<string, BytecodeSize>; gas: Record<string, number> };

/** Full-transaction gas targets from the product requirements. */
export const GAS_TARGETS: Record<string, number> = {
  "appendRecord (provider)": 60_000,
  "requestAccess (granted)": 40_000,
  "grantConsent (first)": 60_000,
};

export const README_PATH = path.resolve(__dirname, "../../README.md");
const START = "<!-- gas-table:start -->";
const END = "<!-- gas-table:end -->";
/** Records per bitmap slot: the first append of a slot pays for the slot, the other 31 update it. */
const RECORDS_PER_SLOT = 32;

/** README rows in reading order: a label and the snapshot figures it shows (two figures share a row). */
const ROWS: [label: string, figures: string[]][] = [
  ["`appendRecord` (provider, typical)", ["appendRecord (provider)"]],
  ["`appendRecord` (first record of a 32-record slot)", ["appendRecord (first in slot)"]],
  ["`appendRecord` (amendment)", ["appendRecord (amendment)"]],
  ["`requestAccess` (granted)", ["requestAccess (granted)"]],
  ["`requestAccess` (denied)", ["requestAccess (denied)"]],
  ["`requestAccess` (unregistered third party)", ["requestAccess (unregistered)"]],
  ["`requestRecordAccess` (granted)", ["requestRecordAccess (granted)"]],
  ["`requestEmergencyAccess` (opens the emergency window)", ["requestEmergencyAccess"]],
  ["`grantConsent` (first)", ["grantConsent (first)"]],
  ["`grantConsent` (replace)", ["grantConsent (replace)"]],
  ["`grantConsentBySig`", ["grantConsentBySig"]],
  ["`revokeConsent`", ["revokeConsent"]],
  ["`logRead` (re-checks ticket, record, standing and consent)", ["logRead"]],
  ["`enrolPatient`", ["enrolPatient"]],
  ["`setEncryptionKey`", ["setEncryptionKey"]],
  ["`credentialProvider`", ["credentialProvider"]],
  ["`suspendProvider` / `reinstateProvider`", ["suspendProvider", "reinstateProvider"]],
  ["`registerThirdParty` / `removeThirdParty`", ["registerThirdParty", "removeThirdParty"]],
];

const grouped = (value: number) => value.toLocaleString("en-US");

/** The Markdown between the markers: the table, the contract's size and the average append. */
export function renderGasTable(snapshot: GasSnapshot): string {
  const figure = (name: string) => {
    const gas = snapshot.gas[name];
    if (gas === undefined) throw new Error(`gas-snapshot.json has no figure "${name}"; update ROWS in contracts/scripts/gasTable.ts`);
    return gas;
  };
  const shown = new Set(ROWS.flatMap(([, figures]) => figures));
  const unshown = Object.keys(snapshot.gas).filter((name) => !shown.has(name));
  if (unshown.length > 0) throw new Error(`the README's gas table has no row for ${unshown.join(", ")}; add it to ROWS in contracts/scripts/gasTable.ts`);
  const lines = ["| function | gas | target |", "| --- | ---: | ---: |"];
  for (const [label, figures] of ROWS) {
    const targets = figures.map((name) => GAS_TARGETS[name]).filter((target) => target !== undefined);
    lines.push(`| ${label} | ${figures.map((name) => grouped(figure(name))).join(" / ")} | ${targets.map((target) => `≤ ${grouped(target)}`).join(" / ")} |`);
  }
  const averageAppend = (figure("appendRecord (first in slot)") + (RECORDS_PER_SLOT - 1) * figure("appendRecord (provider)")) / RECORDS_PER_SLOT;
  const sizes = Object.entries(snapshot.bytecode).map(
    ([name, size]) => `${name}'s runtime bytecode is ${grouped(size.runtimeBytes)} bytes, ${grouped(size.eip170MarginBytes)} under EIP-170's limit.`,
  );
  return [
    ...lines,
    "",
    `Averaged over a patient's ${RECORDS_PER_SLOT} records an append costs about ${(averageAppend / 1000).toFixed(1)}k gas. ${sizes.join(" ")}`,
  ].join("\n");
}

/** The README's current gas section (between the markers), or undefined when the markers are missing. */
export function readmeGasSection(readme: string): string | undefined {
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start < 0 || end < start) return undefined;
  return readme.slice(start + START.length, end).trim();
}

/** Rewrites the README's gas section from a snapshot. */
export function writeReadmeGasSection(snapshot: GasSnapshot): void {
  const readme = readFileSync(README_PATH, "utf8");
  if (readmeGasSection(readme) === undefined) throw new Error(`README.md has no ${START} ... ${END} section`);
  const start = readme.indexOf(START) + START.length;
  writeFileSync(README_PATH, `${readme.slice(0, start)}\n${renderGasTable(snapshot)}\n${readme.slice(readme.indexOf(END))}`);
}
