import { createRequire } from "node:module";
import type * as MaxAliases from "@escape.tech/graphql-armor-max-aliases";
import type * as MaxDepth from "@escape.tech/graphql-armor-max-depth";
import type * as MaxDirectives from "@escape.tech/graphql-armor-max-directives";
import {
  type ArgumentNode,
  getNamedType,
  getNullableType,
  GraphQLError,
  isListType,
  Kind,
  parse,
  specifiedRules,
  validate,
  valueFromAST,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValidationContext,
  type ValidationRule,
} from "graphql";
import { limitExceeded } from "./errors.js";

// Their ESM builds import graphql's .mjs files while everything else here loads graphql's CommonJS build, and
// graphql refuses schema objects from "another realm"; the CommonJS builds share our graphql instance.
const load = createRequire(import.meta.url);
const { maxDepthRule } = load("@escape.tech/graphql-armor-max-depth") as typeof MaxDepth;
const { maxAliasesRule } = load("@escape.tech/graphql-armor-max-aliases") as typeof MaxAliases;
const { maxDirectivesRule } = load("@escape.tech/graphql-armor-max-directives") as typeof MaxDirectives;

export type QueryLimits = {
  /** Nesting of data fields (fragments flattened). */
  maxDepth: number;
  /** Nesting inside `__schema`: room for GraphiQL's introspection query, not for `types { fields { type { fields ...` walks. */
  maxIntrospectionDepth: number;
  /** Estimated cost: a field costs 1, a list costs its bound times its selection (see `listBounds`). */
  maxComplexity: number;
  /** The same estimate for an operation that only introspects, its lists priced by this schema's real sizes. */
  maxIntrospectionComplexity: number;
  /** Parser tokens: bounds the work before validation. */
  maxTokens: number;
  maxAliases: number;
  maxDirectives: number;
};

export const defaultQueryLimits: QueryLimits = {
  maxDepth: 8,
  maxIntrospectionDepth: 15,
  maxComplexity: 5_000,
  maxIntrospectionComplexity: 150_000,
  maxTokens: 2_000,
  maxAliases: 30,
  maxDirectives: 30,
};

/**
 * Lists without a `first` argument, priced by the most rows their resolver returns (the data modules enforce the
 * same numbers). Any other list of objects is priced at DEFAULT_LIST_BOUND.
 */
export const listBounds: Record<string, number> = {
  // A connection's edges are priced by its `first`, already counted on the connection field.
  "AccessEventConnection.edges": 1,
  "CareRecord.versions": 100,
  "Analytics.accesses": 100,
  "Analytics.consents": 100,
  "GranteeAccess.live": 10,
  "GranteeAccess.recentlyEnded": 10,
  // Like edges: a page of alert groups is priced by alertGroups' `first`.
  "AlertGroupPage.groups": 1,
  "AlertGroupPage.byRule": 6,
  "Query.consentsToMe": 50,
  "ConsentToMe.records": 20,
};
const DEFAULT_LIST_BOUND = 50;

/** Introspection lists are as long as this schema makes them: the most entries any one of them holds. */
const metaBoundsCache = new WeakMap<GraphQLSchema, Record<string, number>>();
function metaBounds(schema: GraphQLSchema): Record<string, number> {
  const cached = metaBoundsCache.get(schema);
  if (cached) return cached;
  const types = Object.values(schema.getTypeMap());
  const most = (count: (type: GraphQLNamedType) => number) => Math.max(1, ...types.map(count));
  const fieldsOf = (type: GraphQLNamedType) => ("getFields" in type ? Object.values(type.getFields() as Record<string, { args?: readonly unknown[] }>) : []);
  const bounds = {
    "__Schema.types": types.length,
    "__Schema.directives": schema.getDirectives().length,
    "__Type.fields": most((type) => fieldsOf(type).length),
    "__Type.inputFields": most((type) => fieldsOf(type).length),
    "__Type.enumValues": most((type) => ("getValues" in type ? type.getValues().length : 0)),
    "__Type.interfaces": most((type) => ("getInterfaces" in type ? type.getInterfaces().length : 0)),
    "__Type.possibleTypes": types.length,
    "__Field.args": Math.max(
      most((type) => Math.max(0, ...fieldsOf(type).map((field) => field.args?.length ?? 0))),
      ...schema.getDirectives().map((directive) => directive.args.length),
    ),
    "__Directive.args": Math.max(1, ...schema.getDirectives().map((directive) => directive.args.length)),
  };
  metaBoundsCache.set(schema, bounds);
  return bounds;
}

