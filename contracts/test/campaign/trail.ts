// The campaign's invariants, checked from the chain's own trail (events and calldata) with nothing taken from the
// model: every grant, append and read was authorised when it happened; every access attempt has exactly one
// outcome; and the consent, record and registry state the contract stores equals the replay of its events.
import { expect } from "chai";
import { verifyTypedData } from "ethers";
import { CONSENT_GRANT_TYPES, ProviderStatus, Purpose, RECORD_TYPES, Role } from "../fixtures";
import type { Chain, Entry, World } from "./chain";
import { inScope, type CareModel, type Event } from "./model";

const REQUESTS = new Set(["requestAccess", "requestRecordAccess", "requestEmergencyAccess"]);
const OUTCOMES = new Set(["AccessGranted", "AccessDenied", "EmergencyAccessGranted"]);

type Replayed = { scope: number; purpose: number; expiresAt: number; version: number; active: boolean };

/** Registry, consent and record state rebuilt from events alone. */
class Replay {
  readonly roles = new Map<string, number>();
  readonly status = new Map<string, number>();
  readonly accessRoles = new Map<string, Set<string>>();
  readonly consents = new Map<string, Replayed>();
  readonly emergencyUntil = new Map<string, number>();
  readonly records = new Map<string, { patient: string; category: number; superseded: boolean }>();
  readonly signedNonces = new Map<string, bigint>();

  role = (account: string) => this.roles.get(account) ?? Role.None;
  activeProvider = (account: string) => this.role(account) === Role.Provider && this.status.get(account) === ProviderStatus.Active;
  /** The consent lets `grantee` see `category` at `timestamp`, for `purpose` (any purpose when undefined). */
  live(patient: string, grantee: string, category: number, timestamp: number, purposes?: number[]) {
    const consent = this.consents.get(`${patient}:${grantee}`);
    return (
      !!consent && consent.active && consent.expiresAt > timestamp && inScope(consent.scope, category) && (!purposes || purposes.includes(consent.purpose))
    );
  }

  apply({ name, args }: Event) {
    const a = args.map(String);
    switch (name) {
      case "PatientEnrolled":
        this.roles.set(a[0]!, Role.Patient);
        break;
      case "ProviderCredentialed":
        this.roles.set(a[0]!, Role.Provider);
        this.status.set(a[0]!, ProviderStatus.Active);
        break;
      case "ProviderSuspended":
        this.status.set(a[0]!, ProviderStatus.Suspended);
        break;
      case "ProviderReinstated":
        this.status.set(a[0]!, ProviderStatus.Active);
        break;
      case "ThirdPartyRegistered":
        this.roles.set(a[0]!, Number(a[1]!));
        break;
      case "ThirdPartyRemoved":
        this.roles.set(a[0]!, Role.None);
        break;
      case "RoleGranted":
        (this.accessRoles.get(a[0]!) ?? this.accessRoles.set(a[0]!, new Set()).get(a[0]!)!).add(a[1]!);
        break;
      case "RoleRevoked":
        this.accessRoles.get(a[0]!)?.delete(a[1]!);
        break;
      case "ConsentGranted":
        this.consents.set(`${a[0]!}:${a[1]!}`, {
          scope: Number(a[2]!),
          purpose: Number(a[3]!),
          expiresAt: Number(a[4]!),
          version: Number(a[5]!),
          active: true,
        });
        break;
      case "ConsentRevoked": {
        const previous = this.consents.get(`${a[0]!}:${a[1]!}`)!;
        this.consents.set(`${a[0]!}:${a[1]!}`, { ...previous, version: Number(a[2]!), active: false });
        break;
      }
      case "EmergencyAccessGranted":
        this.emergencyUntil.set(`${a[0]!}:${a[1]!}`, Number(a[4]!));
        break;
      case "RecordAppended":
        this.records.set(a[0]!.toLowerCase(), { patient: a[1]!, category: Number(a[3]!), superseded: false });
        break;
      case "RecordAmended":
        this.records.get(a[0]!.toLowerCase())!.superseded = true;
        break;
    }
  }
}

