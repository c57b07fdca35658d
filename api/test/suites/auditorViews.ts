// What the dashboard's auditor and insurer views ask for: grouped alerts (with the read-after-expiry rule), the
// consents given to a third party with the records they open, and the session handover to GraphiQL.
import assert from "node:assert/strict";
import { test } from "node:test";
import postgres from "postgres";
import { clientWithToken, errorCode, type GraphQLResult } from "../support/client.ts";
import type { World } from "../support/world.ts";

type Group = { rule: string; actor: string; patient: string; minute: string; count: number; latest: { position: { blockTimestamp: string } } };
const GROUPS = `query($filter: AlertFilter, $first: Int, $offset: Int) {
  alertGroups(filter: $filter, first: $first, offset: $offset) {
    totalGroups totalAlerts capped byRule { rule count }
    groups { rule actor patient minute count detail latest { id kind position { blockTimestamp } } }
  } }`;
// Every group on one page (first: 100) without the details, so the query stays under the cost limit.
const ALL_GROUPS =
  "{ alertGroups(first: 100) { totalGroups totalAlerts capped byRule { rule count } " +
  "groups { rule actor patient minute count latest { position { blockTimestamp } } } } }";

/** The data of a result that must have no errors (the errors are the assertion's message otherwise). */
function dataOf(result: GraphQLResult): any {
  assert.equal(result.errors, undefined, JSON.stringify(result.errors));
  return result.data;
}

