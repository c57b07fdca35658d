// The export routes' answers for each error code, against the real SDL with resolvers that fail on demand.
import assert from "node:assert/strict";
import type { AddressInfo } from "node:net";
import { after, before, describe, it } from "node:test";
import { makeExecutableSchema } from "@graphql-tools/schema";
import express from "express";
import { GraphQLError } from "graphql";
import { readTypeDefs } from "../buildSchema.ts";
import type { ApiContext } from "../context.ts";
import { exportRoutes } from "./exportRoutes.ts";

let failure: unknown;
let contextFailure: unknown;
const fail = () => {
  throw failure;
};
const schema = makeExecutableSchema({ typeDefs: readTypeDefs(), resolvers: { Query: { auditTimeline: fail, fhirAuditEvents: fail } } });

let base: string;
let close: () => void;
before(async () => {
  const app = express().use(
    "/export",
    exportRoutes({
      schema,
      contextFor: () => (contextFailure === undefined ? Promise.resolve({} as ApiContext) : Promise.reject(contextFailure as Error)),
    }),
  );
  // As server.ts's last handler does: what a route rethrows is answered with a fixed message.
  app.use((_error: unknown, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
    res.status(500).json({ error: { code: "INTERNAL_SERVER_ERROR", message: "Something went wrong." } });
  });
  const server = app.listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/export`;
  close = () => server.close();
});
after(() => close());

const coded = (code: string, message = `failed with ${code}`) => new GraphQLError(message, { extensions: { code } });
const ROUTES = ["/audit.csv", "/audit.jsonl", "/audit.fhir.json", "/fhir/AuditEvent"];

async function answers(route: string): Promise<{ status: number; body: { error: { code: string; message: string } } }> {
  const response = await fetch(base + route);
  return { status: response.status, body: (await response.json()) as { error: { code: string; message: string } } };
}

describe("export routes answer each error code with its status", () => {
  const cases: [string, number][] = [
    ["BAD_USER_INPUT", 400],
    ["FORBIDDEN", 403],
    ["PRIVACY_BUDGET_EXHAUSTED", 429],
    ["INTERNAL_SERVER_ERROR", 500],
    ["SERVICE_UNAVAILABLE", 503],
    ["DEADLINE_EXCEEDED", 504],
  ];
  for (const [code, status] of cases) {
    it(`${code} -> ${status}`, async () => {
      contextFailure = undefined;
      failure = coded(code);
      for (const route of ROUTES) assert.deepEqual(await answers(route), { status, body: { error: { code, message: `failed with ${code}` } } }, route);
    });
  }

  it("an error without a code is the caller's input (graphql's own variable errors carry none)", async () => {
    contextFailure = undefined;
    failure = new GraphQLError('Variable "$first" got invalid value "x"');
    for (const route of ROUTES) assert.deepEqual((await answers(route)).body.error.code, "BAD_USER_INPUT", route);
  });

  it("a session that cannot be checked because the database is down is 503, a bad session 401", async () => {
    const sessionFailures = [
      ["SERVICE_UNAVAILABLE", 503, "The database is not answering."],
      ["UNAUTHENTICATED", 401, "The session token has expired: sign in again."],
    ] as const;
    for (const [code, status, message] of sessionFailures) {
      contextFailure = coded(code, message);
      for (const route of ROUTES) assert.deepEqual(await answers(route), { status, body: { error: { code, message } } }, route);
    }
  });

  it("a session check that fails inside (a Postgres error) is not a sign-in answer: it reaches the error handler, SQL unseen", async () => {
    contextFailure = new Error('relation "session_revocations" does not exist');
    for (const route of ROUTES) {
      const { status, body } = await answers(route);
      assert.equal(status, 500, route);
      assert.doesNotMatch(body.error.message, /relation|session_revocations/, route);
    }
  });
});