/** True when the operation selects nothing but `__schema`, `__type` and `__typename` at its root. */
export function onlyIntrospects(operation: OperationDefinitionNode): boolean {
  return operation.selectionSet.selections.every((selection) => selection.kind === Kind.FIELD && selection.name.value.startsWith("__"));
}

/** The rules added to graphql's own, all linear in the document: every fragment is measured once. */
export function limitRules(limits: QueryLimits): ValidationRule[] {
  const reject = (advice: string) => ({
    propagateOnRejection: false,
    onReject: [
      (context: unknown, error: GraphQLError) =>
        (context as ValidationContext).reportError(limitExceeded(`${error.message.replace(/^Syntax Error: /, "")} ${advice}`)),
    ],
  });
  return [
    maxDepthRule({ n: limits.maxDepth, flattenFragments: true, ...reject("Ask for fewer nested levels, or split the query.") }),
    introspectionDepthRule(limits.maxIntrospectionDepth),
    maxAliasesRule({ n: limits.maxAliases, ...reject("Send fewer aliased fields, or split the query.") }),
    maxDirectivesRule({ n: limits.maxDirectives, ...reject("Send fewer directives.") }),
  ];
}

/** The depth rule counts data fields only; this one bounds `__schema` walks with their own limit. */
function introspectionDepthRule(maxDepth: number): ValidationRule {
  return (context) => {
    const rule = maxDepthRule({
      n: maxDepth,
      flattenFragments: true,
      ignoreIntrospection: false,
      propagateOnRejection: false,
      onReject: [
        (_ctx, error) => {
          const reason = error.message.replace(/^Syntax Error: /, "").replace("Query depth", "Introspection depth");
          context.reportError(limitExceeded(`${reason} Introspect with GraphiQL's standard query instead.`));
        },
      ],
    });
    const visitor = rule(context) as unknown as { OperationDefinition: { enter: (node: OperationDefinitionNode) => void } };
    return {
      OperationDefinition: (node) => {
        if (mentionsSchema(node.selectionSet, context, new Set())) visitor.OperationDefinition.enter.call(visitor, node);
      },
    };
  };
}

function mentionsSchema(selectionSet: SelectionSetNode, context: ValidationContext, seen: Set<string>): boolean {
  return selectionSet.selections.some((selection) => {
    if (selection.kind === Kind.FIELD) return selection.name.value === "__schema";
    if (selection.kind === Kind.INLINE_FRAGMENT) return mentionsSchema(selection.selectionSet, context, seen);
    if (seen.has(selection.name.value)) return false;
    seen.add(selection.name.value);
    const fragment = context.getFragment(selection.name.value);
    return fragment ? mentionsSchema(fragment.selectionSet, context, seen) : false;
  });
}

/**
 * The estimated cost of one operation, in time linear in the document: each fragment is priced once per
 * operation (its price does not depend on where it is spread), cycles are refused by validation beforehand.
 */