export function auditorViewsSuite(world: () => World): void {
  test("alertGroups: one line per rule, actor, patient and minute, counted and paged", async () => {
    const { clients } = world();
    const flat = (await clients.auditor.query(`{ alerts(first: 500) { rule event { actor patient position { blockTimestamp } } } }`)).data.alerts as unknown[];
    const whole = dataOf(await clients.auditor.query(ALL_GROUPS)).alertGroups;
    assert.equal(whole.totalAlerts, flat.length);
    assert.equal(whole.capped, false);
    assert.equal(
      whole.groups.reduce((sum: number, group: Group) => sum + group.count, 0),
      whole.totalAlerts,
    );
    assert.equal(
      whole.byRule.reduce((sum: number, rule: { count: number }) => sum + rule.count, 0),
      whole.totalAlerts,
    );
    assert.ok(whole.groups.length < flat.length, "bursts of the same access collapse into one group");
    const keys = whole.groups.map((group: Group) => `${group.rule}|${group.actor}|${group.patient}|${group.minute}`);
    assert.equal(new Set(keys).size, keys.length);
    for (const group of whole.groups as Group[])
      assert.equal(new Date(group.latest.position.blockTimestamp).toISOString().slice(0, 16), group.minute.slice(0, 16));

    const first = (await clients.auditor.query(GROUPS, { first: 3, offset: 0 })).data.alertGroups;
    const second = (await clients.auditor.query(GROUPS, { first: 3, offset: 3 })).data.alertGroups;
    assert.equal(first.totalGroups, whole.totalGroups);
    assert.deepEqual(
      [...first.groups, ...second.groups].map((group: Group) => group.minute + group.rule + group.actor),
      whole.groups.slice(0, 6).map((group: Group) => group.minute + group.rule + group.actor),
    );

    const denied = (await clients.auditor.query(GROUPS, { filter: { rules: ["DENIED_ATTEMPT"] } })).data.alertGroups;
    assert.ok(denied.groups.length > 0 && denied.groups.every((group: Group) => group.rule === "DENIED_ATTEMPT"));
    assert.ok(whole.totalGroups <= 100, "the scenario's groups fit one page");
    assert.equal(errorCode(await clients.auditor.query(ALL_GROUPS.replace("first: 100", "first: 101"))), "BAD_USER_INPUT");
    assert.equal(errorCode(await clients.provider.query(GROUPS, {})), "FORBIDDEN");
  });

  test("READ_AFTER_EXPIRY flags a read logged at or after its ticket's expiry", async () => {
    const { clients, stack } = world();
    const rule = { filter: { rules: ["READ_AFTER_EXPIRY"] } };
    // The contract refuses such reads, so the honest trail has none.
    assert.equal((await clients.auditor.query(GROUPS, rule)).data.alertGroups.totalAlerts, 0);
    // A trail from a deployment without that check: the same read, logged 90 s after its ticket expired.
    const sql = postgres(stack.database.url, { onnotice: () => {} });
    try {
      const [late] = await sql<{ id: string }[]>`
        insert into api_test.access_events
        select (jsonb_populate_record(e, jsonb_build_object('id', e.id || '-late', '_id', gen_random_uuid(), 'log_index', e.log_index + 1000,
                                                            'block_timestamp', to_timestamp(t.expires_at::bigint + 90)))).*
        from api_test.access_events e join api_test.access_tickets t on t.id = e.ticket_id
        where e.kind::text = 'Read' limit 1
        returning id`;
      assert.ok(late, "the scenario logs at least one read");
      const found = (await clients.auditor.query(GROUPS, rule)).data.alertGroups;
      assert.equal(found.totalAlerts, 1);
      assert.equal(found.groups[0].latest.id, late.id);
      assert.match(found.groups[0].detail, /^read logged 90 s after its access expired at \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC$/);
      const flat = (await clients.auditor.query(`{ alerts(filter: { rules: [READ_AFTER_EXPIRY] }) { rule event { id } } }`)).data.alerts;
      assert.deepEqual(flat, [{ rule: "READ_AFTER_EXPIRY", event: { id: late.id } }]);
    } finally {
      await sql`delete from api_test.access_events where id like '%-late'`;
      await sql.end();
    }
  });

  test("consentsToMe: an insurer lists its payment consents and the records each lets it check", async () => {
    const { clients, scenario } = world();
    const query = `query($purposes: [Purpose!]) { consentsToMe(purposes: $purposes) { patient purpose live revoked expiresAt records { id category } } }`;
    const mine = dataOf(await clients.insurer.query(query, { purposes: ["PAYMENT"] })).consentsToMe;
    const fromPatient = mine.find((consent: { patient: string }) => consent.patient === scenario.patient);
    assert.ok(fromPatient, "the patient's payment consent is listed");
    assert.equal(fromPatient.live, true);
    assert.equal(fromPatient.revoked, false);
    assert.deepEqual(
      fromPatient.records.map((record: { id: string }) => record.id),
      [scenario.record.firstId],
    );
    const check = await clients.insurer.query(`query($id: ID!) { record(id: $id) { id } }`, { id: fromPatient.records[0].id });
    assert.equal(check.data.record.id, scenario.record.firstId, "every listed record opens for the insurer");
    assert.deepEqual((await clients.insurer.query(query, { purposes: ["TREATMENT"] })).data.consentsToMe, []);
    assert.ok((await clients.provider.query(query, {})).data.consentsToMe.length >= 6, "the provider every patient consented to sees them all");
    assert.equal(errorCode(await clients.patient.query(query, {})), "FORBIDDEN");
  });

  test("POST /auth/handoff gives a short-lived session for the same account, only to a signed-in caller", async () => {
    const { clients, stack } = world();
    const handoff = (authorization?: string) => fetch(`${stack.api.url}/auth/handoff`, { method: "POST", headers: authorization ? { authorization } : {} });
    const response = await handoff(`Bearer ${clients.researcher.token}`);
    assert.equal(response.status, 200);
    assert.equal(response.headers.get("cache-control"), "no-store");
    const { token, expiresAt } = (await response.json()) as { token: string; expiresAt: string };
    assert.ok(new Date(expiresAt).getTime() - Date.now() <= 15 * 60 * 1000 + 1000);
    const viewer = await clientWithToken(stack.api.url, token, undefined).query("{ viewer { address roles } }");
    assert.deepEqual(viewer.data.viewer, { address: clients.researcher.address, roles: ["RESEARCHER"] });
    assert.equal((await handoff()).status, 401);
    assert.equal((await handoff("Bearer not-a-token")).status, 401);
  });
}
