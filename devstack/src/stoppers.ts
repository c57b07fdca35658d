import { messageOf } from "@caretrail/sdk";

type Stopper = { name: string; stop: () => unknown };

/**
 * What a stack started, in order, so a failure half-way or a stop undoes it in reverse: each part stops before what it
 * depends on (the API before the indexer, the indexer before Postgres).
 */
export class Stoppers {
  private readonly pending: Stopper[] = [];
  /** Receives "could not stop the <name>: <message>" for a part that failed to stop; the others still stop. */
  constructor(private readonly log: (line: string) => void = console.error) {}

  push(name: string, stop: () => unknown): void {
    this.pending.push({ name, stop });
  }

  /** Stops every part pushed so far, the last first, reporting (never throwing) each failure. Calling it again stops only parts pushed since. */
  stopAll = async (): Promise<void> => {
    for (let part = this.pending.pop(); part; part = this.pending.pop()) {
      try {
        await part.stop();
      } catch (error) {
        this.log(`could not stop the ${part.name}: ${messageOf(error)}`);
      }
    }
  };
}