export type TrailFigures = { attempts: number; grants: number; appends: number; reads: number };

/** Replays `prefix` (the fixture) and then `history`, asserting every authorisation invariant on the way. */
export function checkTrail(world: World, prefix: Event[], history: Entry[]): { replay: Replay; figures: TrailFigures } {
  const replay = new Replay();
  for (const event of prefix) replay.apply(event);
  const figures: TrailFigures = { attempts: 0, grants: 0, appends: 0, reads: 0 };
  for (const entry of history) {
    const where = `${entry.fn} from ${entry.from} at ${entry.timestamp}`;
    if (entry.reverted) {
      expect(entry.events, where).to.deep.equal([]);
      continue;
    }
    const requested = entry.events.filter((e) => e.name === "AccessRequested").length;
    const outcomes = entry.events.filter((e) => OUTCOMES.has(e.name)).length;
    const isRequest = REQUESTS.has(entry.fn);
    expect([requested, outcomes], `exactly one outcome per access attempt: ${where}`).to.deep.equal(isRequest ? [1, 1] : [0, 0]);
    if (isRequest) figures.attempts++;
    for (const event of entry.events) {
      authorised(world, replay, entry, event, where);
      if (event.name === "ConsentGranted") figures.grants++;
      if (event.name === "RecordAppended") figures.appends++;
      if (event.name === "RecordRead") figures.reads++;
      replay.apply(event);
    }
  }
  return { replay, figures };
}

function authorised(world: World, replay: Replay, entry: Entry, { name, args }: Event, where: string) {
  const a = args as never as string[];
  const ts = entry.timestamp;
  switch (name) {
    case "ConsentGranted": {
      const [patient, grantee, scope, purpose, expiresAt] = a;
      expect(replay.role(patient!), `grant by an enrolled patient: ${where}`).to.equal(Role.Patient);
      expect([Role.Provider, Role.Insurer, Role.Auditor, Role.Researcher], `grant to a registered grantee: ${where}`).to.include(replay.role(grantee!));
      expect(replay.status.get(grantee!) === ProviderStatus.Suspended, `grant to a suspended provider: ${where}`).to.equal(false);
      if (entry.fn === "grantConsent") {
        expect(entry.from, `grant sent by its patient: ${where}`).to.equal(patient);
      } else {
        expect(entry.fn, where).to.equal("grantConsentBySig");
        const [, , , , , deadline, signature] = entry.args as [string, string, number, number, number, number, string];
        const nonce = replay.signedNonces.get(patient!) ?? 0n;
        const grant = { patient, grantee, scope, purpose, expiresAt, nonce, deadline };
        expect(verifyTypedData(world.domain, CONSENT_GRANT_TYPES, grant, signature), `signed grant signed by its patient: ${where}`).to.equal(patient);
        expect(ts <= deadline, `signed grant within its deadline: ${where}`).to.equal(true);
        replay.signedNonces.set(patient!, nonce + 1n);
      }
      break;
    }
    case "ConsentRevoked":
      expect([entry.fn, entry.from], `revoke sent by its patient: ${where}`).to.deep.equal(["revokeConsent", a[0]]);
      break;
    case "RecordAppended": {
      const [recordId, patient, author, category, contentHash, contentId, fieldsRoot, supersedes, signature] = a;
      const record = { recordId, patient, category, contentHash, contentId, fieldsRoot, supersedes };
      expect(verifyTypedData(world.domain, RECORD_TYPES, record, signature!), `record signed by its author: ${where}`).to.equal(author);
      const allowed =
        author === patient
          ? replay.role(patient!) === Role.Patient
          : replay.activeProvider(author!) && replay.live(patient!, author!, Number(category), ts, [Purpose.Treatment, Purpose.Emergency]);
      expect(allowed, `append by an authorised author: ${where}`).to.equal(true);
      break;
    }
    case "RecordRead": {
      const [patient, reader, , recordId] = a;
      expect(replay.accessRoles.get(world.roleIds.vault)?.has(entry.from), `read logged by a vault: ${where}`).to.equal(true);
      const record = replay.records.get(recordId!.toLowerCase());
      expect(record?.patient, `read of an existing record of its patient: ${where}`).to.equal(patient);
      const emergencyOpen = (replay.emergencyUntil.get(`${patient}:${reader}`) ?? 0) > ts;
      const allowed =
        (reader === patient && replay.role(reader!) === Role.Patient) ||
        (replay.activeProvider(reader!) && emergencyOpen) ||
        (replay.role(reader!) !== Role.None && replay.status.get(reader!) !== ProviderStatus.Suspended && replay.live(patient!, reader!, record!.category, ts));
      expect(allowed, `release allowed by standing and live consent: ${where}`).to.equal(true);
      break;
    }
    case "AccessGranted": {
      const [patient, requester, , , category, purpose, expiresAt] = a;
      const own = requester === patient && replay.role(requester!) === Role.Patient;
      const allowed =
        own ||
        (replay.role(requester!) !== Role.None &&
          replay.status.get(requester!) !== ProviderStatus.Suspended &&
          replay.role(patient!) === Role.Patient &&
          replay.live(patient!, requester!, Number(category), ts, [Number(purpose)]));
      expect(allowed, `ticket granted only under standing and live consent: ${where}`).to.equal(true);
      expect(Number(expiresAt) > ts && Number(expiresAt) <= ts + 3600, `ticket lives at most an hour: ${where}`).to.equal(true);
      break;
    }
    case "EmergencyAccessGranted":
      expect(replay.activeProvider(a[1]!) && replay.role(a[0]!) === Role.Patient, `break-glass by an active provider on a patient: ${where}`).to.equal(true);
      break;
  }
}

