import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import postgres from "postgres";
import { startApi, type StartedApi } from "../../src/index.ts";
import { signIn, type ApiClient } from "../support/client.ts";
import { cast } from "../support/scenario.ts";
import type { World } from "../support/world.ts";
import { overWorldProjection, worldDeployment } from "./secondApi.ts";

const DEADLINE_MS = 1_000;
const TIMELINE = `{ auditTimeline(first: 5) { totalCount edges { cursor } } }`;

/**
 * A real slow statement: another session holds an exclusive lock on the events table, so the API's queries wait
 * in Postgres (as behind a long migration or a runaway scan) until the deadline stops them.
 */
export function deadlineSuite(world: () => World): void {
  let api: StartedApi;
  let auditor: ApiClient;
  let admin: postgres.Sql;

  before(async () => {
    const { stack } = world();
    api = await startApi({
      ...overWorldProjection(world()),
      state: "memory",
      sessionSecret: "deadline-secret",
      deployment: worldDeployment(world()),
      requestDeadlineMs: DEADLINE_MS,
    });
    auditor = await signIn(api.url, cast.auditor);
    admin = postgres(stack.database.url, { onnotice: () => {}, max: 2 });
  });
  after(async () => {
    await api?.stop();
    await admin?.end();
  });

  /** Runs `work` while the events table is locked, and returns its answer and how long it took. */
  const whileLocked = async <T>(work: () => Promise<T>): Promise<{ answer: T; ms: number }> => {
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let locked!: () => void;
    const isLocked = new Promise<void>((resolve) => (locked = resolve));
    const holder = admin.begin(async (transaction) => {
      await transaction`lock table api_test.access_events in access exclusive mode`;
      locked();
      await released;
    });
    await isLocked;
    const started = performance.now();
    try {
      const answer = await work();
      return { answer, ms: performance.now() - started };
    } finally {
      release();
      await holder;
    }
  };

  const waitingApiStatements = async () =>
    (
      await admin<
        { n: number }[]
      >`select count(*)::int as n from pg_stat_activity where application_name = 'caretrail-api' and state = 'active' and wait_event_type = 'Lock'`
    )[0]!.n;

  test("a GraphQL request past its deadline answers 504 DEADLINE_EXCEEDED without SQL, and its connection is freed", async () => {
    assert.equal((await auditor.query(TIMELINE)).errors, undefined);
    const { answer, ms } = await whileLocked(async () => {
      const response = await fetch(`${api.url}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${auditor.token}` },
        body: JSON.stringify({ query: TIMELINE }),
      });
      return { status: response.status, text: await response.text(), waiting: await waitingApiStatements() };
    });
    assert.equal(answer.status, 504, answer.text);
    const body = JSON.parse(answer.text) as { errors: { message: string; extensions: Record<string, unknown> }[] };
    assert.deepEqual(
      body.errors.map((error) => error.extensions),
      [{ code: "DEADLINE_EXCEEDED" }],
    );
    assert.doesNotMatch(answer.text, /select|access_events|statement|stack|\.ts:/i);
    assert.ok(ms >= DEADLINE_MS * 0.9 && ms < DEADLINE_MS + 2_000, `answered after ${Math.round(ms)} ms`);
    // Postgres cancelled the statement itself: nothing of the API still waits on the lock, and the pool answers again.
    assert.equal(answer.waiting, 0);
    assert.equal((await auditor.query(TIMELINE)).errors, undefined);
  });

  test("an export past its deadline answers 504 DEADLINE_EXCEEDED JSON", async () => {
    const { answer } = await whileLocked(async () => {
      const response = await auditor.get("/export/audit.jsonl?outcomes=denied");
      return { status: response.status, body: (await response.json()) as { error: { code: string; message: string } } };
    });
    assert.equal(answer.status, 504);
    assert.equal(answer.body.error.code, "DEADLINE_EXCEEDED");
    assert.doesNotMatch(answer.body.error.message, /select|access_events/i);
  });

  test("many requests past their deadline leave the pool usable (no connection is kept by a cancelled statement)", async () => {
    const { answer } = await whileLocked(() =>
      Promise.all(Array.from({ length: 12 }, () => auditor.query(TIMELINE).then((result) => result.errors?.[0]?.extensions?.code))),
    );
    assert.deepEqual(new Set(answer), new Set(["DEADLINE_EXCEEDED"]));
    const started = performance.now();
    assert.equal((await auditor.query(TIMELINE)).errors, undefined);
    assert.ok(performance.now() - started < DEADLINE_MS, "the next request waited for a connection");
  });
}
