import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { makeExecutableSchema } from "@graphql-tools/schema";
import type { GraphQLSchema } from "graphql";
import { applyAuthorisation } from "./auth/authDirective.js";
import { createResolvers, type ResolverOptions } from "./resolvers/index.js";

const schemaDir = path.join(path.dirname(fileURLToPath(import.meta.url)), "schema");

/** The SDL files, in a stable order. */
export function readTypeDefs(): string[] {
  return readdirSync(schemaDir)
    .filter((file) => file.endsWith(".graphql"))
    .sort()
    .map((file) => readFileSync(path.join(schemaDir, file), "utf8"));
}

export function buildApiSchema(options: ResolverOptions): GraphQLSchema {
  return applyAuthorisation(makeExecutableSchema({ typeDefs: readTypeDefs(), resolvers: createResolvers(options) as never }));
}