export function operationCost(schema: GraphQLSchema, document: DocumentNode, variables: Record<string, unknown>, operationName: string | undefined): number {
  const operation = findOperation(document, operationName);
  if (!operation) return 0;
  const fragments = new Map(
    document.definitions
      .filter((definition): definition is FragmentDefinitionNode => definition.kind === Kind.FRAGMENT_DEFINITION)
      .map((fragment) => [fragment.name.value, fragment]),
  );
  const fragmentCost = new Map<string, number>();
  const rootType = schema.getRootType(operation.operation);
  if (!rootType) return 0;

  const fieldBound = (field: GraphQLField<unknown, unknown>, parent: GraphQLNamedType, args: readonly ArgumentNode[]): number => {
    const firstArg = field.args.find((arg) => arg.name === "first");
    if (firstArg) {
      const given = args.find((arg) => arg.name.value === "first");
      const value = given ? valueFromAST(given.value, firstArg.type, variables) : firstArg.defaultValue;
      return typeof value === "number" && value > 0 ? value : 1;
    }
    if (!isListType(getNullableType(field.type))) return 1;
    const key = `${parent.name}.${field.name}`;
    return listBounds[key] ?? metaBounds(schema)[key] ?? DEFAULT_LIST_BOUND;
  };

  const selectionCost = (selectionSet: SelectionSetNode, type: GraphQLNamedType): number => {
    let total = 0;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FRAGMENT_SPREAD) {
        const name = selection.name.value;
        if (!fragmentCost.has(name)) {
          const fragment = fragments.get(name);
          const on = fragment && schema.getType(fragment.typeCondition.name.value);
          fragmentCost.set(name, 0); // a cycle (already refused by validation) cannot recurse forever
          fragmentCost.set(name, fragment && on ? selectionCost(fragment.selectionSet, on) : 0);
        }
        total += fragmentCost.get(name)!;
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const on = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : type;
        total += on ? selectionCost(selection.selectionSet, on) : 0;
      } else {
        const field = "getFields" in type ? (type.getFields() as Record<string, GraphQLField<unknown, unknown>>)[selection.name.value] : undefined;
        if (!field) {
          total += 1; // __typename and other meta fields
          if (selection.selectionSet) total += selectionCost(selection.selectionSet, type);
          continue;
        }
        const bound = fieldBound(field, type, selection.arguments ?? []);
        if (selection.selectionSet) total += 1 + bound * Math.max(selectionCost(selection.selectionSet, getNamedType(field.type)), 1);
        else total += field.args.some((arg) => arg.name === "first") ? 1 + bound : 1; // lists of scalars cost what one scalar costs
      }
    }
    return total;
  };
  return selectionCost(operation.selectionSet, rootType);
}

/** Refuses an operation whose estimated cost is above the limit, before any resolver runs. */
export function assertAffordable(
  schema: GraphQLSchema,
  query: DocumentNode,
  variables: Record<string, unknown>,
  operationName: string | undefined,
  limits: QueryLimits,
): void {
  const operation = findOperation(query, operationName);
  if (!operation) return;
  const cost = operationCost(schema, query, variables, operationName);
  const limit = onlyIntrospects(operation) ? limits.maxIntrospectionComplexity : limits.maxComplexity;
  if (cost > limit) {
    throw limitExceeded(`This query costs ${cost}, above the limit of ${limit}: ask for fewer fields or smaller pages (first).`);
  }
}

function findOperation(document: DocumentNode, operationName: string | undefined): OperationDefinitionNode | undefined {
  const operations = document.definitions.filter((definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION);
  return operationName ? operations.find((candidate) => candidate.name?.value === operationName) : operations[0];
}

/**
 * The cost check alone, before graphql's own validation (which is linear but several times slower): a document
 * over budget is refused after one parse. Returns the refusal, or undefined to let the full check run.
 */
export function precheckCost(schema: GraphQLSchema, query: unknown, variables: unknown, operationName: unknown, limits: QueryLimits): GraphQLError | undefined {
  if (typeof query !== "string") return undefined;
  let document: DocumentNode;
  try {
    document = parse(query, { maxLexicalTokens: limits.maxTokens });
  } catch {
    return undefined; // the full check reports parse errors
  }
  try {
    const given = variables && typeof variables === "object" ? (variables as Record<string, unknown>) : {};
    assertAffordable(schema, document, given, typeof operationName === "string" ? operationName : undefined, limits);
    return undefined;
  } catch (error) {
    return error instanceof GraphQLError && error.extensions.reason === "QUERY_LIMIT" ? error : undefined;
  }
}

/** Parse, validate and cost-check one operation the way Apollo does (graphql-ws needs it done by hand). */
export function checkOperation(
  schema: GraphQLSchema,
  query: string,
  variables: Record<string, unknown>,
  operationName: string | undefined,
  limits: QueryLimits,
): DocumentNode | readonly GraphQLError[] {
  let document: DocumentNode;
  try {
    document = parse(query, { maxLexicalTokens: limits.maxTokens });
  } catch (error) {
    return [error instanceof GraphQLError ? error : new GraphQLError("The query could not be parsed.")];
  }
  try {
    assertAffordable(schema, document, variables, operationName, limits);
  } catch (error) {
    return [error as GraphQLError];
  }
  const errors = validate(schema, document, [...specifiedRules, ...limitRules(limits)]);
  return errors.length > 0 ? errors : document;
}
