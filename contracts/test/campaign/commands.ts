// fast-check commands: every external function of CareTrail, called by every kind of account (right and wrong
// role, relayed or direct, fresh or replayed signatures, honest or forged ticket terms). Each command asks the
// model what must happen, makes the call, and requires the chain to have done exactly that.
import { expect } from "chai";
import fc from "fast-check";
import { TypedDataEncoder, ZeroAddress, ZeroHash, keccak256, recoverAddress, toUtf8Bytes } from "ethers";
import { ALL_CATEGORIES, CONSENT_GRANT_TYPES, Purpose, RECORD_TYPES, rawCid, type AccessTicket } from "../fixtures";
import { CAST_SIZE, Cast, type Chain } from "./chain";
import { CareModel, TICKET_TTL, normaliseOutcome, type Prediction } from "./model";
import { compact, highS } from "./signatureForms";

type Real = Chain;
type Plan = { from: number; fn: string; args: readonly unknown[]; predict: (timestamp: number) => Prediction };

type Planner = (model: CareModel, real: Real, timestamp: number) => Promise<Plan | undefined>;

/** One call: plan it from the model (async: it may sign), predict, send, compare, then move the model on. */
async function perform(label: string, planner: Planner, model: CareModel, real: Real) {
  const timestamp = model.clock + 1;
  const plan = await planner(model, real, timestamp);
  if (!plan) return;
  const { outcome, apply } = plan.predict(timestamp);
  const actual = await real.send(real.world.signers[plan.from]!.address, plan.fn, plan.args, timestamp);
  model.clock = timestamp;
  expect(normaliseOutcome(actual), `${label} -> ${plan.fn}`).to.deep.equal(normaliseOutcome(outcome));
  if ("events" in outcome) apply?.();
}

class Call implements fc.AsyncCommand<CareModel, Real> {
  constructor(
    private readonly label: string,
    private readonly plan: Planner,
  ) {}
  check = () => true;
  run = (model: CareModel, real: Real) => perform(this.label, this.plan, model, real);
  toString = () => this.label;
}

/** Several calls in a row (a number is a wait in seconds); `steps` is called per run, so steps can share state. */
class Story implements fc.AsyncCommand<CareModel, Real> {
  constructor(
    private readonly label: string,
    private readonly steps: () => (Planner | number)[],
  ) {}
  check = () => true;
  async run(model: CareModel, real: Real) {
    for (const step of this.steps()) {
      if (typeof step === "number") model.clock += step;
      else await perform(this.label, step, model, real);
    }
  }
  toString = () => this.label;
}

class Wait implements fc.AsyncCommand<CareModel, Real> {
  constructor(private readonly seconds: number) {}
  check = () => true;
  async run(model: CareModel) {
    model.clock += this.seconds;
  }
  toString = () => `wait(${this.seconds})`;
}

const weighted = <T>(common: fc.Arbitrary<T>, rare: fc.Arbitrary<T>, ratio = 6) =>
  fc.oneof({ arbitrary: common, weight: ratio }, { arbitrary: rare, weight: 1 });

const anyone = fc.nat(CAST_SIZE - 1);
const patientish = weighted(fc.constantFrom(Cast.patient, Cast.otherPatient), anyone, 5);
const granteeish = weighted(fc.constantFrom(Cast.provider, Cast.otherProvider, Cast.insurer, Cast.auditor, Cast.researcher), anyone, 4);
const governor = weighted(fc.constant(Cast.governance), anyone, 4);
const vault = weighted(fc.constant(Cast.vault), anyone, 8);
const category = weighted(fc.nat(5), fc.constantFrom(6, ALL_CATEGORIES), 12);
const purpose = weighted(fc.integer({ min: 1, max: 4 }), fc.constant(0), 12);
const scope = weighted(fc.integer({ min: 1, max: 63 }), fc.constantFrom(0, 64), 12);
/** Seconds a consent lives: short, so its expiry falls inside a sequence, or around a ticket's hour. */
const ttl = weighted(fc.integer({ min: 0, max: 12 }), fc.constantFrom(3599, 3600, 3601, 7200), 2);
const encoding = weighted(fc.constant("canonical" as const), fc.constantFrom("highS" as const, "compact" as const), 8);
const key = (seed: number) => (seed === 0 ? ZeroHash : keccak256(toUtf8Bytes(`x25519:${seed}`)));

