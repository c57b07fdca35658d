// FHIR exports against R4 and the IHE BALP profiles they claim, on the shared world plus a patient whose trail has
// every access kind and outcome and every consent lifecycle (one of its consents expires while the trail is written).
import assert from "node:assert/strict";
import { before, test } from "node:test";
import { toUtf8Bytes, ZeroHash } from "ethers";
import { devAccount } from "@caretrail/devstack";
import { accessTicketOf, generateEncryptionKeyPair, Purpose, RecordCategory, scopeOf, signRecord, type RecordStruct } from "@caretrail/sdk";
import type { World } from "../support/world.ts";
import { signIn, type ApiClient } from "../support/client.ts";
import { cast } from "../support/scenario.ts";
import { bareRecord } from "./bareRecord.ts";
import { BALP, bundleProblems, r4Errors } from "./fhirProfiles.ts";

type Json = any;
type Trail = { patient: string; recordId: string; amendedId: string; client: ApiClient; addressOf: (index: number) => string };

const PATIENT = 14;
const DAY = 24 * 60 * 60;

/** Every access kind and outcome, and each consent lifecycle, for one new patient. */
async function runTrail(world: World): Promise<Trail> {
  const { stack } = world;
  const as = (index: number) => stack.careTrail.connect(stack.account(index));
  const send = async (pending: Promise<{ wait: () => Promise<unknown> }>) => (await pending).wait();
  const now = async () => (await stack.provider.getBlock("latest"))!.timestamp;
  const addressOf = (index: number) => stack.account(index).address.toLowerCase();
  const patient = addressOf(PATIENT);
  const domain = { chainId: stack.deployment.chainId, verifyingContract: stack.deployment.address };

  await send(as(PATIENT).enrolPatient(generateEncryptionKeyPair().publicKey));
  // Insurer: granted for 15 seconds, expired by the end (the API judges expiry by the wall clock, the contract by
  // block time: both pass it below).
  const shortExpiry = Math.max(await now(), Math.floor(Date.now() / 1000)) + 15;
  await send(as(PATIENT).grantConsent(addressOf(cast.insurer), scopeOf(RecordCategory.Labs), Purpose.Payment, BigInt(shortExpiry)));
  // Denied on the consent while it still holds: it does not cover treatment.
  await send(as(cast.insurer).requestAccess(patient, RecordCategory.Labs, Purpose.Treatment));
  const month = BigInt((await now()) + 30 * DAY);
  // Provider: granted, then replaced by a wider version.
  await send(as(PATIENT).grantConsent(addressOf(cast.provider), scopeOf(RecordCategory.Labs), Purpose.Treatment, month));
  await send(as(PATIENT).grantConsent(addressOf(cast.provider), 0b111111, Purpose.Treatment, month));
  // Researcher: granted, then revoked.
  await send(as(PATIENT).grantConsent(addressOf(cast.researcher), scopeOf(RecordCategory.Labs), Purpose.Research, month));
  await send(as(PATIENT).revokeConsent(addressOf(cast.researcher)));

  // A lab record by the provider and its amendment.
  const first = labRecord(patient, 1n, ZeroHash);
  const firstSigned = await signRecord({ signer: stack.account(cast.provider), record: first, ...domain });
  await send(as(cast.provider).appendRecord(first, firstSigned.author, firstSigned.signature));
  const amended = labRecord(patient, 2n, first.recordId);
  const amendedSigned = await signRecord({ signer: stack.account(cast.provider), record: amended, ...domain });
  await send(as(cast.provider).appendRecord(amended, amendedSigned.author, amendedSigned.signature));

  const ticketOf = async (reader: string) => {
    const granted = await stack.careTrail.queryFilter(stack.careTrail.filters.AccessGranted(patient, reader));
    const emergency = await stack.careTrail.queryFilter(stack.careTrail.filters.EmergencyAccessGranted(patient, reader));
    const last = [
      ...granted.map((event) => ({ event, name: "AccessGranted" as const })),
      ...emergency.map((event) => ({ event, name: "EmergencyAccessGranted" as const })),
    ]
      .sort((a, b) => a.event.blockNumber - b.event.blockNumber)
      .at(-1)!;
    return accessTicketOf({ name: last.name, args: last.event.args });
  };
  // A wallet of its own that asks the node for each nonce: the API's vault sends from the same account.
  const operator = stack.careTrail.connect(devAccount(cast.vaultOperator, stack.provider));
  const read = async (reader: number) => send(operator.logRead(await ticketOf(addressOf(reader)), amended.recordId));

  // Request + grant on the consent, then a read; the patient's own access and read; break-glass access and read.
  await send(as(cast.provider).requestRecordAccess(amended.recordId, Purpose.Treatment));
  await read(cast.provider);
  await send(as(PATIENT).requestAccess(patient, RecordCategory.Labs, Purpose.Treatment));
  await read(PATIENT);
  await send(as(cast.emergencyProvider).requestEmergencyAccess(patient, 3));
  await read(cast.emergencyProvider);
  // Denials: on a consent (revoked, expired) and before any consent (unregistered, not a provider).
  await send(as(cast.researcher).requestAccess(patient, RecordCategory.Labs, Purpose.Research));
  await send(as(cast.stranger).requestAccess(patient, RecordCategory.Labs, Purpose.Treatment));
  await send(as(cast.insurer).requestEmergencyAccess(patient, 1));
  while (Date.now() / 1000 <= shortExpiry + 1) await new Promise((resolve) => setTimeout(resolve, 250));
  await send(as(cast.insurer).requestAccess(patient, RecordCategory.Labs, Purpose.Payment));
  await stack.waitForIndexer();
  return {
    patient,
    recordId: first.recordId.toLowerCase(),
    amendedId: amended.recordId.toLowerCase(),
    client: await signIn(stack.api.url, PATIENT),
    addressOf,
  };
}

