/** The last `size` lines something printed, oldest first: what a failure message shows of a child or a stage. */
export class LogTail {
  private readonly kept: string[] = [];
  constructor(readonly size = 40) {}

  /** Keeps `line`, dropping the oldest beyond `size`; an arrow so it can be handed on as an output callback. */
  add = (line: string): void => {
    this.kept.push(line);
    if (this.kept.length > this.size) this.kept.shift();
  };

  lines(): string[] {
    return [...this.kept];
  }

  /** The kept lines joined by newlines, for an error message. */
  text(): string {
    return this.kept.join("\n");
  }
}