const address = (real: Real, index: number) => real.world.signers[index]!.address;

/** `caller` calls `fn(target, ...extra)` on one account; `predict` gets both addresses. */
const accountCall = (fn: string, caller: number, target: number, extra: number[], predict: (m: CareModel, from: string, to: string) => Prediction) =>
  new Call(`${fn}(${[caller, target, ...extra].join(", ")})`, async (m, r) => ({
    from: caller,
    fn,
    args: [address(r, target), ...extra],
    predict: () => predict(m, address(r, caller), address(r, target)),
  }));

/** Whom `signature` recovers to when the contract hashes this grant with the patient's current nonce. */
function recoveredGrantSigner(model: CareModel, real: Real, grant: Omit<SignedGrant, "signature" | "form">, signature: string, form: string) {
  if (form !== "canonical") return ZeroAddress;
  const nonce = model.consentNonce.get(grant.patient) ?? 0n;
  return recoverAddress(TypedDataEncoder.hash(real.world.domain, CONSENT_GRANT_TYPES, { ...grant, nonce }), signature);
}
type SignedGrant = CareModel["signedGrants"][number];

const reshape = (signature: string, form: "canonical" | "highS" | "compact") =>
  form === "highS" ? highS(signature) : form === "compact" ? compact(signature) : signature;

/** A key seed: mostly a real key, sometimes 0 (the zero key the registry refuses). */
const keySeed = weighted(
  fc.nat(1_000).map((n) => n + 1),
  fc.constant(0),
);

/** `caller` publishes the key of `seed` through `fn`. */
const keyCall = (fn: string, caller: number, seed: number, predict: (m: CareModel, from: string, publicKey: string) => Prediction) =>
  new Call(`${fn}(${caller}, ${seed})`, async (m, r) => ({
    from: caller,
    fn,
    args: [key(seed)],
    predict: () => predict(m, address(r, caller), key(seed)),
  }));

const registry = [
  fc
    .record({ caller: anyone, seed: keySeed })
    .map(({ caller, seed }) => keyCall("enrolPatient", caller, seed, (m, from, publicKey) => m.predictEnrol(from, publicKey))),
  fc
    .record({ caller: anyone, seed: keySeed })
    .map(({ caller, seed }) => keyCall("setEncryptionKey", caller, seed, (m, from, publicKey) => m.predictSetKey(from, publicKey))),
  fc.record({ caller: governor, target: anyone, specialty: fc.nat(999) }).map(
    ({ caller, target, specialty }) =>
      new Call(`credentialProvider(${caller}, ${target})`, async (m, r) => {
        const licence = keccak256(toUtf8Bytes(`license:${target}:${specialty}`));
        return {
          from: caller,
          fn: "credentialProvider",
          args: [address(r, target), licence, specialty],
          predict: () => m.predictCredential(address(r, caller), address(r, target), licence, specialty),
        };
      }),
  ),
  fc
    .record({ caller: governor, target: granteeish, reason: weighted(fc.integer({ min: 1, max: 255 }), fc.constant(0)) })
    .map(({ caller, target, reason }) => accountCall("suspendProvider", caller, target, [reason], (m, from, to) => m.predictSuspend(from, to, reason))),
  fc
    .record({ caller: governor, target: granteeish })
    .map(({ caller, target }) => accountCall("reinstateProvider", caller, target, [], (m, from, to) => m.predictReinstate(from, to))),
  fc
    .record({ caller: governor, target: anyone, role: fc.nat(6) })
    .map(({ caller, target, role }) => accountCall("registerThirdParty", caller, target, [role], (m, from, to) => m.predictRegisterThirdParty(from, to, role))),
  fc
    .record({ caller: governor, target: granteeish })
    .map(({ caller, target }) => accountCall("removeThirdParty", caller, target, [], (m, from, to) => m.predictRemoveThirdParty(from, to))),
  fc.record({ caller: governor, grant: fc.boolean(), role: fc.constantFrom("vault" as const, "governance" as const), target: anyone }).map(
    ({ caller, grant, role, target }) =>
      new Call(`${grant ? "grantRole" : "revokeRole"}(${caller}, ${role}, ${target})`, async (m, r) => {
        const roleId = m.roleIds[role];
        return {
          from: caller,
          fn: grant ? "grantRole" : "revokeRole",
          args: [roleId, address(r, target)],
          predict: () =>
            grant ? m.predictGrantRole(address(r, caller), roleId, address(r, target)) : m.predictRevokeRole(address(r, caller), roleId, address(r, target)),
        };
      }),
  ),
];

