import { GraphQLScalarType, Kind } from "graphql";
import { badInput } from "./errors.js";

const ADDRESS = /^0x[0-9a-fA-F]{40}$/;

function parseAddress(value: unknown): string {
  if (typeof value !== "string" || !ADDRESS.test(value)) throw badInput(`${JSON.stringify(value)} is not an address: give 0x followed by 40 hex digits.`);
  return value.toLowerCase();
}

function parseDateTime(value: unknown): Date {
  const date = typeof value === "string" ? new Date(value) : undefined;
  if (!date || Number.isNaN(date.getTime())) throw badInput(`${JSON.stringify(value)} is not a DateTime: use ISO-8601, e.g. 2026-01-31T12:00:00Z.`);
  return date;
}

export const Address = new GraphQLScalarType({
  name: "Address",
  serialize: (value) => String(value).toLowerCase(),
  parseValue: parseAddress,
  parseLiteral: (ast) => parseAddress(ast.kind === Kind.STRING ? ast.value : undefined),
});

export const DateTime = new GraphQLScalarType({
  name: "DateTime",
  serialize: (value) => (value instanceof Date ? value : new Date(String(value))).toISOString(),
  parseValue: parseDateTime,
  parseLiteral: (ast) => parseDateTime(ast.kind === Kind.STRING ? ast.value : undefined),
});

export const JSONScalar = new GraphQLScalarType({
  name: "JSON",
  serialize: (value) => value,
  parseValue: (value) => value,
});
