// A bounded load run against a separate API process (so its RSS is its own): N connections for D
// seconds, each signed in once as one persona and cycling through that persona's everyday requests.
import type { ChildProcess } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";
import { freePort, startChild, waitFor } from "@caretrail/devstack";
import { CareTrailError } from "@caretrail/sdk/errors";
import type { Deployment } from "@caretrail/sdk";
import { signIn } from "../support/client.ts";
import { cast, type Scenario } from "../support/scenario.ts";

const mainScript = fileURLToPath(new URL("../../dist/main.js", import.meta.url));

export type LoadPersonas = {
  /** Dev account indexes of signed-in users by role, and what they look at. */
  patients: number[];
  providers: number[];
  insurers: number[];
  auditors: number[];
  researchers: number[];
  /** Records the providers, insurers and auditors open (provenance). */
  records: string[];
  /** The patient whose timeline the providers page through. */
  providerPatient: string;
  /** A record the insurers have consent for. */
  insurerRecord: string;
};

/** The personas of the API suites' world: every cast member, its scenario's records and patient. */
export function worldPersonas(scenario: Scenario): LoadPersonas {
  return {
    patients: [...cast.patients],
    providers: [cast.provider],
    insurers: [cast.insurer],
    auditors: [cast.auditor],
    researchers: [cast.researcher],
    records: [scenario.record.amendedId, scenario.record.firstId],
    insurerRecord: scenario.record.amendedId,
    providerPatient: scenario.patient,
  };
}

export type LoadRunParameters = {
  databaseUrl: string;
  dbSchema: string;
  deployment: Deployment;
  personas: LoadPersonas;
  connections: number;
  durationSeconds: number;
};

export type LoadRunReturnType = {
  connections: number;
  durationSeconds: number;
  requests: number;
  requestsPerSecond: number;
  /** autocannon's histogram gives p90 and p97.5, not p95. */
  latencyMs: { p50: number; p90: number; p97_5: number; p99: number; max: number };
  errors: number;
  timeouts: number;
  non2xx: number;
  /** 200 answers whose GraphQL body held errors. */
  graphqlErrors: number;
  /** Requests per operation kind. */
  mix: Record<string, number>;
  apiRssMb: { before: number; after: number };
  firstFailure?: string;
};

type Operation = { kind: string; method: "GET" | "POST"; path: string; body?: string };

const TIMELINE = `query($filter: AuditFilter, $first: Int, $after: String) { auditTimeline(filter: $filter, first: $first, after: $after) {
  totalCount edges { node { id kind outcome patient actor purpose position { blockNumber blockTimestamp } } } pageInfo { hasNextPage endCursor } } }`;
const PROVENANCE = `query($id: ID!) { record(id: $id) { id patient category versionCount latest { id version signatureValid }
  versions { id author signatureValid authorisingConsent { version purpose } } accesses { kind outcome actor } } }`;
const ANALYTICS = `{ analytics { k accesses(bucket: WEEK) { outcome actorRole count patients suppressed }
  denialRate { value suppressed } emergencyRate { value suppressed } consents { action count suppressed } } }`;

const graphql = (kind: string, query: string, variables: Record<string, unknown>): Operation => ({
  kind,
  method: "POST",
  path: "/graphql",
  body: JSON.stringify({ query, variables }),
});

/** What one persona does, in order, round and round. */
function operationsOf(
  role: keyof Omit<LoadPersonas, "records" | "insurerRecord" | "providerPatient">,
  address: string,
  personas: LoadPersonas,
  which: number,
): Operation[] {
  const record = personas.records[which % personas.records.length]!;
  switch (role) {
    case "patients":
      return [
        graphql("patient timeline page", TIMELINE, { filter: { patient: address }, first: 50 }),
        graphql(
          "patient records",
          `
            query ($p: Address!) {
              records(patient: $p) {
                id
                category
                versionCount
              }
            }
          `,
          { p: address },
        ),
        graphql(
          "patient consents",
          `
            query ($p: Address!) {
              consents(patient: $p) {
                grantee
                purpose
                live
                scope
              }
            }
          `,
          { p: address },
        ),
      ];
    case "providers":
      return [
        graphql("record provenance", PROVENANCE, { id: record }),
        graphql("provider timeline", TIMELINE, { filter: { patient: personas.providerPatient }, first: 50 }),
      ];
    case "insurers":
      return [graphql("record provenance", PROVENANCE, { id: personas.insurerRecord })];
    case "auditors":
      return [
        graphql("auditor timeline filter", TIMELINE, { filter: { kinds: ["DENIAL"], outcomes: ["DENIED"] }, first: 100 }),
        graphql("auditor timeline filter", TIMELINE, { filter: { purposes: ["EMERGENCY"] }, first: 100 }),
        graphql("record provenance", PROVENANCE, { id: record }),
        { kind: "export csv", method: "GET", path: "/export/audit.csv?kinds=GRANT" },
        { kind: "export jsonl", method: "GET", path: "/export/audit.jsonl?outcomes=DENIED" },
      ];
    case "researchers":
      return [graphql("analytics", ANALYTICS, {})];
  }
}