const consent = [
  fc.record({ patient: patientish, grantee: granteeish, scope, purpose, ttl }).map(
    (c) =>
      new Call(`grantConsent(${JSON.stringify(c)})`, async (m, r, timestamp) => {
        const expiresAt = timestamp + c.ttl;
        return {
          from: c.patient,
          fn: "grantConsent",
          args: [address(r, c.grantee), c.scope, c.purpose, expiresAt],
          predict: (ts) => m.predictGrant(address(r, c.patient), address(r, c.grantee), c.scope, c.purpose, expiresAt, ts),
        };
      }),
  ),
  fc
    .record({
      patient: patientish,
      signer: weighted(fc.constant(-1), anyone, 5), // -1: the patient itself
      grantee: granteeish,
      scope,
      purpose,
      ttl,
      nonceShift: weighted(fc.constant(0), fc.constantFrom(-1, 1), 5),
      deadline: weighted(fc.constant(60), fc.constantFrom(0, -1), 5),
      form: encoding,
      relayer: anyone,
    })
    .map(
      (c) =>
        new Call(`grantConsentBySig(${JSON.stringify(c)})`, async (m, r, timestamp) => {
          const patient = address(r, c.patient);
          const signer = r.world.signers[c.signer < 0 ? c.patient : c.signer]!;
          const grant = {
            patient,
            grantee: address(r, c.grantee),
            scope: c.scope,
            purpose: c.purpose,
            expiresAt: timestamp + c.ttl,
            deadline: timestamp + c.deadline,
          };
          const current = m.consentNonce.get(patient) ?? 0n;
          const nonce = current + BigInt(c.nonceShift) < 0n ? current : current + BigInt(c.nonceShift);
          const signature = reshape(await signer.signTypedData(r.world.domain, CONSENT_GRANT_TYPES, { ...grant, nonce }), c.form);
          const recovered = recoveredGrantSigner(m, r, grant, signature, c.form);
          m.signedGrants.push({ ...grant, signature, form: c.form });
          return {
            from: c.relayer,
            fn: "grantConsentBySig",
            args: [patient, grant.grantee, grant.scope, grant.purpose, grant.expiresAt, grant.deadline, signature],
            predict: (ts) => m.predictGrantBySig(patient, grant.grantee, grant.scope, grant.purpose, grant.expiresAt, grant.deadline, recovered, ts),
          };
        }),
    ),
  fc.record({ pick: fc.nat(1_000), relayer: anyone }).map(
    ({ pick, relayer }) =>
      new Call(`replayGrantSignature(${pick}, ${relayer})`, async (m, r) => {
        if (m.signedGrants.length === 0) return undefined;
        const { signature, form, ...grant } = m.signedGrants[pick % m.signedGrants.length]!;
        const recovered = recoveredGrantSigner(m, r, grant, signature, form);
        return {
          from: relayer,
          fn: "grantConsentBySig",
          args: [grant.patient, grant.grantee, grant.scope, grant.purpose, grant.expiresAt, grant.deadline, signature],
          predict: (ts) => m.predictGrantBySig(grant.patient, grant.grantee, grant.scope, grant.purpose, grant.expiresAt, grant.deadline, recovered, ts),
        };
      }),
  ),
  fc
    .record({ patient: patientish, grantee: granteeish })
    .map(({ patient, grantee }) => accountCall("revokeConsent", patient, grantee, [], (m, from, to) => m.predictRevoke(from, to))),
];

