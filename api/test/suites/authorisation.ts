import assert from "node:assert/strict";
import { test } from "node:test";
import type { World } from "../support/world.ts";

type Caller = keyof World["clients"];
type Case = { name: string; query: string; variables: (world: World) => Record<string, unknown>; allowed: Caller[] };

const callers: Caller[] = [
  "patient",
  "otherPatient",
  "provider",
  "emergencyProvider",
  "insurer",
  "auditor",
  "researcher",
  "governance",
  "stranger",
  "anonymous",
];

// Every query reads patient 1's data (or everyone's). "allowed" is the issue's policy; everyone else must get
// FORBIDDEN (UNAUTHENTICATED when anonymous) and no data.
const none = () => ({});
const patientOne = (w: World) => ({ p: w.scenario.patient });
const cases: Case[] = [
  { name: "contract", query: "{ contract { chainId } }", variables: none, allowed: callers },
  { name: "viewer", query: "{ viewer { address } }", variables: none, allowed: callers.filter((caller) => caller !== "anonymous") },
  {
    name: "record",
    query: "query($id: ID!) { record(id: $id) { id versions { contentId } } }",
    variables: (w) => ({ id: w.scenario.record.amendedId }),
    allowed: ["patient", "provider", "insurer", "auditor"],
  },
  { name: "records", query: "query($p: Address!) { records(patient: $p) { id } }", variables: patientOne, allowed: ["patient", "auditor"] },
  {
    name: "auditTimeline (one patient)",
    query: "query($p: Address) { auditTimeline(filter: { patient: $p }) { totalCount edges { node { id } } } }",
    variables: patientOne,
    allowed: ["patient", "provider", "auditor"],
  },
  { name: "auditTimeline (everyone)", query: "{ auditTimeline { totalCount edges { node { id } } } }", variables: none, allowed: ["auditor"] },
  { name: "consents", query: "query($p: Address!) { consents(patient: $p) { grantee } }", variables: patientOne, allowed: ["patient", "auditor"] },
  { name: "consentHistory", query: "query($p: Address!) { consentHistory(patient: $p) { grantee } }", variables: patientOne, allowed: ["patient", "auditor"] },
  {
    name: "consentAsOf",
    query: "query($p: Address!, $g: Address!) { consentAsOf(patient: $p, grantee: $g, block: 1000000) { version } }",
    variables: (w) => ({ p: w.scenario.patient, g: w.clients.provider.address }),
    allowed: ["patient", "auditor"],
  },
  { name: "analytics", query: "{ analytics { k denialRate { value } } }", variables: none, allowed: ["researcher", "auditor", "governance"] },
  {
    name: "alerts (one patient)",
    query: "query($p: Address) { alerts(filter: { patient: $p }) { rule } }",
    variables: patientOne,
    allowed: ["patient", "auditor"],
  },
  { name: "alerts (everyone)", query: "{ alerts { rule } }", variables: none, allowed: ["auditor"] },
  {
    name: "fhirAuditEvents",
    query: "query($p: Address) { fhirAuditEvents(filter: { patient: $p }) }",
    variables: patientOne,
    allowed: ["patient", "provider", "auditor"],
  },
  {
    name: "fhirProvenance",
    query: "query($r: ID!) { fhirProvenance(record: $r) }",
    variables: (w) => ({ r: w.scenario.record.firstId }),
    allowed: ["patient", "provider", "insurer", "auditor"],
  },
  { name: "fhirConsents", query: "query($p: Address!) { fhirConsents(patient: $p) }", variables: patientOne, allowed: ["patient", "auditor"] },
];

export function authorisationSuite(world: () => World): void {
  for (const { name, query, variables, allowed } of cases) {
    test(`${name}: allowed for ${allowed.length === callers.length ? "everyone" : allowed.join(", ")}; everyone else refused with no data`, async () => {
      const w = world();
      for (const caller of callers) {
        const result = await w.clients[caller].query(query, variables(w));
        const code = result.errors?.[0]?.extensions?.code;
        if (allowed.includes(caller)) {
          assert.equal(result.errors, undefined, `${caller} should be allowed ${name}: ${JSON.stringify(result.errors)}`);
          assert.ok(result.data && Object.values(result.data).every((value) => value !== null), `${caller} got data for ${name}`);
        } else {
          assert.equal(code, caller === "anonymous" ? "UNAUTHENTICATED" : "FORBIDDEN", `${caller} calling ${name}: ${JSON.stringify(result.errors)}`);
          assert.ok(!result.data || Object.values(result.data).every((value) => value === null), `${caller} got no data for ${name}`);
        }
      }
    });
  }

  test("an emergency access opens the patient's timeline to that provider only", async () => {
    const { clients, scenario } = world();
    const query = "query($p: Address) { auditTimeline(filter: { patient: $p }) { totalCount } }";
    const own = await clients.emergencyProvider.query(query, { p: scenario.otherPatient });
    assert.equal(own.errors, undefined, JSON.stringify(own.errors));
    assert.equal((await clients.emergencyProvider.query(query, { p: scenario.patient })).errors?.[0]?.extensions?.code, "FORBIDDEN");
  });

  test("an unknown record id answers FORBIDDEN to non-auditors, so ids cannot be probed", async () => {
    const { clients } = world();
    const unknown = "0x" + "ab".repeat(32);
    const query = "query($id: ID!) { record(id: $id) { id } }";
    assert.equal((await clients.patient.query(query, { id: unknown })).errors?.[0]?.extensions?.code, "FORBIDDEN");
    assert.equal((await clients.auditor.query(query, { id: unknown })).data.record, null);
  });
}
