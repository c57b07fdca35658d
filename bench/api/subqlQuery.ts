// Baseline (b): SubQuery's own generated GraphQL service (@subql/query, PostGraphile) over the same projection, asked
// what it can express of the mix. It runs without sign-in, consent checks or k-anonymity (it has none), so where it
// answers, it is the price of the question without CareTrail's rules; the questions it cannot express are named.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { freePort, startChild, waitFor, type StartedChild } from "@caretrail/devstack";
import type { Question } from "./mix.ts";

export const subqlQueryDir = fileURLToPath(new URL("../baselines/subql-query/", import.meta.url));
const mainScript = path.join(subqlQueryDir, "node_modules", "@subql", "query", "dist", "main.js");

/** Installs the baseline from its lockfile on first use (bench code, not part of `npm ci`). */
export function ensureSubqlQuery(log: (message: string) => void): void {
  if (existsSync(mainScript)) return;
  log("installing the @subql/query baseline (npm ci in bench/baselines/subql-query)");
  execFileSync("npm", ["ci", "--no-audit", "--no-fund", "--ignore-scripts"], { cwd: subqlQueryDir, stdio: "inherit" });
}

export type SubqlQueryService = { url: string; child: StartedChild; version: string; stop: () => Promise<void> };

/** `subql-query --name=<schema>` on a free port, with the same pool size as the API's (8). */
export async function startSubqlQuery(databaseUrl: string, schema: string): Promise<SubqlQueryService> {
  const port = await freePort();
  const db = new URL(databaseUrl);
  const child = startChild(
    process.execPath,
    [mainScript, `--name=${schema}`, `--port=${port}`, "--playground=false", "--max-connection=8", "--output-fmt=json", "--log-level=warn"],
    {
      cwd: subqlQueryDir,
      env: {
        ...process.env,
        TZ: "UTC",
        DB_HOST: db.hostname,
        DB_PORT: db.port || "5432",
        DB_USER: decodeURIComponent(db.username),
        DB_PASS: decodeURIComponent(db.password),
        DB_DATABASE: db.pathname.slice(1),
      },
    },
  );
  const url = `http://127.0.0.1:${port}`;
  const answers = async () => {
    if (!child.running()) return "exited";
    try {
      const response = await fetch(`${url}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ query: "{ _metadata { lastProcessedHeight } }" }),
      });
      return response.ok ? "ready" : undefined;
    } catch {
      return undefined;
    }
  };
  const stop = () => child.stop({ killAfterMs: 5_000 });
  const state = await waitFor(() => `@subql/query to answer; its last lines:\n${child.tail.text()}`, answers, { timeoutMs: 60_000 }).catch(
    async (error: unknown) => {
      await stop();
      throw error;
    },
  );
  if (state === "exited") throw new Error(`@subql/query exited at start:\n${child.tail.text()}`);
  const { version } = (await import(path.join(subqlQueryDir, "node_modules", "@subql", "query", "package.json"), { with: { type: "json" } })).default as {
    version: string;
  };
  return { url, child, version, stop };
}

const TIMELINE = `query($filter: AccessEventFilter, $offset: Int) {
  accessEvents(filter: $filter, orderBy: [BLOCK_NUMBER_DESC, LOG_INDEX_DESC], first: 50, offset: $offset) {
    totalCount nodes { id kind outcome patientId actor purpose blockNumber blockTimestamp } pageInfo { hasNextPage endCursor } } }`;
const PROVENANCE = `query($id: String!) {
  record(id: $id) { id patientId category versionCount latest { id version } versions { nodes { id author version } } }
  accessEvents(filter: { recordId: { equalTo: $id } }, orderBy: [BLOCK_NUMBER_DESC, LOG_INDEX_DESC], first: 50) { nodes { kind outcome actor } } }`;
const ANALYTICS = `query($from: Datetime!) {
  accessEvents(filter: { blockTimestamp: { greaterThanOrEqualTo: $from } }) {
    groupedAggregates(groupBy: [KIND, ACTOR_ROLE]) { keys distinctCount { patientId } } }
  consentVersions(filter: { blockTimestamp: { greaterThanOrEqualTo: $from } }) { groupedAggregates(groupBy: [ACTION]) { keys distinctCount { patient } } } }`;

/** The enum values as schema.graphql spells them (the API's GraphQL enums are upper case). */
const asSchemaEnum = (value: string) => value[0] + value.slice(1).toLowerCase();
const utc = (iso: unknown) => new Date(iso as string).toISOString();

/**
 * The same question in @subql/query's GraphQL. Its deep page is an `offset` (its cursors encode its own order, and a
 * client pages by offset or by the cursor it was given); its counts are exact (uncapped), as it always counts.
 * Analytics are its grouped aggregates without suppression or noise: the nearest it can say.
 */
export function subqlQueryQuestion(question: Question): Question {
  if (question.kind === "record provenance") return { ...question, query: PROVENANCE };
  if (question.group === "aggregate") {
    const filter = question.variables.filter as { from: string };
    return { ...question, query: ANALYTICS, variables: { from: utc(filter.from) } };
  }
  const filter = (question.variables.filter ?? {}) as Record<string, unknown>;
  const where: Record<string, unknown> = {};
  if (filter.patient) where.patientId = { equalTo: filter.patient };
  if (filter.actor) where.actor = { equalTo: filter.actor };
  if (filter.outcomes) where.outcome = { in: (filter.outcomes as string[]).map(asSchemaEnum) };
  if (filter.purposes) where.purpose = { in: (filter.purposes as string[]).map(asSchemaEnum) };
  const time: Record<string, string> = {};
  if (filter.from) time.greaterThanOrEqualTo = utc(filter.from);
  if (filter.to) time.lessThan = utc(filter.to);
  if (Object.keys(time).length > 0) where.blockTimestamp = time;
  return { ...question, query: TIMELINE, variables: { filter: where, ...(question.variables.after ? { offset: 500 } : {}) } };
}