const records = [
  fc
    .record({
      patient: patientish,
      author: weighted(fc.constantFrom(-1, Cast.provider, Cast.otherProvider), anyone, 5), // -1: the patient
      category,
      signer: weighted(fc.constant(-1), anyone, 8), // -1: the author
      idPatient: weighted(fc.constant(-1), anyone, 12), // -1: the record's patient
      existingId: weighted(fc.constant(false), fc.constant(true), 10),
      supersedes: weighted(fc.constant("none" as const), fc.constantFrom("own" as const, "own" as const, "other" as const, "unknown" as const), 2),
      pick: fc.nat(1_000),
      form: weighted(fc.constant("canonical" as const), fc.constant("highS" as const), 12),
      relayer: anyone,
    })
    .map(
      (c) =>
        new Call(`appendRecord(${JSON.stringify(c)})`, async (m, r, timestamp) => {
          const patient = address(r, c.patient);
          const author = c.author < 0 ? patient : address(r, c.author);
          // Mostly write inside the author's consent, so provider appends are not all refused.
          const held = m.consent(patient, author);
          const category =
            held && c.category < 6 && c.pick % 4 !== 0
              ? ([0, 1, 2, 3, 4, 5].filter((k) => (held.scope >> k) & 1)[
                  (c.pick % 7) % Math.max(1, [0, 1, 2, 3, 4, 5].filter((k) => (held.scope >> k) & 1).length)
                ] ?? c.category)
              : c.category;
          const idPatient = c.idPatient < 0 ? patient : address(r, c.idPatient);
          const known = [...m.records.values()];
          const recordId = c.existingId && known.length > 0 ? known[c.pick % known.length]!.recordId : m.freshRecordId(idPatient);
          const own = known.filter((record) => record.patient === patient);
          const others = known.filter((record) => record.patient !== patient);
          const supersedes =
            c.supersedes === "own" && own.length > 0
              ? own[c.pick % own.length]!.recordId
              : c.supersedes === "other" && others.length > 0
                ? others[c.pick % others.length]!.recordId
                : c.supersedes === "unknown"
                  ? "0x" + patient.slice(2).toLowerCase() + "ffffffffffffffffffffffff"
                  : ZeroHash;
          const contentHash = keccak256(toUtf8Bytes(`${recordId}:${timestamp}`));
          const record = { recordId, patient, category, contentHash, contentId: rawCid(contentHash), fieldsRoot: keccak256(contentHash), supersedes };
          const signer = c.signer < 0 ? author : address(r, c.signer);
          const signerAccount = r.world.signers.find((s) => s.address === signer)!;
          const signature = reshape(await signerAccount.signTypedData(r.world.domain, RECORD_TYPES, record), c.form);
          const recovered = c.form === "canonical" ? signer : ZeroAddress;
          return {
            from: c.relayer,
            fn: "appendRecord",
            args: [record, author, signature],
            predict: (ts) => m.predictAppend(record, author, recovered, signature, ts),
          };
        }),
    ),
];

