// Edge-safe (no node: imports): the dashboard's middleware and route handlers import this through "@caretrail/sdk/errors".

/**
 * What an error means for whoever called, so callers switch on kinds instead of keeping lists of class names.
 * The names are the API's `extensions.code` values where one exists.
 */
export const careTrailErrorKinds = [
  /** What the caller sent is wrong (a file, an argument, a body): fix it and retry. */
  "BAD_USER_INPUT",
  /** No session, or one that expired: sign in. */
  "UNAUTHENTICATED",
  /** Signed in, but not allowed to do this. */
  "FORBIDDEN",
  /** What was named does not exist here. */
  "NOT_FOUND",
  /** The request is over a size limit: send less. */
  "PAYLOAD_TOO_LARGE",
  /** Today's privacy budget is spent: ask again after it resets. */
  "PRIVACY_BUDGET_EXHAUSTED",
  /** Too many attempts: wait (Retry-After) and try again. */
  "RATE_LIMITED",
  /** Something it needs (chain, API, database) does not answer: start it, or retry later. */
  "SERVICE_UNAVAILABLE",
  /** It ran past its deadline and was stopped: ask for less, or retry later. */
  "DEADLINE_EXCEEDED",
  /** Data does not match its hash, signature or key: it was altered, or belongs elsewhere. */
  "DATA_ALTERED",
  /** The setup is wrong (settings, a deployment file, an unbuilt package): whoever runs it fixes it. */
  "MISCONFIGURED",
  /** A bug or an unexpected state: report it. */
  "INTERNAL_SERVER_ERROR",
] as const;

export type CareTrailErrorKind = (typeof careTrailErrorKinds)[number];

const KINDS = new Set<string>(careTrailErrorKinds);

export function isCareTrailErrorKind(value: unknown): value is CareTrailErrorKind {
  return typeof value === "string" && KINDS.has(value);
}

export type CareTrailErrorOptions = {
  /** One line each, printed under the short message as "  - line". */
  details?: readonly string[];
  /** A closing line saying what to do next, printed after the details. */
  hint?: string;
  /** The error this one explains; `walk` follows the chain. */
  cause?: unknown;
  /** This instance's kind, over the class's static `kind` (errors that relay another service's code). */
  kind?: CareTrailErrorKind;
};

/**
 * The base of every CareTrail error (viem's BaseError): `message` is `shortMessage`, then each detail on its own
 * "  - " line, then the hint. Subclasses set a stable `name` and, where it is not INTERNAL_SERVER_ERROR, a static
 * `kind`: the base reads it once, so a kind given to the constructor is never hidden by the class's.
 */
export class CareTrailError extends Error {
  static readonly kind: CareTrailErrorKind = "INTERNAL_SERVER_ERROR";
  override name = "CareTrailError";
  readonly #kind: CareTrailErrorKind;
  readonly shortMessage: string;
  readonly details: readonly string[];

  constructor(shortMessage: string, options: CareTrailErrorOptions = {}) {
    const { details = [], hint, cause, kind } = options;
    const lines = [details.length > 0 ? `${shortMessage}:` : shortMessage, ...details.map((detail) => `  - ${detail}`), ...(hint ? [hint] : [])];
    super(lines.join("\n"), cause === undefined ? undefined : { cause });
    this.shortMessage = shortMessage;
    this.details = details;
    this.#kind = kind ?? new.target.kind;
  }

  /**
   * The kind given to the constructor, else the class's static `kind`. An accessor, so a subclass that declares
   * `kind` as an instance field (which would hide the constructor's) fails to compile.
   */
  get kind(): CareTrailErrorKind {
    return this.#kind;
  }

  /** The deepest error in the `cause` chain; with `fn`, the first one (this included) for which it holds, or null. */
  walk(fn?: (error: unknown) => boolean): unknown {
    return walk(this, fn);
  }
}

function walk(error: unknown, fn?: (error: unknown) => boolean): unknown {
  if (fn?.(error)) return error;
  if (error !== null && typeof error === "object" && "cause" in error && error.cause !== undefined) return walk(error.cause, fn);
  return fn ? null : error;
}

/** An error's message, for whatever was thrown. */
export const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));