function labRecord(patient: string, sequence: bigint, supersedes: string): RecordStruct {
  const content = toUtf8Bytes(`fhir-suite:${patient}:${sequence}`);
  return bareRecord({ patient, idSequence: sequence, category: RecordCategory.Labs, content, fieldsLabel: String(sequence), supersedes });
}

/** R4 errors of the bundle and of each resource, and every BALP / bundle rule: all must be empty. */
function assertConformant(bundle: Json, label: string): void {
  const r4 = [...r4Errors(bundle), ...bundle.entry.flatMap((entry: Json) => r4Errors(entry.resource))];
  assert.deepEqual(r4, [], `${label}: R4 errors`);
  assert.deepEqual(bundleProblems(bundle), [], `${label}: BALP and bundle problems`);
}

const resources = (bundle: Json, type: string) => bundle.entry.map((entry: Json) => entry.resource).filter((resource: Json) => resource.resourceType === type);
const resolver = (bundle: Json) => (reference: Json) => bundle.entry.find((entry: Json) => entry.fullUrl === reference?.reference)?.resource;
const detail = (event: Json, type: string) => event.entity[0].detail.find((d: Json) => d.type === type)?.valueString;
const codes = (concepts: Json[] | undefined) => (concepts ?? []).flatMap((concept: Json) => concept.coding.map((coding: Json) => coding.code));

async function allPages(client: ApiClient, query: string): Promise<Json[]> {
  const pages: Json[] = [];
  let url: string | undefined = `/export/fhir/AuditEvent?${query}`;
  while (url && pages.length < 100) {
    const response = await client.get(url);
    assert.equal(response.status, 200, await response.clone().text());
    assert.match(response.headers.get("content-type") ?? "", /application\/fhir\+json/);
    const page: Json = await response.json();
    pages.push(page);
    url = page.link.find((link: Json) => link.relation === "next")?.url;
  }
  return pages;
}