const requests: fc.Arbitrary<fc.AsyncCommand<CareModel, Real>>[] = [
  fc.record({ requester: weighted(granteeish, patientish, 3), patient: patientish, category, purpose }).map(
    (c) =>
      new Call(`requestAccess(${JSON.stringify(c)})`, async (m, r) => ({
        from: c.requester,
        fn: "requestAccess",
        args: [address(r, c.patient), c.category, c.purpose],
        predict: (ts) => m.predictRequestAccess(address(r, c.requester), address(r, c.patient), c.category, c.purpose, ts),
      })),
  ),
  // Aimed at a consent the model holds (live or not), so grants, tickets and reads happen often.
  fc.record({ pick: fc.nat(1_000), record: fc.boolean(), offPurpose: weighted(fc.constant(false), fc.constant(true), 8) }).map(
    (c) =>
      new Call(`requestUnderConsent(${JSON.stringify(c)})`, async (m, r) => {
        const held = [...m.consents.entries()];
        if (held.length === 0) return undefined;
        const [pair, consent] = held[c.pick % held.length]!;
        const [patient, requester] = pair.split(":") as [string, string];
        const from = r.world.signers.findIndex((s) => s.address === requester);
        const inside = [0, 1, 2, 3, 4, 5].filter((category) => (consent.scope >> category) & 1);
        const wanted = c.offPurpose ? (consent.purpose % 4) + 1 : consent.purpose;
        const records = [...m.records.values()].filter((record) => record.patient === patient && (consent.scope >> record.category) & 1);
        if (c.record && records.length > 0) {
          const recordId = records[c.pick % records.length]!.recordId;
          return { from, fn: "requestRecordAccess", args: [recordId, wanted], predict: (ts) => m.predictRequestRecordAccess(requester, recordId, wanted, ts) };
        }
        const category = inside[c.pick % inside.length]!;
        return {
          from,
          fn: "requestAccess",
          args: [patient, category, wanted],
          predict: (ts) => m.predictRequestAccess(requester, patient, category, wanted, ts),
        };
      }),
  ),
  fc.record({ requester: weighted(granteeish, patientish, 3), pick: fc.nat(1_000), unknown: weighted(fc.constant(false), fc.constant(true), 8), purpose }).map(
    (c) =>
      new Call(`requestRecordAccess(${JSON.stringify(c)})`, async (m, r) => {
        const known = [...m.records.keys()];
        const recordId = c.unknown || known.length === 0 ? m.freshRecordId(address(r, Cast.patient)) : known[c.pick % known.length]!;
        return {
          from: c.requester,
          fn: "requestRecordAccess",
          args: [recordId, c.purpose],
          predict: (ts) => m.predictRequestRecordAccess(address(r, c.requester), recordId, c.purpose, ts),
        };
      }),
  ),
  fc
    .record({
      requester: weighted(fc.constantFrom(Cast.provider, Cast.otherProvider), anyone, 4),
      patient: patientish,
      reason: weighted(fc.integer({ min: 1, max: 255 }), fc.constant(0), 12),
    })
    .map(
      (c) =>
        new Call(`requestEmergencyAccess(${JSON.stringify(c)})`, async (m, r) => ({
          from: c.requester,
          fn: "requestEmergencyAccess",
          args: [address(r, c.patient), c.reason],
          predict: (ts) => m.predictEmergency(address(r, c.requester), address(r, c.patient), c.reason, ts),
        })),
    ),
];

/** How a vault might bend a ticket's terms: each must be refused unless the live consent allows the read anyway. */
const forgeries = ["none", "nonce", "expiry", "category", "record", "version", "patient", "purpose", "requester"] as const;
type Forgery = (typeof forgeries)[number];

function forge(terms: AccessTicket, forgery: Forgery, real: Real, pick: number): AccessTicket {
  switch (forgery) {
    case "none":
      return terms;
    case "nonce":
      return { ...terms, nonce: terms.nonce + 1n + BigInt(pick % 2) };
    case "expiry":
      return { ...terms, expiresAt: terms.expiresAt + 3600n };
    case "category":
      return { ...terms, category: (terms.category + 1 + (pick % 5)) % 6, recordId: ZeroHash };
    case "record":
      return { ...terms, recordId: ZeroHash };
    case "version":
      return { ...terms, consentVersion: terms.consentVersion + 1n };
    case "patient":
      return { ...terms, patient: address(real, terms.patient === address(real, Cast.patient) ? Cast.otherPatient : Cast.patient) };
    case "purpose":
      return { ...terms, purpose: (terms.purpose % 4) + 1 };
    case "requester":
      return { ...terms, requester: address(real, pick % CAST_SIZE) };
  }
}

const ticketStruct = (t: AccessTicket) => [t.requester, t.patient, t.recordId, t.category, t.purpose, t.expiresAt, t.nonce, t.consentVersion];

