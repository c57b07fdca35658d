// npm run bench -- api [--events 1000000 --seconds 60 --clients 50 --quick]
// A real chain, Postgres and indexer (the API tests' world: real sign-in personas), the indexer stopped, N synthetic
// access events bulk-loaded into its schema, then the question mix through the API (a separate `npm run api`
// process) and, in the same run, the same statements through `pg`. Writes bench/results/api-<events>.json.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import postgres from "postgres";
import { ensureReadModels } from "@caretrail/api";
import { cast, signIn, startApiProcess, startWorld, type ApiProcess } from "@caretrail/api/testing";
import { DEFAULT_SHAPE, loadSyntheticEvents } from "./loader.ts";
import { questions, readTargets, type Persona, type Question } from "./mix.ts";
import { runPgBaseline } from "./baseline.ts";
import { Latencies } from "./latencies.ts";
import { postgresCpu, postmasterPid, processTreeCpu } from "./processes.ts";
import { explainSlowest } from "./explain.ts";
import { writeApiReport } from "./report.ts";
import { ensureSubqlQuery, startSubqlQuery, subqlQueryQuestion } from "./subqlQuery.ts";
import { largestProfile, summariseProfile, type Components } from "../src/cpuProfile.ts";

const SCHEMA = "api_test";
const resultsDir = fileURLToPath(new URL("../results/", import.meta.url));

export type ApiBenchOptions = {
  events: number;
  seconds: number;
  clients: number;
  baselineSeconds: number;
  label?: string;
  /** API processes sharing the database (stateless replicas); the clients are split evenly between them. */
  replicas?: number;
  /** Also ask @subql/query the questions it can express (installs it on first use); default on. */
  subqlQuery?: boolean;
  /** Profile the (first) API process under V8's --cpu-prof and add its self time by component to the result. */
  cpuProfileDir?: string;
};

export async function runApiBench(options: ApiBenchOptions) {
  const world = await startWorld();
  const { stack } = world;
  try {
    await stack.stopIndexer();
    const sql = postgres(stack.database.url, { onnotice: () => {}, max: 4 }) as postgres.Sql<Record<string, never>>;
    try {
      const [head] = await sql.unsafe(`select max(block_number)::bigint as b, max(block_timestamp) as t from ${SCHEMA}.access_events`);
      const load = await loadSyntheticEvents(sql, SCHEMA, {
        ...DEFAULT_SHAPE,
        events: options.events,
        firstBlock: Number(head!.b) + 1_000,
        end: new Date((head!.t as Date).getTime() - 60_000),
      });
      // The read models the API builds on connect (api/src/data/readModels.ts), built here so the API starts at once.
      const readModelsStarted = performance.now();
      await ensureReadModels(sql, SCHEMA, true);
      load.seconds.readModels = Math.round(performance.now() - readModelsStarted) / 1000;
      console.log(`loaded ${options.events} events in ${load.seconds.total} s, read models in ${load.seconds.readModels} s`);
      const targets = await readTargets(sql, SCHEMA);
      const postmaster = await postmasterPid(sql);
      const mix = (round: number) => questions(targets, round);
      const replicas = options.replicas ?? 1;
      const apis: ApiProcess[] = [];
      try {
        for (let i = 0; i < replicas; i++)
          apis.push(
            await startApiProcess(
              stack.database.url,
              SCHEMA,
              stack.deployment,
              i === 0 && options.cpuProfileDir ? { cpuProfileDir: options.cpuProfileDir } : {},
            ),
          );
        // Signed in on the first replica only: the others accept its sessions (nonces and sign-outs live in Postgres).
        const tokens: Record<Persona, string> = {
          auditor: (await signIn(apis[0]!.url, cast.auditor)).token!,
          researcher: (await signIn(apis[0]!.url, cast.researcher)).token!,
        };
        const apiCpu = () => apis.reduce((sum, api) => sum + processTreeCpu(api.child.pid!), 0);
        const cpuBefore = postgresCpu(postmaster);
        const apiCpuBefore = apiCpu();
        const apiRun = await runGraphqlMix({
          urls: apis.map((api) => api.url),
          clients: options.clients,
          seconds: options.seconds,
          mix,
          headers: (question) => ({ authorization: `Bearer ${tokens[question.persona]}` }),
        });
        const postgresCpuSeconds = postgresCpu(postmaster) - cpuBefore;
        // CPU per request, unlike requests/s, holds still when other work shares the cores.
        const apiCpuSeconds = apiCpu() - apiCpuBefore;
        const apiPeakRssMb = Math.max(...apis.map((api) => peakRssMb(api.child.pid!)));
        const pgCpuBefore = postgresCpu(postmaster);
        const pgRun = await runPgBaseline(stack.database.url, SCHEMA, options.clients, options.baselineSeconds, mix);
        const pgCpuSeconds = postgresCpu(postmaster) - pgCpuBefore;
        const subql = options.subqlQuery === false ? undefined : await runSubqlQueryBaseline(stack.database.url, options, mix, postmaster);
        const plans = await explainSlowest(sql, SCHEMA, apiRun.summary(), mix);
        const sizes = await sql.unsafe(
          `select pg_total_relation_size('${SCHEMA}.access_events') as total, pg_relation_size('${SCHEMA}.access_events') as heap`,
        );
        const result = {
          label: options.label ?? "current",
          events: options.events,
          clients: options.clients,
          seconds: { api: options.seconds, pg: options.baselineSeconds },
          load,
          accessEventsBytes: { total: Number(sizes[0]!.total), heap: Number(sizes[0]!.heap) },
          api: {
            total: apiRun.total(),
            perKind: apiRun.summary(),
            peakRssMb: apiPeakRssMb,
            postgresCpuSeconds,
            postgresCpuShare: round2(postgresCpuSeconds / options.seconds),
            apiCpuSeconds,
            cpuMsPerRequest: perRequestMs({ api: apiCpuSeconds, postgres: postgresCpuSeconds }, apiRun.total().requests),
          },
          pg: {
            total: pgRun.total(),
            perKind: pgRun.summary(),
            postgresCpuSeconds: pgCpuSeconds,
            cpuMsPerRequest: perRequestMs({ postgres: pgCpuSeconds }, pgRun.total().requests),
          },
          replicas,
          subqlQuery: subql ?? { ran: false as const, why: "skipped (--no-subql-query)" },
          plans,
          machine: { cores: (await import("node:os")).cpus().length, node: process.version },
          at: new Date().toISOString(),
        };
        mkdirSync(resultsDir, { recursive: true });
        const file = path.join(resultsDir, `api-${options.label ?? "current"}-${options.events}.json`);
        writeFileSync(file, JSON.stringify(result, null, 2) + "\n");
        console.log(`wrote ${file}`);
        return result;
      } finally {
        await Promise.all(apis.map((api) => api.stop()));
      }
    } finally {
      await sql.end();
    }
  } finally {
    await stack.stop();
  }
}