export function fhirConformanceSuite(world: () => World): void {
  let trail: Trail;
  let patientPage: Json;
  const event = (predicate: (event: Json) => boolean, what: string): Json => {
    const found = resources(patientPage, "AuditEvent").filter(predicate);
    assert.equal(found.length, 1, `exactly one AuditEvent for ${what}`);
    return found[0];
  };
  const byActor = (index: number) => (e: Json) =>
    resolver(patientPage)(e.agent.find((a: Json) => a.requestor).who)?.identifier?.[0]?.value === trail.addressOf(index);

  before(async () => {
    trail = await runTrail(world());
    const response = await trail.client.get(`/export/fhir/AuditEvent?patient=${trail.patient}&_count=200`);
    assert.equal(response.status, 200);
    patientPage = await response.json();
  });

  test("the whole trail pages through next links: every AuditEvent once, each page R4- and BALP-conformant", async () => {
    const { clients } = world();
    const timeline = async (kinds?: string[]) =>
      (await clients.auditor.query(`query($f: AuditFilter) { auditTimeline(filter: $f) { totalCount } }`, { f: kinds ? { kinds } : {} })).data.auditTimeline
        .totalCount as number;
    const expected = (await timeline()) - (await timeline(["REQUEST"]));
    const pages = await allPages(clients.auditor, "_count=7");
    const events = pages.flatMap((page) => resources(page, "AuditEvent"));
    assert.ok(pages.length >= Math.ceil(expected / 7), `${pages.length} pages`);
    assert.equal(events.length, expected);
    assert.equal(new Set(events.map((e: Json) => detail(e, "caretrail-event"))).size, expected, "no AuditEvent twice");
    for (const [index, page] of pages.entries()) {
      assert.equal(page.type, "searchset");
      assert.equal(page.total, expected);
      assert.ok(page.entry.filter((entry: Json) => entry.search.mode === "match").length <= 7);
      assertConformant(page, `page ${index + 1}`);
    }
    const recorded = events.map((e: Json) => e.recorded);
    assert.deepEqual(recorded, [...recorded].sort(), "oldest first");
  });

  test("the one-file export streams every AuditEvent in a conformant collection bundle", async () => {
    const { clients } = world();
    const response = await clients.auditor.get(`/export/audit.fhir.json`);
    assert.equal(response.status, 200);
    const bundle: Json = await response.json();
    assert.equal(bundle.type, "collection");
    assert.equal(resources(bundle, "AuditEvent").length, Number(response.headers.get("x-total-count")));
    assert.ok(resources(bundle, "AuditEvent").length > 20);
    assertConformant(bundle, "audit.fhir.json");
  });

  test("one AuditEvent per decision: a request is folded into its grant, and a consent grant is AuthZconsent with its Consent", () => {
    assertConformant(patientPage, "patient page");
    assert.equal(
      resources(patientPage, "AuditEvent").filter((e: Json) => e.type.code === "110113").length,
      8,
      "8 calls, 8 decisions: each request is folded into its outcome",
    );
    const grant = event((e) => e.type.code === "110113" && e.outcome === "0" && byActor(cast.provider)(e), "the provider's grant");
    assert.deepEqual(grant.meta.profile, [`${BALP}AuthZconsent`]);
    assert.equal(grant.subtype[0].code, "AuthZ-Consent");
    assert.equal(grant.action, "E");
    assert.ok(detail(grant, "request-event"), "names the folded AccessRequested event");
    assert.equal(detail(grant, "requested-record"), trail.amendedId);
    const consent = resolver(patientPage)(grant.entity.find((e: Json) => e.type.code === "Consent").what);
    assert.equal(consent.resourceType, "Consent");
    assert.equal(consent.status, "active");
    assert.deepEqual(codes(grant.purposeOfEvent), ["TREAT"]);
    assert.equal(grant.agent.find((a: Json) => a.type.coding[0].code === "authserver").who.reference, grant.source.observer.reference);
  });

  test("denials are failures with the reason: on a consent (AuthZconsent) and before any consent (with an OperationOutcome)", () => {
    const expired = event((e) => /ConsentExpired/.test(e.outcomeDesc ?? ""), "the expired-consent denial");
    assert.equal(expired.outcome, "8");
    assert.deepEqual(expired.meta.profile, [`${BALP}AuthZconsent`]);
    assert.equal(resolver(patientPage)(expired.entity.find((e: Json) => e.type.code === "Consent").what).status, "inactive");
    const revoked = event((e) => /ConsentRevoked/.test(e.outcomeDesc ?? ""), "the revoked-consent denial");
    assert.equal(revoked.outcome, "8");
    event((e) => /PurposeNotGranted/.test(e.outcomeDesc ?? ""), "the wrong-purpose denial");
    const stranger = event((e) => /Unregistered/.test(e.outcomeDesc ?? ""), "the unregistered requester's denial");
    assert.equal(stranger.meta, undefined, "no BALP profile fits a decision without a consent, so none is claimed");
    assert.equal(stranger.subtype[0].code, "AuthZ-Role");
    const outcome = resolver(patientPage)(stranger.entity.find((e: Json) => e.type.code === "OperationOutcome").what);
    assert.equal(outcome.issue[0].code, "forbidden");
    assert.match(outcome.issue[0].details.text, /not registered/);
    assert.equal(resolver(patientPage)(stranger.agent.find((a: Json) => a.requestor).who).resourceType, "Device");
    const notProvider = event((e) => /NotAProvider/.test(e.outcomeDesc ?? ""), "the insurer's break-glass denial");
    assert.deepEqual(codes(notProvider.purposeOfEvent), ["ETREAT", "BTG"]);
  });

  test("break-glass and patient self-access are role decisions; reads are BALP PatientReads linked to their ticket", () => {
    const emergency = event((e) => e.type.code === "110113" && e.outcome === "0" && byActor(cast.emergencyProvider)(e), "the emergency grant");
    assert.equal(emergency.subtype[0].code, "AuthZ-Role");
    assert.deepEqual(codes(emergency.purposeOfEvent), ["ETREAT", "BTG"]);
    assert.match(emergency.outcomeDesc, /break-glass/);
    const self = event((e) => e.type.code === "110113" && byActor(PATIENT)(e), "the patient's own access");
    assert.equal(self.outcome, "0");
    assert.equal(resolver(patientPage)(self.agent.find((a: Json) => a.requestor).who).resourceType, "Patient");

    const reads = resources(patientPage, "AuditEvent").filter((e: Json) => e.subtype[0].code === "read");
    assert.equal(reads.length, 3);
    for (const read of reads) {
      assert.deepEqual(read.meta.profile, [`${BALP}PatientRead`]);
      assert.equal(read.action, "R");
      const data = resolver(patientPage)(read.entity.find((e: Json) => e.type.code === "2").what);
      assert.equal(data.resourceType, "DocumentReference");
      assert.equal(data.masterIdentifier.value, trail.amendedId);
      const policy = read.agent.find((a: Json) => a.requestor).policy[0];
      const grant = resources(patientPage, "AuditEvent").find(
        (e: Json) => e.type.code === "110113" && e.agent.find((a: Json) => a.requestor).policy?.[0] === policy,
      );
      assert.ok(grant, "the read's ticket names the decision that issued it");
      assert.equal(detail(read, "granted-by-event"), detail(grant, "caretrail-event"));
    }
    const emergencyRead = reads.find(byActor(cast.emergencyProvider));
    assert.deepEqual(codes(emergencyRead.purposeOfEvent), ["ETREAT", "BTG"]);
    assert.ok(reads.find(byActor(PATIENT)), "the patient's own read");
  });

  test("Consents carry their standing at export time: replaced, expired and revoked grants are inactive; revocations add no Consent", async () => {
    const result = await trail.client.query(`query($p: Address!) { fhirConsents(patient: $p) }`, { p: trail.patient });
    const bundle = result.data.fhirConsents;
    assertConformant(bundle, "consents");
    assert.equal(bundle.total, undefined);
    const consents = resources(bundle, "Consent");
    assert.equal(consents.length, 4, "four grants; the revocation is not a Consent of its own");
    const grantee = (consent: Json) => resolver(bundle)(consent.provision.actor[0].reference).identifier[0].value;
    const of = (index: number) => consents.filter((consent: Json) => grantee(consent) === trail.addressOf(index));
    const [replaced, current] = of(cast.provider);
    assert.equal(replaced.status, "inactive");
    assert.equal(replaced.provision.period.end, current.dateTime, "a replaced version ends when the next one is granted");
    assert.equal(current.status, "active");
    assert.ok(new Date(current.provision.period.end) > new Date());
    const [expired] = of(cast.insurer);
    assert.equal(expired.status, "inactive");
    assert.ok(new Date(expired.provision.period.end) <= new Date(), "ended at its expiry");
    assert.match(expired.text.div, /expired/);
    const [revoked] = of(cast.researcher);
    assert.equal(revoked.status, "inactive");
    assert.match(revoked.text.div, /revoked/);
    assert.ok(consents.every((consent: Json) => consent.provision.type === "permit"));
  });

  test("Provenance of an amendment chain: CREATE then UPDATE, the revision resolves, the signature says what was signed", async () => {
    const result = await trail.client.query(`query($r: ID!) { fhirProvenance(record: $r) }`, { r: trail.amendedId });
    const bundle = result.data.fhirProvenance;
    assertConformant(bundle, "provenance");
    const [first, amendment] = resources(bundle, "Provenance");
    assert.equal(first.activity.coding[0].code, "CREATE");
    assert.equal(amendment.activity.coding[0].code, "UPDATE");
    const resolve = resolver(bundle);
    assert.equal(resolve(first.target[0]).masterIdentifier.value, trail.recordId);
    assert.equal(resolve(first.target[0]).status, "superseded");
    assert.equal(resolve(amendment.target[0]).status, "current");
    assert.equal(resolve(amendment.entity[0].what).masterIdentifier.value, trail.recordId);
    assert.equal(resolve(amendment.agent[0].who).resourceType, "Practitioner");
    const [signature] = amendment.signature;
    assert.equal(signature.targetFormat, "application/octet-stream");
    assert.equal(signature.sigFormat, "application/octet-stream");
    assert.equal(signature.type[1].code, "eip712-secp256k1");
    assert.equal(signature.when, amendment.recorded);
    assert.equal(Buffer.from(signature.data, "base64").length, 65);
  });

  test("FHIR exports: same authorisation as GraphQL, bounded pages, coded errors", async () => {
    const { clients, scenario } = world();
    const status = async (client: ApiClient, path: string) => (await client.get(path)).status;
    assert.equal(await status(clients.anonymous, "/export/fhir/AuditEvent"), 401);
    assert.equal(await status(clients.otherPatient, `/export/fhir/AuditEvent?patient=${scenario.patient}`), 403);
    assert.equal(await status(clients.researcher, "/export/audit.fhir.json"), 403);
    for (const query of ["_count=0", "_count=201", "_count=abc", "kinds=request", "cursor=not-a-cursor"]) {
      const response = await clients.auditor.get(`/export/fhir/AuditEvent?${query}`);
      assert.equal(response.status, 400, query);
      const body: Json = await response.json();
      assert.equal(body.error.code, "BAD_USER_INPUT", query);
      assert.doesNotMatch(body.error.message, /select|\/work\/|at .*\.ts/i);
    }
  });
}
