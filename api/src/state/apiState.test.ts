// The API's state in Postgres, as replicas share it: privacy budgets are charged atomically per caller, against the
// ledger as it stands at the moment of each release, in one statement per charge.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { startDatabase, type Database } from "@caretrail/devstack";
import { defaultSignInRateLimits } from "../auth/authStores.ts";
import { startQueryCounter, type QueryCounter } from "../../test/support/queryCounter.ts";
import { openApiState, type ApiState } from "./apiState.ts";

let database: Database;
let counter: QueryCounter;
let state: ApiState;
let replica: ApiState;

before(async () => {
  database = await startDatabase();
  counter = await startQueryCounter(database.url);
  state = await openApiState({ databaseUrl: counter.databaseUrl, schema: "state_budget", signInRateLimits: defaultSignInRateLimits });
  replica = await openApiState({ databaseUrl: database.url, schema: "state_budget", signInRateLimits: defaultSignInRateLimits });
});

after(async () => {
  await state?.close();
  await replica?.close();
  await counter?.stop();
  await database?.stop();
});

const day = 20_000;

test("concurrent charges on two replicas never spend past the limit; a held release is free", async () => {
  const caller = "0xca11e5";
  const charges = Array.from({ length: 24 }, (_, n) =>
    (n % 2 ? replica : state).budgetLedger.spend({ caller, day, release: `grid ${n}`, cost: 0.5, limit: 3 + 1e-9 }),
  );
  const outcomes = await Promise.all(charges);
  assert.equal(outcomes.filter((outcome) => outcome.charged).length, 6);
  assert.equal(await state.budgetLedger.spentOn(caller, day), 3);
  for (const refused of outcomes.filter((outcome) => !outcome.charged)) assert.equal(refused.spent, 3);
  const heldIndex = outcomes.findIndex((outcome) => outcome.charged);
  assert.deepEqual(await replica.budgetLedger.spend({ caller, day, release: `grid ${heldIndex}`, cost: 0.5, limit: 3 + 1e-9 }), { charged: true, spent: 3 });
  // Another caller's budget is their own.
  assert.deepEqual(await state.budgetLedger.spend({ caller: "0xother", day, release: "grid 0", cost: 0.5, limit: 3 + 1e-9 }), { charged: true, spent: 0.5 });
});

test("a charge is one statement, and a new day's charge forgets the days before yesterday", async () => {
  const caller = "0xda7e";
  await state.budgetLedger.spend({ caller, day: day - 1, release: "yesterday", cost: 1, limit: 10 });
  await state.budgetLedger.spend({ caller, day: day - 5, release: "old", cost: 1, limit: 10 });
  assert.equal(await state.budgetLedger.spentOn(caller, day - 5), 1);
  const before = counter.count();
  assert.deepEqual(await state.budgetLedger.spend({ caller, day, release: "today", cost: 0.1, limit: 10 }), { charged: true, spent: 0.1 });
  assert.equal(counter.count() - before, 1);
  assert.equal(await state.budgetLedger.spentOn(caller, day - 5), 0);
  assert.equal(await state.budgetLedger.spentOn(caller, day - 1), 1);
});
