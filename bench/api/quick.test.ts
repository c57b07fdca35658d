// `npm run bench -- api --quick --replicas 2` as a test, so the bench and its baselines cannot rot: 10k events, 50
// clients for 5 s spread over two API processes (sessions signed in on the first), every question answered without an
// error through both APIs, through pg and through @subql/query, the API's RSS within its budget.
import assert from "node:assert/strict";
import { test } from "node:test";
import { runApiBench } from "./run.ts";

test("the API bench, quick: 10k events, 5 s over two replicas, 0 errors", { timeout: 10 * 60_000 }, async () => {
  const result = await runApiBench({ events: 10_000, seconds: 5, clients: 50, baselineSeconds: 5, label: "quick", replicas: 2 });
  assert.equal(result.load.events, 10_000);
  assert.equal(result.replicas, 2);
  assert.ok(result.subqlQuery.ran, "the @subql/query baseline ran");
  for (const [name, run] of [
    ["API", result.api],
    ["pg", result.pg],
    ["@subql/query", result.subqlQuery],
  ] as const) {
    const failures = Object.entries(run.perKind)
      .filter(([, kind]) => kind.errors > 0)
      .map(([kind, summary]) => `${kind}: ${summary.firstError}`);
    assert.deepEqual(failures, [], `${name} errors`);
    assert.ok(run.total.requests > 0, `${name} answered nothing`);
  }
  assert.ok(Object.keys(result.api.perKind).length >= 5, `the mix reached ${Object.keys(result.api.perKind).join(", ")}`);
  assert.ok(result.api.peakRssMb <= 512, `API peak RSS ${result.api.peakRssMb} MiB`);
});