const round2 = (value: number) => Math.round(value * 100) / 100;

const perRequestMs = (cpuSeconds: Record<string, number>, requests: number) =>
  Object.fromEntries(Object.entries(cpuSeconds).map(([name, seconds]) => [name, requests ? round2((seconds * 1000) / requests) : null]));

function peakRssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  return Math.round(Number(/VmHWM:\s+(\d+)/.exec(status)![1]) / 1024);
}

/** Baseline (b): @subql/query over the same schema, the same clients and length as the pg baseline. */
async function runSubqlQueryBaseline(
  databaseUrl: string,
  options: ApiBenchOptions,
  mix: (round: number) => Question[],
  postmaster: number,
): Promise<SubqlQueryRun> {
  ensureSubqlQuery((line) => console.log(line));
  const service = await startSubqlQuery(databaseUrl, SCHEMA);
  try {
    const cpuBefore = postgresCpu(postmaster);
    const serviceCpuBefore = processTreeCpu(service.child.process.pid!);
    const run = await runGraphqlMix({
      urls: [service.url],
      clients: options.clients,
      seconds: options.baselineSeconds,
      mix: (round) => mix(round).map(subqlQueryQuestion),
      headers: () => ({}),
    });
    const postgresCpuSeconds = postgresCpu(postmaster) - cpuBefore;
    const serviceCpuSeconds = processTreeCpu(service.child.process.pid!) - serviceCpuBefore;
    return {
      ran: true,
      version: service.version,
      total: run.total(),
      perKind: run.summary(),
      postgresCpuSeconds,
      cpuMsPerRequest: perRequestMs({ service: serviceCpuSeconds, postgres: postgresCpuSeconds }, run.total().requests),
      notes:
        "no sign-in, consent or role checks; deep page by offset 500; exact counts; analytics as grouped aggregates " +
        "(distinct patients per kind and role) without k-anonymity suppression, noise or privacy budget",
    };
  } finally {
    await service.stop();
  }
}

type SubqlQueryRun = {
  ran: true;
  version: string;
  total: ReturnType<Latencies["total"]>;
  perKind: ReturnType<Latencies["summary"]>;
  postgresCpuSeconds: number;
  cpuMsPerRequest: Record<string, number | null>;
  notes: string;
};

type GraphqlMixParameters = {
  /** One or more servers; the clients are split evenly between them. */
  urls: string[];
  clients: number;
  seconds: number;
  mix: (round: number) => Question[];
  headers: (question: Question) => Record<string, string>;
};

/** autocannon over the mix; each connection times its own requests (one in flight per connection). */
async function runGraphqlMix({ urls, clients, seconds, mix, headers }: GraphqlMixParameters): Promise<Latencies> {
  const latencies = new Latencies();
  // autocannon resets a connection's context after each request list pass, so the rotation is global (shared by
  // every server's run): call n asks question n mod L of round n div L.
  let calls = 0;
  const runs = urls.map((url, i) => {
    const connections = Math.floor(clients / urls.length) + (i < clients % urls.length ? 1 : 0);
    return runMixOn(
      url,
      connections,
      seconds,
      () => {
        const call = calls++;
        const length = mix(0).length;
        const list = mix(Math.floor(call / length));
        return list[call % list.length]!;
      },
      headers,
      latencies,
    );
  });
  const results = await Promise.all(runs);
  latencies.seconds = seconds;
  const errors = results.reduce((sum, result) => sum + result.errors, 0);
  const timeouts = results.reduce((sum, result) => sum + result.timeouts, 0);
  if (errors || timeouts) latencies.fail("transport", `${errors} errors, ${timeouts} timeouts`);
  return latencies;
}

