import depthLimit from "graphql-depth-limit";
import { createRequire } from "node:module";
import type * as QueryComplexity from "graphql-query-complexity";
import { GraphQLError, parse, specifiedRules, validate, type DocumentNode, type GraphQLSchema, type ValidationRule } from "graphql";

// Its ESM build imports graphql's .mjs files while everything else here loads graphql's CommonJS build, and
// graphql refuses schema objects from "another realm"; the CommonJS build shares our graphql instance.
const { getComplexity, simpleEstimator } = createRequire(import.meta.url)("graphql-query-complexity") as typeof QueryComplexity;

export type QueryLimits = { maxDepth: number; maxComplexity: number; /** Parser tokens: bounds the work before validation. */ maxTokens: number };

export const defaultQueryLimits: QueryLimits = { maxDepth: 8, maxComplexity: 5_000, maxTokens: 2_000 };

export function depthRule(limits: QueryLimits): ValidationRule {
  return depthLimit(limits.maxDepth);
}

/**
 * Refuses an operation whose estimated cost is above the limit: every field costs 1, and a field taking `first`
 * costs its page size times its selection, so big pages of wide selections add up.
 */
export function assertAffordable(schema: GraphQLSchema, query: DocumentNode, variables: Record<string, unknown>, operationName: string | undefined, limits: QueryLimits): void {
  const cost = getComplexity({
    schema,
    query,
    variables,
    ...(operationName ? { operationName } : {}),
    estimators: [
      ({ args, childComplexity }) => (typeof args.first === "number" ? 1 + args.first * Math.max(childComplexity, 1) : undefined),
      simpleEstimator({ defaultComplexity: 1 }),
    ],
  });
  if (cost > limits.maxComplexity) {
    throw new GraphQLError(`This query costs ${cost}, above the limit of ${limits.maxComplexity}: ask for fewer fields or smaller pages (first).`, {
      extensions: { code: "BAD_USER_INPUT", http: { status: 400 } },
    });
  }
}

/** Parse, validate and cost-check one operation the way Apollo does (graphql-ws needs it done by hand). */
export function checkOperation(schema: GraphQLSchema, query: string, variables: Record<string, unknown>, operationName: string | undefined, limits: QueryLimits): DocumentNode | readonly GraphQLError[] {
  let document: DocumentNode;
  try {
    document = parse(query, { maxTokens: limits.maxTokens });
  } catch (error) {
    return [error instanceof GraphQLError ? error : new GraphQLError(String(error))];
  }
  const errors = validate(schema, document, [...specifiedRules, depthRule(limits)]);
  if (errors.length > 0) return errors;
  try {
    assertAffordable(schema, document, variables, operationName, limits);
  } catch (error) {
    return [error as GraphQLError];
  }
  return document;
}