/** The contract's stored state equals both the replay of its events and the model. */
export async function compareState(chain: Chain, model: CareModel, replay: Replay) {
  const { careTrail } = chain.world;
  const pairs = new Set([...replay.consents.keys(), ...model.consents.keys()]);
  for (const pair of pairs) {
    const [patient, grantee] = pair.split(":") as [string, string];
    const stored = await chain.view(() => careTrail.consentOf(patient, grantee));
    const actual = {
      scope: Number(stored.scope),
      purpose: Number(stored.purpose),
      expiresAt: Number(stored.expiresAt),
      version: Number(stored.version),
      active: stored.active,
    };
    expect(actual, `consent ${pair} equals the replay of its events`).to.deep.equal(replay.consents.get(pair));
    expect(actual, `consent ${pair} equals the model`).to.deep.equal(model.consents.get(pair));
  }
  for (const [recordId, record] of replay.records) {
    const [patient, category, superseded] = await chain.view(() => careTrail.recordOf(recordId));
    expect({ patient, category: Number(category), superseded }, `record ${recordId}`).to.deep.equal(record);
    expect(model.records.get(recordId), `record ${recordId} in the model`).to.deep.include(record);
  }
  expect(replay.records.size, "records in the model").to.equal(model.records.size);
  for (const account of model.touchedAccounts) {
    expect(Number(await chain.view(() => careTrail.roleOf(account))), `role of ${account}`)
      .to.equal(replay.role(account))
      .and.to.equal(model.role(account));
    expect(Number(await chain.view(() => careTrail.providerStatusOf(account))), `status of ${account}`).to.equal(model.providerStatus(account));
    expect(await chain.view(() => careTrail.ticketNonceOf(account)), `ticket nonce of ${account}`).to.equal(model.ticketNonce.get(account) ?? 0n);
  }
  for (const [patient, nonce] of replay.signedNonces) {
    expect(await chain.view(() => careTrail.consentNonce(patient)), `consent nonce of ${patient}`)
      .to.equal(nonce)
      .and.to.equal(model.consentNonce.get(patient) ?? 0n);
  }
  for (const [pair, until] of model.emergencyUntil) {
    const [patient, provider] = pair.split(":") as [string, string];
    expect(Number(await chain.view(() => careTrail.emergencyAccessUntil(patient, provider))), `emergency window ${pair}`)
      .to.equal(until)
      .and.to.equal(replay.emergencyUntil.get(pair));
  }
}
