import assert from "node:assert/strict";
import { test } from "node:test";
import { makeExecutableSchema } from "@graphql-tools/schema";
import { readTypeDefs } from "../buildSchema.ts";
import { applyAuthorisation, MissingAuthRuleError } from "./authDirective.ts";

test("every root field of the SDL declares who may call it", () => {
  assert.doesNotThrow(() => applyAuthorisation(makeExecutableSchema({ typeDefs: readTypeDefs() })));
});

test("a root field without @auth, @signedIn or @public stops the server from starting (deny by default)", () => {
  const typeDefs = [...readTypeDefs(), "extend type Query { leaky: Int }"];
  assert.throws(() => applyAuthorisation(makeExecutableSchema({ typeDefs })), MissingAuthRuleError);
});
