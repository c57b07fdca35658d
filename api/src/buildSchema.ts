import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { makeExecutableSchema } from "@graphql-tools/schema";
import { MapperKind, mapSchema } from "@graphql-tools/utils";
import { GraphQLError, type GraphQLFieldResolver, type GraphQLSchema } from "graphql";
import { applyAuthorisation } from "./auth/authDirective.js";
import type { ApiContext } from "./context.js";
import { INTERNAL_MESSAGE, isClientError } from "./errors.js";
import { createResolvers, type ResolverOptions } from "./resolvers/index.js";

const schemaDir = path.join(path.dirname(fileURLToPath(import.meta.url)), "schema");

/** The SDL files, in a stable order. */
export function readTypeDefs(): string[] {
  return readdirSync(schemaDir)
    .filter((file) => file.endsWith(".graphql"))
    .sort()
    .map((file) => readFileSync(path.join(schemaDir, file), "utf8"));
}

export type BuildSchemaOptions = ResolverOptions & { logError?: (line: string, error: unknown) => void };

export function buildApiSchema({ logError = (line, error) => console.error(line, error), ...options }: BuildSchemaOptions): GraphQLSchema {
  return containInternalErrors(applyAuthorisation(makeExecutableSchema({ typeDefs: readTypeDefs(), resolvers: createResolvers(options) as never })), logError);
}

/**
 * Every door (HTTP, WebSocket, exports) executes this schema, so internal errors (Postgres messages, paths,
 * stacks) are replaced here, once: the log gets the error and the request id, the client a fixed message.
 */
function containInternalErrors(schema: GraphQLSchema, logError: (line: string, error: unknown) => void): GraphQLSchema {
  const contain = (error: unknown, context: ApiContext | undefined): never => {
    if (error instanceof GraphQLError && isClientError(error)) throw error;
    logError(`api: internal error (request ${context?.requestId ?? "?"})`, error);
    throw new GraphQLError(INTERNAL_MESSAGE, { extensions: { code: "INTERNAL_SERVER_ERROR", requestId: context?.requestId } });
  };
  const wrap = <F extends GraphQLFieldResolver<unknown, ApiContext>>(resolve: F): F =>
    ((source, args, context, info) => {
      try {
        const result = resolve(source, args, context, info);
        return result instanceof Promise ? result.catch((error: unknown) => contain(error, context)) : result;
      } catch (error) {
        return contain(error, context);
      }
    }) as F;
  return mapSchema(schema, {
    [MapperKind.OBJECT_FIELD]: (field) => ({
      ...field,
      ...(field.resolve ? { resolve: wrap(field.resolve) } : {}),
      ...(field.subscribe ? { subscribe: wrap(field.subscribe) } : {}),
    }),
  });
}
