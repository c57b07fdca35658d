import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { test } from "node:test";
import { RecordCategory, signRecord } from "@caretrail/sdk";
import { defaultQueryLimits, startApi, type StartedApi } from "../../src/index.ts";
import { clientWithToken, errorCode } from "../support/client.ts";
import { startQueryCounter, type QueryCounter } from "../support/queryCounter.ts";
import { cast } from "../support/scenario.ts";
import type { World } from "../support/world.ts";
import { bareRecord } from "./bareRecord.ts";

const TIMELINE = `query($filter: AuditFilter, $first: Int, $after: String, $order: SortOrder) {
  auditTimeline(filter: $filter, first: $first, after: $after, order: $order) {
    totalCount
    edges { cursor node { id kind outcome patient actor actorRole purpose denialReason position { blockNumber logIndex blockTimestamp } } }
    pageInfo { hasNextPage endCursor }
  }
}`;

export function querySuite(world: () => World): void {
  test("record(id) gives the version chain, signature verdict, authorising consent and who accessed it", async () => {
    const { clients, scenario } = world();
    const result = await clients.auditor.query(
      `query($id: ID!) { record(id: $id) { id patient category versionCount
          latest { id version contentId signatureValid supersedesId }
          versions { id version author contentHash signatureValid supersededById position { blockNumber txHash blockTimestamp }
                     authorisingConsent { version purpose action } }
          accesses { kind outcome actor recordId } } }`,
      { id: scenario.record.amendedId },
    );
    assert.equal(result.errors, undefined);
    const record = result.data.record;
    assert.equal(record.id, scenario.record.firstId);
    assert.equal(record.patient, scenario.patient);
    assert.equal(record.versionCount, 2);
    assert.deepEqual(
      record.versions.map((version: { id: string }) => version.id),
      [scenario.record.firstId, scenario.record.amendedId],
    );
    assert.equal(record.latest.id, scenario.record.amendedId);
    assert.equal(record.latest.supersedesId, scenario.record.firstId);
    assert.equal(record.versions[0].supersededById, scenario.record.amendedId);
    for (const version of record.versions) {
      assert.equal(version.author, scenario.addressOf(cast.provider));
      assert.equal(version.signatureValid, true);
      assert.deepEqual(version.authorisingConsent, { version: 1, purpose: "TREATMENT", action: "GRANTED" });
      assert.match(version.position.txHash, /^0x[0-9a-f]{64}$/);
    }
    assert.deepEqual(record.accesses.map((access: { kind: string }) => access.kind).sort(), ["GRANT", "READ", "REQUEST"]);
  });

  test("records(patient) lists the patient's records", async () => {
    const { clients, scenario } = world();
    const result = await clients.patient.query(`query($p: Address!) { records(patient: $p) { id versionCount } }`, { p: scenario.patient });
    assert.deepEqual(result.data.records, [{ id: scenario.record.firstId, versionCount: 2 }]);
  });

  test("the audit timeline pages by cursor in block order, with the total count", async () => {
    const { clients } = world();
    const seen: string[] = [];
    let after: string | null = null;
    let total: number;
    let previous = -1;
    do {
      const result = await clients.auditor.query(TIMELINE, { first: 7, after, order: "ASC" });
      assert.equal(result.errors, undefined, JSON.stringify(result.errors));
      const page = result.data.auditTimeline;
      total = page.totalCount;
      for (const { node } of page.edges) {
        const position = node.position.blockNumber * 1000 + node.position.logIndex;
        assert.ok(position > previous, "ascending block order");
        previous = position;
        seen.push(node.id);
      }
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
    assert.equal(seen.length, total);
    assert.equal(new Set(seen).size, total, "no event twice");
    const newestFirst = (await clients.auditor.query(TIMELINE, { first: 1 })).data.auditTimeline.edges[0].node.id;
    assert.equal(newestFirst, seen.at(-1));
  });

  test("the audit timeline filters by patient, actor, kind, outcome, purpose and time", async () => {
    const { clients, scenario } = world();
    const run = async (filter: Record<string, unknown>) => (await clients.auditor.query(TIMELINE, { filter, first: 200 })).data.auditTimeline;
    const insurer = scenario.addressOf(cast.insurer);
    const denials = await run({ patient: scenario.patient, actor: insurer, outcomes: ["DENIED"] });
    assert.deepEqual(denials.edges.map((edge: { node: { denialReason: string } }) => edge.node.denialReason).sort(), ["CategoryNotInScope", "ConsentRevoked"]);
    assert.equal(denials.totalCount, 2);
    const emergencies = await run({ kinds: ["EMERGENCY"], purposes: ["EMERGENCY"] });
    assert.equal(emergencies.totalCount, 1);
    assert.equal(emergencies.edges[0].node.patient, scenario.otherPatient);
    const all = await run({});
    const middle = all.edges[Math.floor(all.edges.length / 2)].node.position.blockTimestamp;
    const later = await run({ from: middle });
    const earlier = await run({ to: middle });
    assert.equal(later.totalCount + earlier.totalCount, all.totalCount);
    assert.ok(later.edges.every((edge: { node: { position: { blockTimestamp: string } } }) => edge.node.position.blockTimestamp >= middle));
    // A window with both bounds is exactly the events whose block time falls in it (the API also turns it into a block range).
    type Edge = { node: { id: string; position: { blockTimestamp: string } } };
    assert.equal(all.edges.length, all.totalCount, "every event fits on the one page compared against");
    const times = [...new Set(all.edges.map((edge: Edge) => edge.node.position.blockTimestamp))].sort() as string[];
    const [start, end] = [times[Math.floor(times.length / 4)]!, times[Math.floor((3 * times.length) / 4)]!];
    const inWindow = await run({ from: start, to: end });
    const expected = all.edges.filter((edge: Edge) => edge.node.position.blockTimestamp >= start && edge.node.position.blockTimestamp < end);
    assert.ok(expected.length > 0, "the window holds events");
    assert.deepEqual(inWindow.edges.map((edge: Edge) => edge.node.id).sort(), expected.map((edge: Edge) => edge.node.id).sort());
    assert.equal(inWindow.totalCount, expected.length);
  });

  test("consents, their history, and consentAsOf by block and by time", async () => {
    const { clients, scenario } = world();
    const insurer = scenario.addressOf(cast.insurer);
    const { grantedBlock, revokedBlock } = scenario.insurerConsent;
    const consents = (
      await clients.patient.query(`query($p: Address!) { consents(patient: $p) { grantee purpose version live scope } }`, { p: scenario.patient })
    ).data.consents;
    assert.deepEqual(
      consents.find((consent: { grantee: string }) => consent.grantee === insurer),
      { grantee: insurer, purpose: "PAYMENT", version: 3, live: true, scope: 4 },
    );
    const history = (
      await clients.patient.query(`query($p: Address!, $g: Address) { consentHistory(patient: $p, grantee: $g) { version action } }`, {
        p: scenario.patient,
        g: insurer,
      })
    ).data.consentHistory;
    assert.deepEqual(history, [
      { version: 1, action: "GRANTED" },
      { version: 2, action: "REVOKED" },
      { version: 3, action: "GRANTED" },
    ]);
    const asOf = async (variables: Record<string, unknown>) =>
      clients.patient.query(
        "query($p: Address!, $g: Address!, $b: Int, $t: DateTime) " +
          "{ consentAsOf(patient: $p, grantee: $g, block: $b, time: $t) { version action position { blockTimestamp } } }",
        {
          p: scenario.patient,
          g: insurer,
          ...variables,
        },
      );
    assert.equal((await asOf({ b: grantedBlock - 1 })).data.consentAsOf, null);
    assert.equal((await asOf({ b: grantedBlock })).data.consentAsOf.action, "GRANTED");
    const revoked = (await asOf({ b: revokedBlock })).data.consentAsOf;
    assert.equal(revoked.action, "REVOKED");
    assert.equal((await asOf({ t: revoked.position.blockTimestamp })).data.consentAsOf.version >= 2, true);
    assert.equal(errorCode(await asOf({ b: grantedBlock, t: revoked.position.blockTimestamp })), "BAD_USER_INPUT");
  });

  test("alerts: after hours, emergency, denied, right after a revocation, unusual volume", async () => {
    const { clients, scenario } = world();
    const alerts = (await clients.auditor.query(`{ alerts(first: 500) { rule detail event { actor patient kind } } }`)).data.alerts;
    const rules = new Set(alerts.map((alert: { rule: string }) => alert.rule));
    assert.deepEqual([...rules].sort(), ["ACCESS_AFTER_REVOCATION", "AFTER_HOURS", "DENIED_ATTEMPT", "EMERGENCY_ACCESS", "UNUSUAL_VOLUME"]);
    const afterRevocation = alerts.find((alert: { rule: string }) => alert.rule === "ACCESS_AFTER_REVOCATION");
    assert.equal(afterRevocation.event.actor, scenario.addressOf(cast.insurer));
    const volume = alerts.find((alert: { rule: string }) => alert.rule === "UNUSUAL_VOLUME");
    assert.equal(volume.event.actor, scenario.addressOf(cast.provider));
    const mine = (
      await clients.patient.query(`query($p: Address) { alerts(filter: { patient: $p, rules: [DENIED_ATTEMPT] }) { event { patient } } }`, {
        p: scenario.patient,
      })
    ).data.alerts;
    assert.ok(mine.length >= 3);
    assert.ok(mine.every((alert: { event: { patient: string } }) => alert.event.patient === scenario.patient));
  });
}

/** Appends `count` records for `patient`, written by the provider, without waiting for each transaction. */
async function appendRecords(w: World, patientIndex: number, count: number): Promise<string> {
  const patient = w.scenario.addressOf(patientIndex);
  const author = w.stack.account(cast.provider);
  const careTrail = w.stack.careTrail.connect(author);
  const pending = [];
  for (let sequence = 1; sequence <= count; sequence++) {
    const record = bareRecord({
      patient,
      idSequence: 1000n + BigInt(sequence),
      category: RecordCategory.Vitals,
      content: new Uint8Array(randomBytes(32)),
      fieldsLabel: String(sequence),
    });
    const signed = await signRecord({ signer: author, record, chainId: w.stack.deployment.chainId, verifyingContract: w.stack.deployment.address });
    pending.push(await careTrail.appendRecord(record, signed.author, signed.signature));
  }
  await Promise.all(pending.map((transaction) => transaction.wait()));
  return patient;
}

export function batchingSuite(world: () => World): void {
  test("a timeline page costs two SQL statements: the viewer with its sign-out check, and the page with its count", async () => {
    const w = world();
    await withCountedApi(w, {}, async (api, counter) => {
      const auditor = clientWithToken(api.url, w.clients.auditor.token, undefined);
      const statementsFor = async (filter: Record<string, unknown>) => {
        const before = counter.count();
        const result = await auditor.query(TIMELINE, { filter, first: 2 });
        assert.equal(result.errors, undefined, JSON.stringify(result.errors));
        return { statements: counter.count() - before, page: result.data.auditTimeline };
      };
      await statementsFor({}); // warms the pool's prepared statements
      const full = await statementsFor({ patient: w.scenario.patient });
      assert.equal(full.statements, 2);
      assert.equal(full.page.edges.length, 2);
      assert.ok(full.page.totalCount > 2 && full.page.pageInfo.hasNextPage);
      // No match: the count still comes back, with no edges.
      const empty = await statementsFor({ patient: "0x00000000000000000000000000000000000000ee" });
      assert.equal(empty.statements, 2);
      assert.deepEqual(
        { totalCount: empty.page.totalCount, edges: empty.page.edges, hasNextPage: empty.page.pageInfo.hasNextPage },
        {
          totalCount: 0,
          edges: [],
          hasNextPage: false,
        },
      );
    });
  });

  test("a page of records with versions, accesses and consents costs the same number of SQL queries for 5 and for 50 records", async () => {
    const w = world();
    const patient = await appendRecords(w, cast.patients[5], 50);
    await w.stack.waitForIndexer();
    // This test is about batching: 50 records with 100-version bounds cost more than the default budget.
    await withCountedApi(w, { limits: { ...defaultQueryLimits, maxComplexity: 100_000 } }, async (api, counter) => {
      const auditor = clientWithToken(api.url, w.clients.auditor.token, undefined);
      const page = `query($p: Address!, $n: Int) { records(patient: $p, first: $n) { id latest { id signatureValid }
        versions { id signatureValid authorisingConsent { version } } accesses(first: 10) { id kind } } }`;
      const queriesFor = async (first: number) => {
        const before = counter.count();
        const result = await auditor.query(page, { p: patient, n: first });
        assert.equal(result.errors, undefined, JSON.stringify(result.errors));
        assert.equal(result.data.records.length, first);
        for (const record of result.data.records) assert.equal(record.versions[0].authorisingConsent.version, 1);
        return counter.count() - before;
      };
      await queriesFor(1); // warms the pool's prepared statements
      const five = await queriesFor(5);
      const fifty = await queriesFor(50);
      console.log(`batching: a page of 5 records cost ${five} SQL statements, a page of 50 cost ${fifty}`);
      assert.equal(fifty, five, `5 records cost ${five} queries, 50 cost ${fifty}`);
      assert.ok(five <= 8, `a page costs ${five} queries`);
    });
  });
}

/** An API of its own over a statement-counting proxy of the world's database, stopped after `run`. */
async function withCountedApi(
  w: World,
  options: Partial<Parameters<typeof startApi>[0]>,
  run: (api: StartedApi, counter: QueryCounter) => Promise<void>,
): Promise<void> {
  const counter = await startQueryCounter(w.stack.database.url);
  try {
    const api = await startApi({
      databaseUrl: counter.databaseUrl,
      dbSchema: w.stack.dbSchema,
      sessionSecret: "test-session-secret",
      deployment: { chainId: w.stack.deployment.chainId, address: w.stack.deployment.address },
      log: () => {},
      ...options,
    });
    try {
      await run(api, counter);
    } finally {
      await api.stop();
    }
  } finally {
    await counter.stop();
  }
}
