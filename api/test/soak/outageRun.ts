// Postgres stopped under running APIs (the in-process one in development mode and `npm run api` in
// production mode): every request during the outage must fail fast with a clean 503, and the same
// processes must answer again once Postgres is back.
import { restartDatabase, type Database, devAccount } from "@caretrail/devstack";
import { signIn, siweMessage, type ApiClient } from "../support/client.ts";
import { cast } from "../support/scenario.ts";
import type { World } from "../support/world.ts";
import type { ApiProcess } from "../load/loadRun.ts";

export type OutageTarget = { name: string; url: string; patient: ApiClient; auditor: ApiClient };

/** The world's in-process API and a production `npm run api` process, each with a signed-in patient and auditor. */
export async function outageTargets({ stack, clients }: World, production: ApiProcess): Promise<OutageTarget[]> {
  return [
    { name: "in-process (development mode)", url: stack.api.url, patient: clients.patient, auditor: clients.auditor },
    {
      name: "npm run api (production mode)",
      url: production.url,
      patient: await signIn(production.url, cast.patients[0]),
      auditor: await signIn(production.url, cast.auditor),
    },
  ];
}

export type OutageRunReturnType = {
  downMs: number;
  /** Per API: requests answered during the outage, how, how fast, and when it answered again. */
  apis: {
    name: string;
    requests: number;
    statuses: Record<string, number>;
    latencyMs: { p50: number; max: number };
    slowest?: { kind: string; ms: number };
    /** Answers that were not a 503 SERVICE_UNAVAILABLE, or that showed a stack, SQL or driver detail. */
    badAnswers: string[];
    /** From Postgres accepting connections again until this API answered a query correctly. */
    recoveredMs: number;
    answeredAfter: number;
  }[];
};

const TIMELINE = `query($p: Address) { auditTimeline(filter: { patient: $p }, first: 20) { totalCount edges { node { id kind } } } }`;
/** Text that must never reach a client: stack frames, SQL, driver and socket details. */
const LEAKS = /stacktrace|\bat [\w.<>]+ \(|node_modules|\bselect\b|\bfrom\b.*\bwhere\b|ECONNREFUSED|postgres|57P0|connection (refused|terminated)/i;

interface Sample {
  latencies: number[];
  statuses: Record<string, number>;
  badAnswers: string[];
  slowest?: { kind: string; ms: number };
}
const newSample = (): Sample => ({ latencies: [], statuses: {}, badAnswers: [] });

export async function runOutage({
  database,
  targets,
  downMs,
  signInAccount,
}: {
  database: Database;
  targets: OutageTarget[];
  downMs: number;
  signInAccount: number;
}): Promise<OutageRunReturnType> {
  const samples = new Map(targets.map((target) => [target.name, newSample()]));
  const wallet = devAccount(signInAccount);
  // Prepared while the database is up: sign-in messages with live nonces.
  const signIns = new Map<string, string[]>();
  for (const target of targets) signIns.set(target.name, await Promise.all(Array.from({ length: 3 }, () => siweMessage(target.url, wallet))));

  const probes = (target: OutageTarget): { kind: string; send: () => Promise<Response> }[] => [
    { kind: "graphql", send: () => post(target.url, "/graphql", target.patient.token, { query: TIMELINE, variables: { p: target.patient.address } }) },
    { kind: "graphql viewer", send: () => post(target.url, "/graphql", target.auditor.token, { query: "{ viewer { address roles } }" }) },
    { kind: "export", send: () => fetch(`${target.url}/export/audit.csv`, { headers: { authorization: `Bearer ${target.auditor.token}` } }) },
    {
      kind: "vault",
      send: () => fetch(`${target.url}/vault/0x${"1".repeat(64)}?ticket=0x${"2".repeat(64)}`, { headers: { authorization: `Bearer ${target.patient.token}` } }),
    },
    // A few sign-ins only: sign-in is rate-limited, and a 429 is not what this run is about.
    ...(signIns.get(target.name)!.length > 0
      ? [
          {
            kind: "sign-in",
            send: async () => {
              const message = signIns.get(target.name)!.shift()!;
              return post(target.url, "/auth/verify", undefined, { message, signature: await wallet.signMessage(message) });
            },
          },
        ]
      : []),
  ];

  const probeDuringOutage = async () => {
    const until = performance.now() + downMs;
    while (performance.now() < until) {
      for (const target of targets) {
        for (const probe of probes(target)) {
          const sample = samples.get(target.name)!;
          const started = performance.now();
          const response = await probe.send();
          const body = await response.text();
          const ms = performance.now() - started;
          sample.latencies.push(ms);
          if (ms > (sample.slowest?.ms ?? -1)) sample.slowest = { kind: probe.kind, ms: Math.round(ms) };
          sample.statuses[response.status] = (sample.statuses[response.status] ?? 0) + 1;
          const clean = response.status === 503 && body.includes('"SERVICE_UNAVAILABLE"') && !LEAKS.test(body) && body.length < 1_000;
          if (!clean) sample.badAnswers.push(`${probe.kind}: ${response.status} ${body.slice(0, 300)}`);
        }
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  };
  await restartDatabase(database, { whileDown: probeDuringOutage });
  const upAt = performance.now();

  const apis: OutageRunReturnType["apis"] = [];
  for (const target of targets) {
    let recoveredMs = -1;
    while (recoveredMs < 0) {
      const result = await target.patient.query(TIMELINE, { p: target.patient.address }).catch(() => undefined);
      if (result?.data?.auditTimeline && !result.errors) recoveredMs = Math.round(performance.now() - upAt);
      else if (performance.now() - upAt > 30_000) throw new Error(`${target.name} still fails 30 s after Postgres came back: ${JSON.stringify(result)}`);
      else await new Promise((resolve) => setTimeout(resolve, 100));
    }
    let answeredAfter = 0;
    signIns.set(target.name, [await siweMessage(target.url, wallet)]);
    for (const probe of probes(target)) {
      const response = await probe.send();
      // The vault refuses an unknown record with 403 once it can look it up: that too is an answer.
      if (response.status === 200 || (probe.kind === "vault" && response.status === 403)) answeredAfter++;
      else samples.get(target.name)!.badAnswers.push(`after the outage, ${probe.kind}: ${response.status} ${(await response.text()).slice(0, 200)}`);
    }
    const sample = samples.get(target.name)!;
    const sorted = [...sample.latencies].sort((a, b) => a - b);
    apis.push({
      name: target.name,
      requests: sorted.length,
      statuses: sample.statuses,
      latencyMs: { p50: Math.round(sorted[Math.floor(sorted.length / 2)] ?? 0), max: Math.round(sorted.at(-1) ?? 0) },
      badAnswers: sample.badAnswers,
      ...(sample.slowest ? { slowest: sample.slowest } : {}),
      recoveredMs,
      answeredAfter,
    });
  }
  return { downMs, apis };
}

function post(url: string, path: string, token: string | undefined, body: unknown): Promise<Response> {
  return fetch(`${url}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
}