export async function runLoad({ databaseUrl, dbSchema, deployment, personas, connections, durationSeconds }: LoadRunParameters): Promise<LoadRunReturnType> {
  const api = await startApiProcess(databaseUrl, dbSchema, deployment);
  try {
    // Sign each connection in once, up front (sign-in itself is rate-limited), spreading the personas.
    const roles = (["patients", "providers", "insurers", "auditors", "researchers"] as const).filter((role) => personas[role].length > 0);
    const sessions: { token: string; operations: Operation[] }[] = [];
    for (let i = 0; i < connections; i++) {
      const role = roles[i % roles.length]!;
      const accounts = personas[role];
      const client = await signIn(api.url, accounts[Math.floor(i / roles.length) % accounts.length]!);
      sessions.push({ token: client.token!, operations: operationsOf(role, client.address!, personas, i) });
    }
    const rssBefore = rssMb(api.child);
    const mix: Record<string, number> = {};
    let graphqlErrors = 0;
    let firstFailure: string | undefined;
    // autocannon resets a connection's context after each pass over `requests`, so the rotation lives here:
    // call n uses session n mod N and that session's next operation.
    let calls = 0;
    const steps = sessions.map(() => 0);
    type Context = { kind?: string };
    const result = await autocannon({
      url: api.url,
      connections,
      duration: durationSeconds,
      timeout: 10,
      requests: [
        {
          setupRequest: (request: autocannon.Request, context: Context) => {
            const which = calls++ % sessions.length;
            const session = sessions[which]!;
            const step = steps[which] ?? 0;
            steps[which] = step + 1;
            const operation = session.operations[step % session.operations.length]!;
            context.kind = operation.kind;
            mix[operation.kind] = (mix[operation.kind] ?? 0) + 1;
            return {
              ...request,
              method: operation.method,
              path: operation.path,
              body: operation.body,
              headers: { "content-type": "application/json", authorization: `Bearer ${session.token}` },
            };
          },
          onResponse: (status: number, body: string, context: Context) => {
            const failed = status < 200 || status > 299 || (context.kind !== undefined && !context.kind.startsWith("export") && body.includes('"errors"'));
            if (failed && status >= 200 && status <= 299) graphqlErrors++;
            if (failed) firstFailure ??= `${context.kind}: ${status} ${body.slice(0, 300)}`;
          },
        },
      ],
    });
    const rssAfter = rssMb(api.child);
    return {
      connections,
      durationSeconds,
      requests: result.requests.total,
      requestsPerSecond: Math.round(result.requests.average),
      latencyMs: { p50: result.latency.p50, p90: result.latency.p90, p97_5: result.latency.p97_5, p99: result.latency.p99, max: result.latency.max },
      errors: result.errors,
      timeouts: result.timeouts,
      non2xx: result.non2xx,
      graphqlErrors,
      mix,
      apiRssMb: { before: rssBefore, after: rssAfter },
      ...(firstFailure ? { firstFailure } : {}),
    };
  } finally {
    await api.stop();
  }
}

function rssMb(child: ChildProcess): number {
  const status = readFileSync(`/proc/${child.pid}/status`, "utf8");
  return Math.round(Number(/VmRSS:\s+(\d+)/.exec(status)![1]) / 1024);
}

export class ApiProcessExitedError extends CareTrailError {
  override name = "ApiProcessExitedError";
  static override readonly kind = "SERVICE_UNAVAILABLE";
}

export type ApiProcess = { url: string; child: ChildProcess; output: () => string; stop: () => Promise<void> };

/** `npm run api` (dist/main.js) in production mode over the test's projection. */
export type StartApiProcessOptions = {
  /** Where the API's node writes a V8 CPU profile when it stops (the API bench's --cpu-prof-dir). */
  cpuProfileDir?: string;
};

export async function startApiProcess(
  databaseUrl: string,
  dbSchema: string,
  deployment: Deployment,
  { cpuProfileDir }: StartApiProcessOptions = {},
): Promise<ApiProcess> {
  const port = await freePort();
  const deploymentFile = path.join(tmpdir(), `caretrail-load-deployment-${port}.json`);
  writeFileSync(deploymentFile, JSON.stringify(deployment));
  let ready = false;
  const profileFlags = cpuProfileDir ? ["--cpu-prof", `--cpu-prof-dir=${cpuProfileDir}`] : [];
  const api = startChild(process.execPath, [...profileFlags, mainScript], {
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      INDEXER_DB_SCHEMA: dbSchema,
      PORT: String(port),
      SESSION_SECRET: "load-session-secret",
      NODE_ENV: "production",
      CARETRAIL_DEPLOYMENT: deploymentFile,
    },
    onLine: (line) => (ready ||= line.includes("GraphQL and GraphiQL at")),
  });
  // The API drains its connections on SIGTERM; a bench that ends mid-request must not wait long for it.
  const stop = () => api.stop({ killAfterMs: 10_000 });
  try {
    await waitFor(
      () => `the API process to start; its last lines:\n${api.tail.text()}`,
      async () => ready || !api.running(),
      { timeoutMs: 60_000, intervalMs: 100 },
    );
  } catch (error) {
    await stop();
    throw error;
  }
  if (!ready) throw new ApiProcessExitedError(`the API process exited before it was ready:\n${api.tail.text()}`);
  return { url: `http://127.0.0.1:${port}`, child: api.process, output: () => api.tail.text(), stop };
}
