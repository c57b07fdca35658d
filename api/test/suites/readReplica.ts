import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import postgres from "postgres";
import { Purpose, RecordCategory } from "@caretrail/sdk";
import { startApi, type StartedApi } from "../../src/index.ts";
import { signIn, type ApiClient } from "../support/client.ts";
import { cast } from "../support/scenario.ts";
import { startStandby, type Standby } from "../support/standby.ts";
import type { World } from "../support/world.ts";

const COUNT = `{ auditTimeline(first: 1) { totalCount } }`;

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
};
const summary = (values: number[]) => ({
  n: values.length,
  median: Math.round(percentile(values, 50) * 10) / 10,
  p95: Math.round(percentile(values, 95) * 10) / 10,
  max: Math.round(Math.max(...values) * 10) / 10,
});

/** The API reading its projection from a streaming standby while the indexer writes to the primary. */
export function readReplicaSuite(world: () => World): void {
  let standby: Standby;
  let api: StartedApi;
  let auditor: ApiClient;
  let primary: postgres.Sql;
  let replica: postgres.Sql;

  before(async () => {
    const { stack } = world();
    standby = await startStandby(stack.database);
    primary = postgres(stack.database.url, { max: 2, onnotice: () => {} });
    replica = postgres(standby.url, { max: 2, onnotice: () => {} });
    api = await startApi({
      databaseUrl: standby.url,
      stateDatabaseUrl: stack.database.url,
      stateSchema: "standby_state",
      dbSchema: "api_test",
      sessionSecret: "standby-secret",
      deployment: { chainId: stack.deployment.chainId, address: stack.deployment.address },
      log: () => {},
    });
    auditor = await signIn(api.url, cast.auditor);
  });
  after(async () => {
    await api?.stop();
    await replica?.end();
    await primary?.end();
    await standby?.stop();
  });

  test("the projection is read from a read-only standby; nonces, sign-outs and rate limits are written to the primary", async () => {
    assert.equal((await replica<{ r: boolean }[]>`select pg_is_in_recovery() as r`)[0]!.r, true);
    // A write on the standby fails: had the state gone there, the sign-in above would have failed.
    await assert.rejects(replica`create table api_test.probe (x int)`, /read-only/);
    const fromApi = await auditor.query(COUNT);
    assert.equal(fromApi.errors, undefined);
    const [onPrimary] = await primary<{ n: number }[]>`select count(*)::int as n from api_test.access_events where upper_inf(_block_range)`;
    assert.equal(fromApi.data.auditTimeline.totalCount, Math.min(onPrimary!.n, 1000));
    // The nonce the sign-in used is on the primary, in the state schema.
    const [state] = await primary<{ tables: number }[]>`select count(*)::int as tables from information_schema.tables where table_schema = 'standby_state'`;
    assert.ok(state!.tables > 0, "the API's state schema is not on the primary");
    // A sign-out is written (to the primary) and honoured.
    const signedOut = await signIn(api.url, cast.researcher);
    const response = await fetch(`${api.url}/auth/signout`, { method: "POST", headers: { authorization: `Bearer ${signedOut.token}` } });
    assert.ok(response.ok, `sign-out answered ${response.status}`);
    assert.equal((await signedOut.query(COUNT)).errors?.[0]?.extensions?.code, "UNAUTHENTICATED");
  });

  test("pointed at the standby alone, the API refuses to start and names API_STATE_DATABASE_URL", async () => {
    const { stack } = world();
    await assert.rejects(
      startApi({
        databaseUrl: standby.url,
        stateSchema: "standby_only_state",
        dbSchema: "api_test",
        sessionSecret: "x",
        deployment: { chainId: stack.deployment.chainId, address: stack.deployment.address },
        log: () => {},
      }),
      /API_STATE_DATABASE_URL/,
    );
  });

  test("new events reach the API through the standby while the indexer writes to the primary; the lag is measured", async () => {
    const { stack, scenario } = world();
    const insurer = stack.careTrail.connect(stack.account(cast.insurer));
    const count = async (sql: postgres.Sql) =>
      (await sql<{ n: number }[]>`select count(*)::int as n from api_test.access_events where upper_inf(_block_range)`)[0]!.n;
    const replayMs: number[] = [];
    const addedMs: number[] = [];
    const lagBytes: number[] = [];
    const rounds = 15;
    for (let round = 0; round < rounds; round++) {
      const before = await count(primary);
      await (await insurer.requestAccess(scenario.patient, RecordCategory.Labs, Purpose.Payment)).wait();
      // The indexer writes the request and its outcome to the primary...
      const deadline = Date.now() + 30_000;
      while ((await count(primary)) < before + 2) {
        assert.ok(Date.now() < deadline, "the indexer did not write the event to the primary");
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      const onPrimary = performance.now();
      lagBytes.push(await standby.lagBytes());
      // ...and the standby shows it this much later (the freshness a replica adds).
      while ((await count(replica)) < before + 2) {
        assert.ok(performance.now() - onPrimary < 10_000, "the standby did not replay the event within 10 s");
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
      addedMs.push(performance.now() - onPrimary);
      replayMs.push(await standby.catchUpMs());
      // The API, reading the standby, answers with the event: tolerating the lag means it is there once replayed.
      const seen = (await auditor.query(COUNT)).data.auditTimeline.totalCount as number;
      assert.ok(seen >= Math.min(before + 2, 1000), `the API saw ${seen} events, the primary ${before + 2}`);
    }
    const freshness = {
      eventVisibleOnStandbyAfterPrimaryMs: summary(addedMs),
      walCatchUpMs: summary(replayMs),
      lagBytesWhenPrimaryHadIt: summary(lagBytes),
    };
    console.log(`standby freshness: ${JSON.stringify(freshness)}`);
    assert.ok(percentile(addedMs, 50) < 1_000, `median freshness added ${percentile(addedMs, 50)} ms`);
  });
}