const reads = [
  fc
    .record({
      caller: vault,
      pick: fc.nat(1_000),
      record: weighted(fc.constant("ticket" as const), fc.constantFrom("any" as const, "unknown" as const), 3),
      forgery: weighted(fc.constant("none"), fc.constantFrom(...forgeries), 3),
    })
    .map(
      (c) =>
        new Call(`logRead(${JSON.stringify(c)})`, async (m, r, timestamp) => {
          const issued = m.tickets.length > 0 ? m.tickets[c.pick % m.tickets.length]! : undefined;
          const base: AccessTicket = issued
            ? {
                requester: issued.requester,
                patient: issued.patient,
                recordId: issued.recordId,
                category: issued.category,
                purpose: issued.purpose,
                expiresAt: issued.expiresAt,
                nonce: issued.nonce,
                consentVersion: issued.consentVersion,
              }
            : {
                requester: address(r, Cast.provider),
                patient: address(r, Cast.patient),
                recordId: ZeroHash,
                category: 0,
                purpose: Purpose.Treatment,
                expiresAt: BigInt(timestamp + 60),
                nonce: 1n,
                consentVersion: 1n,
              };
          const terms = forge(base, c.forgery, r, c.pick);
          const all = [...m.records.values()];
          const ofPatient = all.filter(
            (record) => record.patient === terms.patient && (terms.category === ALL_CATEGORIES || record.category === terms.category),
          );
          const recordId =
            c.record === "unknown"
              ? m.freshRecordId(terms.patient)
              : c.record === "ticket" && terms.recordId !== ZeroHash
                ? terms.recordId
                : c.record === "ticket" && ofPatient.length > 0
                  ? ofPatient[c.pick % ofPatient.length]!.recordId
                  : all.length > 0
                    ? all[c.pick % all.length]!.recordId
                    : m.freshRecordId(terms.patient);
          return {
            from: c.caller,
            fn: "logRead",
            args: [ticketStruct(terms), recordId],
            predict: (ts) => m.predictLogRead(address(r, c.caller), terms, recordId, ts),
          };
        }),
    ),
];

/** What happens between a ticket and its read: each must decide the read exactly as the model says. */
const disruptions = ["none", "revoke", "replace", "narrow", "offPurpose", "suspend", "suspendReinstate", "ticketExpires", "justBeforeExpiry"] as const;

/**
 * The read path end to end, so successful and refused reads are common: the patient grants a consent and writes
 * a record inside it, the reader asks for a ticket (for the record or its category), something may change the
 * consent or the reader's standing, and the vault logs the read with the ticket's terms.
 */