function runMixOn(
  url: string,
  connections: number,
  seconds: number,
  nextQuestion: () => Question,
  headers: (question: Question) => Record<string, string>,
  latencies: Latencies,
): Promise<autocannon.Result> {
  type Context = { kind?: string; started?: number };
  return autocannon({
    url,
    connections,
    duration: seconds,
    timeout: 10,
    requests: [
      {
        setupRequest: (request: autocannon.Request, context: Context) => {
          const question = nextQuestion();
          context.kind = question.kind;
          context.started = performance.now();
          return {
            ...request,
            method: "POST",
            path: "/graphql",
            body: JSON.stringify({ query: question.query, variables: question.variables }),
            headers: { "content-type": "application/json", ...headers(question) },
          };
        },
        onResponse: (status: number, body: string, context: Context) => {
          const elapsed = performance.now() - context.started!;
          if (status !== 200 || body.includes('"errors"')) latencies.fail(context.kind!, `${status} ${body.slice(0, 200)}`);
          else latencies.add(context.kind!, elapsed);
        },
      },
    ],
  });
}

/** `npm run bench -- api [--events N] [--seconds S] [--clients C] [--baseline-seconds S] [--label L] [--quick]`. */
export async function runApiBenchCli(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      events: { type: "string" },
      seconds: { type: "string" },
      clients: { type: "string" },
      "baseline-seconds": { type: "string" },
      quick: { type: "boolean" },
      label: { type: "string" },
      replicas: { type: "string" },
      "no-subql-query": { type: "boolean" },
      "cpu-prof-dir": { type: "string" },
    },
  });
  const quick = values.quick ?? false;
  const seconds = Number(values.seconds ?? (quick ? 5 : 60));
  const result = await runApiBench({
    events: Number(values.events ?? (quick ? 10_000 : 1_000_000)),
    seconds,
    clients: Number(values.clients ?? 50),
    baselineSeconds: Number(values["baseline-seconds"] ?? seconds),
    label: values.label ?? (quick ? "quick" : "current"),
    replicas: Number(values.replicas ?? 1),
    subqlQuery: !(values["no-subql-query"] ?? false),
    ...(values["cpu-prof-dir"] ? { cpuProfileDir: values["cpu-prof-dir"] } : {}),
  });
  console.log(JSON.stringify({ api: result.api.perKind, pg: result.pg.perKind, rss: result.api.peakRssMb }, null, 1));
  if (values["cpu-prof-dir"]) printApiProfile(values["cpu-prof-dir"]);
  // The quick run's file is left out of the report (report.ts reads api-* but api-quick-*).
  if (!quick) console.log(`${writeApiReport()} runs -> bench/api/RESULTS-api.md, docs/api-latency.svg`);
}

/** Where the API's node spends its CPU, by library: first match claims a frame. */
const API_COMPONENTS: Components = [
  ["idle", (f) => f.functionName === "(idle)"],
  ["garbage collection", (f) => f.functionName === "(garbage collector)"],
  ["native / program", (f) => f.functionName === "(program)" || f.functionName === "(root)"],
  ["graphql-js (parse, validate, execute)", (f) => /\/graphql\//.test(f.url)],
  ["graphql-armor and envelop rules", (f) => /@escape\.tech|graphql-armor|@envelop/.test(f.url)],
  ["Apollo Server", (f) => /@apollo\//.test(f.url)],
  ["express and body parsing", (f) => /\/(express|body-parser|raw-body|router|iconv-lite|qs)\//.test(f.url)],
  ["postgres.js", (f) => /\/postgres\/(cjs|src)\//.test(f.url)],
  ["ethers and siwe", (f) => /\/ethers\/|\/siwe\/|@noble/.test(f.url)],
  ["CareTrail API code", (f) => /\/api\/dist\//.test(f.url)],
  ["CareTrail SDK", (f) => /\/sdk\/dist\//.test(f.url)],
  ["other node_modules", (f) => /node_modules/.test(f.url)],
  ["Node.js internals (http, streams, crypto)", (f) => f.url.startsWith("node:") || f.url === ""],
];

function printApiProfile(dir: string): void {
  const summary = summariseProfile(largestProfile(dir), API_COMPONENTS);
  console.log(`API profile: busy ${(summary.busyMs / 1000).toFixed(1)} s of ${(summary.totalMs / 1000).toFixed(1)} s sampled`);
  for (const component of summary.components) console.log(`${component.shareOfBusy.toFixed(1).padStart(5)}%  ${component.name} (${component.ms} ms)`);
  for (const fn of summary.topFunctions) console.log(`  ${String(fn.ms).padStart(8)} ms  ${fn.name}  ${fn.where}`);
}
