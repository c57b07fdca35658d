import assert from "node:assert/strict";
import { test } from "node:test";
import { getIntrospectionQuery, Lexer, Source, TokenKind, type GraphQLError } from "graphql";
import { buildApiSchema } from "./buildSchema.ts";
import { defaultAlertRules } from "./data/alerts.ts";
import { checkOperation, defaultQueryLimits } from "./limits.ts";

// Validation needs the schema only; nothing here subscribes, so the feed is never called.
const schema = buildApiSchema({
  alertRules: defaultAlertRules,
  liveFeed: {
    subscribe: () => {
      throw new Error("unused");
    },
    stop: () => {},
  },
});
const limits = defaultQueryLimits;
const patient = "0x" + "11".repeat(20);

function tokenCount(query: string): number {
  const lexer = new Lexer(new Source(query));
  let count = 0;
  while (lexer.advance().kind !== TokenKind.EOF) count++;
  return count;
}

/** Parse, validate and price `query`; returns the errors (none when accepted) and the time it took. */
function timedCheck(query: string, variables: Record<string, unknown> = {}): { errors: readonly GraphQLError[]; ms: number } {
  const started = performance.now();
  const checked = checkOperation(schema, query, variables, undefined, limits);
  return { errors: "kind" in checked ? [] : checked, ms: performance.now() - started };
}

/** Fragment i spreads fragment i+1 twice: expanding every use doubles the work per level. */
function nestedFragments(levels: number): string {
  const fragments = Array.from({ length: levels }, (_, index) => `fragment F${index} on Query { ...F${index + 1} ...F${index + 1} }`);
  return `{ ...F0 } ${fragments.join(" ")} fragment F${levels} on Query { contract { chainId } }`;
}

/** The largest document of nested fragment spreads under the token limit. */
function worstNestedFragments(): string {
  let levels = 1;
  while (tokenCount(nestedFragments(levels + 1)) < limits.maxTokens) levels++;
  return nestedFragments(levels);
}

test("nested fragment spreads at the token limit validate in linear time (< 50 ms)", () => {
  const query = worstNestedFragments();
  assert.ok(tokenCount(query) > 1_900, `the document has ${tokenCount(query)} tokens`);
  const { errors, ms } = timedCheck(query);
  // Its estimate doubles per level, so it is refused, but by the cost limit, fast.
  assert.deepEqual(
    errors.map((error) => error.extensions.reason),
    ["QUERY_LIMIT"],
  );
  assert.ok(ms < 50, `validation took ${ms.toFixed(1)} ms`);
});

test("nested fragment spreads that stay affordable are accepted, also in linear time", () => {
  const { errors, ms } = timedCheck(nestedFragments(10));
  assert.deepEqual(
    errors.map((error) => error.message),
    [],
  );
  assert.ok(ms < 50, `validation took ${ms.toFixed(1)} ms`);
});

test("a __schema walk within the depth limit is refused (graphql's introspection rule, then its real list sizes)", () => {
  let selection = "name";
  for (let level = 0; level < 4; level++) selection = `fields { type { ${selection} } }`;
  const { errors, ms } = timedCheck(`{ __schema { types { ${selection} } } }`);
  assert.match(errors[0]?.message ?? "accepted", /costs \d+, above the limit|introspection depth/i);
  assert.ok(ms < 50, `validation took ${ms.toFixed(1)} ms`);
});

test("introspection obeys a depth limit: a deep __schema walk is refused quickly", () => {
  let selection = "name";
  for (let level = 0; level < 40; level++) selection = `fields { type { ${selection} } }`;
  const { errors, ms } = timedCheck(`{ __schema { types { ${selection} } } }`);
  assert.match(errors[0]?.message ?? "accepted", /depth/i);
  assert.ok(ms < 50, `validation took ${ms.toFixed(1)} ms`);
});

test("GraphiQL's standard introspection query is still accepted", () => {
  const { errors } = timedCheck(getIntrospectionQuery());
  assert.deepEqual(
    errors.map((error) => error.message),
    [],
  );
});

test("lists without `first` are priced by their real bound: 20 aliases of records { versions { accesses } } are refused", () => {
  const aliases = Array.from(
    { length: 20 },
    (_, index) => `r${index}: records(patient: "${patient}") { versions { id authorisingConsent { version } } accesses { id kind } }`,
  );
  const { errors, ms } = timedCheck(`{ ${aliases.join(" ")} }`);
  assert.match(errors[0]?.message ?? "accepted", /costs \d+, above the limit/);
  assert.ok(ms < 50, `validation took ${ms.toFixed(1)} ms`);
});

test("one records { versions { accesses } } query a dashboard sends stays affordable", () => {
  const { errors } = timedCheck(`{ records(patient: "${patient}") { id versionCount latest { id version signatureValid } } }`);
  assert.deepEqual(
    errors.map((error) => error.message),
    [],
  );
});

test("too many aliases are refused with the limit named", () => {
  const aliases = Array.from({ length: 200 }, (_, index) => `a${index}: contract { chainId }`);
  const { errors, ms } = timedCheck(`{ ${aliases.join(" ")} }`);
  assert.match(errors[0]?.message ?? "accepted", /aliases/i);
  assert.ok(ms < 50, `validation took ${ms.toFixed(1)} ms`);
});

test("too many directives are refused with the limit named", () => {
  const fields = Array.from({ length: 200 }, () => `__typename @include(if: true)`);
  const { errors, ms } = timedCheck(`{ ${fields.join(" ")} }`);
  assert.match(errors[0]?.message ?? "accepted", /directives/i);
  assert.ok(ms < 50, `validation took ${ms.toFixed(1)} ms`);
});

test("a page size given as a variable is priced by its value", () => {
  const page = `auditTimeline(first: $n) { edges { node { id kind outcome patient actor purpose position { blockNumber txHash logIndex blockTimestamp } } } }`;
  const query = `query($n: Int) { a: ${page} b: ${page} }`;
  assert.deepEqual(
    timedCheck(query, { n: 10 }).errors.map((error) => error.message),
    [],
  );
  assert.match(timedCheck(query, { n: 200 }).errors[0]?.message ?? "accepted", /costs \d+, above the limit/);
});
