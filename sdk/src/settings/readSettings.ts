// Each CareTrail process reads its environment once, through one zod schema of its own (its `config.ts`):
// every problem is reported at once by variable name, an empty value counts as unset (compose passes
// `NAME=` through), a retired name fails with the name that replaced it, and no value is ever echoed
// (some are keys).
import { z } from "zod";
import { CareTrailError } from "../errors/careTrailError.js";

export class SettingsError extends CareTrailError {
  override name = "SettingsError";
  static override readonly kind = "MISCONFIGURED";
  constructor(readonly problems: string[]) {
    super("The environment is not a valid CareTrail configuration", { details: problems });
  }
}

export type Environment = Record<string, string | undefined>;

/** Settings whose name changed: setting the old name is an error that names the new one. */
export type RetiredSettings = Record<string, string>;

export function readSettings<Shape extends z.ZodRawShape>(
  schema: z.ZodObject<Shape>,
  env: Environment = process.env,
  retired: RetiredSettings = {},
): z.output<z.ZodObject<Shape>> {
  const problems = Object.entries(retired)
    .filter(([old]) => env[old])
    .map(([old, replacement]) => `${old} was renamed: set ${replacement} instead.`);
  const present = Object.fromEntries(Object.keys(schema.shape).flatMap((name) => (env[name] ? [[name, env[name]]] : [])));
  const result = schema.safeParse(present);
  if (!result.success) problems.push(...result.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}.`));
  if (problems.length > 0 || !result.success) throw new SettingsError(problems);
  return result.data;
}

/** One process's settings schema, from `setting` kinds (so a package needs no zod of its own). */
export const defineSettings = <Shape extends z.ZodRawShape>(shape: Shape): z.ZodObject<Shape> => z.object(shape);

/** The values a settings schema yields. */
export type SettingsOf<Schema extends z.ZodObject> = z.output<Schema>;

/** The names a settings schema reads, for the catalogue test (README table, .env.example). */
export const settingNames = (schema: z.ZodObject): string[] => Object.keys(schema.shape);

/** The kinds of value settings hold, each failing with what it expects (never with the value). */
export const setting = {
  text: (doc: string) => z.string().describe(doc),
  port: (doc: string) => {
    const expected = "expected a TCP port (1-65535)";
    return z.coerce.number(expected).int(expected).min(1, expected).max(65_535, expected).describe(doc);
  },
  wholeNumber: (doc: string, unit: string) => {
    const expected = `expected a whole number of ${unit}`;
    return z.coerce.number(expected).int(expected).positive(`expected a positive number of ${unit}`).describe(doc);
  },
  url: (doc: string) => z.url("expected a URL").describe(doc),
  privateKey: (doc: string) =>
    z
      .string()
      .regex(/^0x[0-9a-fA-F]{64}$/, "expected a 0x-prefixed 32-byte hex private key")
      .describe(doc),
  address: (doc: string) =>
    z
      .string()
      .regex(/^0x[0-9a-fA-F]{40}$/, "expected a 0x-prefixed 20-byte hex address")
      .describe(doc),
  flag: (doc: string) =>
    z
      .enum(["0", "1"], "expected 1 (on) or 0 (off)")
      .transform((value) => value === "1")
      .describe(doc),
  schemaName: (doc: string) =>
    z
      .string()
      .regex(/^[a-z_][a-z0-9_]{0,62}$/, "expected a Postgres schema name (lowercase letters, digits and _)")
      .describe(doc),
};
