import { messageOf } from "@caretrail/sdk";

/** A program's settings, or (on a bad environment) every problem printed as "<program>: …" and exit 1, before it starts anything. */
export function settingsOrExit<T>(program: string, read: () => T): T {
  try {
    return read();
  } catch (error) {
    console.error(`${program}: ${messageOf(error)}`);
    process.exit(1);
  }
}