const readStories = [
  fc
    .record({
      patient: fc.constantFrom(Cast.patient, Cast.otherPatient),
      reader: weighted(fc.constantFrom(Cast.provider, Cast.otherProvider), fc.constantFrom(Cast.insurer, Cast.auditor, Cast.researcher, Cast.stranger), 3),
      category: fc.nat(5),
      extraScope: weighted(fc.constant(0), fc.nat(63), 1),
      purpose: weighted(fc.constant(Purpose.Treatment), fc.integer({ min: 1, max: 4 }), 2),
      ttl: weighted(fc.constant(7200), fc.constantFrom(4, 3600, 3601), 3),
      byRecord: fc.boolean(),
      disruption: weighted(fc.constant("none" as const), fc.constantFrom(...disruptions), 1),
      pause: fc.integer({ min: 0, max: 3 }),
    })
    .map(
      (c) =>
        new Story(`readStory(${JSON.stringify(c)})`, () => {
          let recordId: string | undefined;
          let ticketsBefore = 0;
          const grant =
            (scope: number, purpose: number): Planner =>
            async (m, r, ts) => ({
              from: c.patient,
              fn: "grantConsent",
              args: [address(r, c.reader), scope, purpose, ts + c.ttl],
              predict: (at) => m.predictGrant(address(r, c.patient), address(r, c.reader), scope, purpose, ts + c.ttl, at),
            });
          const governance =
            (fn: "suspendProvider" | "reinstateProvider"): Planner =>
            async (m, r) => ({
              from: Cast.governance,
              fn,
              args: fn === "suspendProvider" ? [address(r, c.reader), 1] : [address(r, c.reader)],
              predict: () =>
                fn === "suspendProvider"
                  ? m.predictSuspend(address(r, Cast.governance), address(r, c.reader), 1)
                  : m.predictReinstate(address(r, Cast.governance), address(r, c.reader)),
            });
          const scope = (1 << c.category) | (c.extraScope & 0b111111);
          const between: Record<(typeof disruptions)[number], (Planner | number)[]> = {
            none: [],
            revoke: [
              async (m, r) => ({
                from: c.patient,
                fn: "revokeConsent",
                args: [address(r, c.reader)],
                predict: () => m.predictRevoke(address(r, c.patient), address(r, c.reader)),
              }),
            ],
            replace: [grant(scope, c.purpose)],
            narrow: [grant(0b111111 & ~(1 << c.category), c.purpose)],
            offPurpose: [grant(scope, (c.purpose % 4) + 1)],
            suspend: [governance("suspendProvider")],
            suspendReinstate: [governance("suspendProvider"), governance("reinstateProvider")],
            ticketExpires: [TICKET_TTL],
            justBeforeExpiry: [TICKET_TTL - 3],
          };
          return [
            grant(scope, c.purpose),
            async (m, r, ts) => {
              const patient = address(r, c.patient);
              recordId = m.freshRecordId(patient);
              const contentHash = keccak256(toUtf8Bytes(`${recordId}:${ts}`));
              const record = {
                recordId,
                patient,
                category: c.category,
                contentHash,
                contentId: rawCid(contentHash),
                fieldsRoot: keccak256(contentHash),
                supersedes: ZeroHash,
              };
              const signature = await r.world.signers[c.patient]!.signTypedData(r.world.domain, RECORD_TYPES, record);
              return {
                from: c.patient,
                fn: "appendRecord",
                args: [record, patient, signature],
                predict: (at) => m.predictAppend(record, patient, patient, signature, at),
              };
            },
            async (m, r) => {
              ticketsBefore = m.tickets.length;
              const reader = address(r, c.reader);
              return c.byRecord
                ? {
                    from: c.reader,
                    fn: "requestRecordAccess",
                    args: [recordId!, c.purpose],
                    predict: (at) => m.predictRequestRecordAccess(reader, recordId!, c.purpose, at),
                  }
                : {
                    from: c.reader,
                    fn: "requestAccess",
                    args: [address(r, c.patient), c.category, c.purpose],
                    predict: (at) => m.predictRequestAccess(reader, address(r, c.patient), c.category, c.purpose, at),
                  };
            },
            c.pause,
            ...between[c.disruption],
            async (m, r) => {
              // The ticket this story was issued or, when it was refused, the terms it would have had.
              const issued = m.tickets.length > ticketsBefore ? m.tickets.at(-1)! : undefined;
              const terms: AccessTicket = issued ?? {
                requester: address(r, c.reader),
                patient: address(r, c.patient),
                recordId: c.byRecord ? recordId! : ZeroHash,
                category: c.category,
                purpose: c.purpose,
                expiresAt: BigInt(m.clock + 3600),
                nonce: m.ticketNonce.get(address(r, c.reader)) ?? 1n,
                consentVersion: BigInt(m.consent(address(r, c.patient), address(r, c.reader))?.version ?? 1),
              };
              return {
                from: Cast.vault,
                fn: "logRead",
                args: [ticketStruct(terms), recordId!],
                predict: (at) => m.predictLogRead(address(r, Cast.vault), terms, recordId!, at),
              };
            },
          ];
        }),
    ),
];

const waits = weighted(fc.integer({ min: 1, max: 8 }), fc.constantFrom(3599, 3600, 14_400), 4).map((seconds) => new Wait(seconds));

/** Every command, weighted towards the calls that decide access. */
export const commandArbitraries: fc.Arbitrary<fc.AsyncCommand<CareModel, Real>>[] = [
  ...registry,
  ...consent,
  consent[0]!,
  consent[1]!,
  consent[1]!,
  consent[3]!,
  ...records,
  records[0]!,
  records[0]!,
  records[0]!,
  ...requests,
  requests[0]!,
  requests[1]!,
  requests[1]!,
  requests[1]!,
  requests[1]!,
  requests[2]!,
  ...reads,
  reads[0]!,
  reads[0]!,
  reads[0]!,
  reads[0]!,
  ...readStories,
  readStories[0]!,
  readStories[0]!,
  readStories[0]!,
  readStories[0]!,
  waits,
  waits,
  waits,
];
