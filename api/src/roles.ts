import type { Role } from "./generated/resolvers.js";

export type { Role };

/** The projection's Role enum (registry role names) to the API's. */
export const roleFromDb: Record<string, Role | undefined> = {
  Patient: "PATIENT",
  Provider: "PROVIDER",
  Insurer: "INSURER",
  Auditor: "AUDITOR",
  Researcher: "RESEARCHER",
};

export const upperEnum = (value: string): string => value.replace(/([a-z])([A-Z])/g, "$1_$2").toUpperCase();
export const dbEnum = (value: string): string => value.toLowerCase().replace(/(^|_)([a-z])/g, (_match, _sep, letter: string) => letter.toUpperCase());
