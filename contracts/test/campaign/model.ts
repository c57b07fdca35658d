// The reference model: CareTrail's rules as README.md and TICKET_SPEC state them, written independently of the
// contract. Each `predict*` returns exactly what the contract must do for one call — the events it emits, or the
// custom error (with arguments) it reverts with — and an `apply` that moves the model on when the call succeeds.
import { ZeroAddress, ZeroHash } from "ethers";
import { ALL_CATEGORIES, Denial, ProviderStatus, Purpose, Role, ticketIdOf, type AccessTicket } from "../fixtures";

/** Chain.send's name for a revert without data; kept equal to chain.ts's EMPTY_REVERT. */
export const UNDECODABLE_CALLDATA = "(revert without data)";
export const TICKET_TTL = 3600;
export const EMERGENCY_TTL = 4 * 3600;
export const CATEGORY_COUNT = 6;

export type Value = string | number | bigint | boolean;
export type Event = { name: string; args: Value[] };
/** What a call did: its events, or the custom error it reverted with. Values are normalised by `normalise`. */
export type Outcome = { events: Event[] } | { error: string; args: Value[] };
export type Prediction = { outcome: Outcome; apply?: () => void };

export type Consent = { scope: number; purpose: number; expiresAt: number; version: number; active: boolean };
export type ModelRecord = { recordId: string; patient: string; category: number; superseded: boolean };
export type IssuedTicket = AccessTicket & { ticketId: string };

/** Lower-cases hex and turns numbers into strings, so chain values and model values compare with deep equality. */
export const normalise = (value: Value): string => (typeof value === "string" ? value.toLowerCase() : String(value));
export const normaliseOutcome = (outcome: Outcome) =>
  "events" in outcome
    ? { events: outcome.events.map((e) => ({ name: e.name, args: e.args.map(normalise) })) }
    : { error: outcome.error, args: outcome.args.map(normalise) };

const ok = (events: Event[], apply?: () => void): Prediction => ({ outcome: { events }, apply });
const fail = (error: string, ...args: Value[]): Prediction => ({ outcome: { error, args } });

export const inScope = (scope: number, category: number) => (scope & (1 << category)) !== 0;
const isThirdPartyRole = (role: number) => role === Role.Insurer || role === Role.Auditor || role === Role.Researcher;

export type AccessRoles = { admin: string; governance: string; vault: string };

export class CareModel {
  clock: number;
  readonly roles = new Map<string, number>();
  readonly status = new Map<string, number>();
  readonly ticketNonce = new Map<string, bigint>();
  readonly accessRoles = new Map<string, Set<string>>();
  readonly consents = new Map<string, Consent>();
  readonly consentNonce = new Map<string, bigint>();
  readonly records = new Map<string, ModelRecord>();
  readonly nextSequence = new Map<string, bigint>();
  readonly emergencyUntil = new Map<string, number>();
  readonly tickets: IssuedTicket[] = [];
  /** Signed grants relayed so far (accepted or not), for replay attempts. */
  readonly signedGrants: {
    patient: string;
    grantee: string;
    scope: number;
    purpose: number;
    expiresAt: number;
    deadline: number;
    signature: string;
    form: string;
  }[] = [];
  /** Accounts and pairs whose stored state a sequence touched; the end-of-sequence comparison reads these. */
  readonly touchedAccounts = new Set<string>();

  constructor(
    readonly contract: string,
    readonly roleIds: AccessRoles,
    startTime: number,
  ) {
    this.clock = startTime;
  }

  static key = (a: string, b: string) => `${a}:${b}`;
  role = (account: string) => this.roles.get(account) ?? Role.None;
  providerStatus = (account: string) => this.status.get(account) ?? ProviderStatus.None;
  hasRole = (role: string, account: string) => this.accessRoles.get(role)?.has(account) ?? false;
  consent = (patient: string, grantee: string) => this.consents.get(CareModel.key(patient, grantee));

  // ---- AccessControl ----

  private unauthorised(caller: string, role: string): Prediction | undefined {
    return this.hasRole(role, caller) ? undefined : fail("AccessControlUnauthorizedAccount", caller, role);
  }

  predictGrantRole(caller: string, role: string, account: string): Prediction {
    const denied = this.unauthorised(caller, this.roleIds.admin);
    if (denied) return denied;
    if (this.hasRole(role, account)) return ok([]);
    return ok([{ name: "RoleGranted", args: [role, account, caller] }], () => {
      if (!this.accessRoles.has(role)) this.accessRoles.set(role, new Set());
      this.accessRoles.get(role)!.add(account);
    });
  }

  predictRevokeRole(caller: string, role: string, account: string): Prediction {
    const denied = this.unauthorised(caller, this.roleIds.admin);
    if (denied) return denied;
    if (!this.hasRole(role, account)) return ok([]);
    return ok([{ name: "RoleRevoked", args: [role, account, caller] }], () => this.accessRoles.get(role)!.delete(account));
  }

  // ---- Registry ----

  predictEnrol(caller: string, key: string): Prediction {
    if (this.role(caller) !== Role.None) return fail("RegistryAlreadyRegistered", caller, this.role(caller));
    if (key === ZeroHash) return fail("RegistryInvalidEncryptionKey", caller);
    return ok([{ name: "PatientEnrolled", args: [caller, key] }], () => this.setRole(caller, Role.Patient));
  }

  predictSetKey(caller: string, key: string): Prediction {
    if (this.role(caller) === Role.None) return fail("RegistryNotRegistered", caller);
    if (key === ZeroHash) return fail("RegistryInvalidEncryptionKey", caller);
    return ok([{ name: "EncryptionKeySet", args: [caller, key] }]);
  }

  predictCredential(caller: string, provider: string, licence: string, specialty: number): Prediction {
    const denied = this.unauthorised(caller, this.roleIds.governance);
    if (denied) return denied;
    if (this.role(provider) !== Role.None) return fail("RegistryAlreadyRegistered", provider, this.role(provider));
    return ok([{ name: "ProviderCredentialed", args: [provider, licence, specialty, caller] }], () => {
      this.setRole(provider, Role.Provider);
      this.status.set(provider, ProviderStatus.Active);
    });
  }

  predictSuspend(caller: string, provider: string, reasonCode: number): Prediction {
    const denied = this.unauthorised(caller, this.roleIds.governance);
    if (denied) return denied;
    if (reasonCode === 0) return fail("RegistryInvalidReasonCode", reasonCode);
    if (this.role(provider) !== Role.Provider) return fail("RegistryNotAProvider", provider, this.role(provider));
    if (this.providerStatus(provider) !== ProviderStatus.Active) return fail("RegistryProviderStatus", provider, this.providerStatus(provider));
    return ok([{ name: "ProviderSuspended", args: [provider, reasonCode, caller] }], () => {
      this.status.set(provider, ProviderStatus.Suspended);
      this.touchedAccounts.add(provider);
    });
  }

  predictReinstate(caller: string, provider: string): Prediction {
    const denied = this.unauthorised(caller, this.roleIds.governance);
    if (denied) return denied;
    if (this.role(provider) !== Role.Provider) return fail("RegistryNotAProvider", provider, this.role(provider));
    if (this.providerStatus(provider) !== ProviderStatus.Suspended) return fail("RegistryProviderStatus", provider, this.providerStatus(provider));
    return ok([{ name: "ProviderReinstated", args: [provider, caller] }], () => {
      this.status.set(provider, ProviderStatus.Active);
      this.touchedAccounts.add(provider);
    });
  }

  predictRegisterThirdParty(caller: string, party: string, role: number): Prediction {
    if (role > Role.Researcher) return fail(UNDECODABLE_CALLDATA); // decoded before any check
    const denied = this.unauthorised(caller, this.roleIds.governance);
    if (denied) return denied;
    if (!isThirdPartyRole(role)) return fail("RegistryInvalidThirdPartyRole", role);
    if (this.role(party) !== Role.None) return fail("RegistryAlreadyRegistered", party, this.role(party));
    return ok([{ name: "ThirdPartyRegistered", args: [party, role, caller] }], () => this.setRole(party, role));
  }

  predictRemoveThirdParty(caller: string, party: string): Prediction {
    const denied = this.unauthorised(caller, this.roleIds.governance);
    if (denied) return denied;
    const role = this.role(party);
    if (!isThirdPartyRole(role)) return fail("RegistryNotAThirdParty", party, role);
    return ok([{ name: "ThirdPartyRemoved", args: [party, role, caller] }], () => this.setRole(party, Role.None));
  }

  private setRole(account: string, role: number) {
    this.roles.set(account, role);
    this.touchedAccounts.add(account);
  }

  // ---- Consent ----

  /** The checks both grant paths share (CareConsent._grant), in the contract's order. */
  predictGrant(patient: string, grantee: string, scope: number, purpose: number, expiresAt: number, timestamp: number, bySig = false): Prediction {
    if (this.role(patient) !== Role.Patient) return fail("ConsentPatientNotEnrolled", patient);
    if (grantee === patient) return fail("ConsentSelfGrant", patient);
    const granteeRole = this.role(grantee);
    if (granteeRole === Role.None || granteeRole === Role.Patient) return fail("ConsentGranteeNotRegistered", grantee);
    if (this.providerStatus(grantee) === ProviderStatus.Suspended) return fail("ConsentGranteeSuspended", grantee);
    if (scope === 0 || scope > 0b111111) return fail("ConsentInvalidScope", scope);
    if (purpose === Purpose.None) return fail("ConsentInvalidPurpose", purpose);
    if (expiresAt <= timestamp) return fail("ConsentExpiryInPast", expiresAt, timestamp);
    const version = (this.consent(patient, grantee)?.version ?? 0) + 1;
    return ok([{ name: "ConsentGranted", args: [patient, grantee, scope, purpose, expiresAt, version] }], () => {
      this.consents.set(CareModel.key(patient, grantee), { scope, purpose, expiresAt, version, active: true });
      if (bySig) this.consentNonce.set(patient, (this.consentNonce.get(patient) ?? 0n) + 1n);
    });
  }

  /**
   * A signed grant. `recovered` is whom the signature recovers to over the grant with the patient's current nonce
   * (the caller computes it with ethers' own EIP-712 code, or ZeroAddress for a signature OpenZeppelin refuses).
   */
  predictGrantBySig(
    patient: string,
    grantee: string,
    scope: number,
    purpose: number,
    expiresAt: number,
    deadline: number,
    recovered: string,
    timestamp: number,
  ): Prediction {
    if (timestamp > deadline) return fail("ConsentSignatureExpired", deadline, timestamp);
    if (recovered !== patient) return fail("ConsentInvalidSignature", patient, recovered);
    return this.predictGrant(patient, grantee, scope, purpose, expiresAt, timestamp, true);
  }

  predictRevoke(patient: string, grantee: string): Prediction {
    const consent = this.consent(patient, grantee);
    if (!consent?.active) return fail("ConsentNotActive", patient, grantee);
    const version = consent.version + 1;
    return ok([{ name: "ConsentRevoked", args: [patient, grantee, version] }], () => {
      this.consents.set(CareModel.key(patient, grantee), { ...consent, active: false, version });
    });
  }

  /** Why `grantee` may not use `category` of `patient` for `purpose` at `timestamp` under its consent, or None. */
  consentDenial(patient: string, grantee: string, category: number, purpose: number, timestamp: number): number {
    const consent = this.consent(patient, grantee);
    if (!consent) return Denial.NoConsent;
    if (!consent.active) return Denial.ConsentRevoked;
    if (consent.expiresAt <= timestamp) return Denial.ConsentExpired;
    if (consent.purpose !== purpose) return Denial.PurposeNotGranted;
    if (!inScope(consent.scope, category)) return Denial.CategoryNotInScope;
    return Denial.None;
  }

  // ---- Records ----

  freshRecordId(patient: string): string {
    const sequence = this.nextSequence.get(patient) ?? 0n;
    return "0x" + patient.slice(2).toLowerCase() + sequence.toString(16).padStart(24, "0");
  }

  /**
   * appendRecord. `recovered` is whom the signature recovers to.
   */
  predictAppend(
    record: { recordId: string; patient: string; category: number; contentHash: string; contentId: string; fieldsRoot: string; supersedes: string },
    author: string,
    recovered: string,
    signature: string,
    timestamp: number,
  ): Prediction {
    const { recordId, patient, category, supersedes } = record;
    if (recordId.slice(0, 42).toLowerCase() !== patient.toLowerCase()) return fail("RecordInvalidId", recordId, patient);
    if (category >= CATEGORY_COUNT) return fail("RecordInvalidCategory", category);
    if (this.records.has(recordId)) return fail("RecordAlreadyExists", recordId);
    if (recovered !== author) return fail("RecordInvalidSignature", recordId, author, recovered);
    if (author === patient) {
      if (this.role(author) !== Role.Patient) return fail("RecordPatientNotEnrolled", patient);
    } else {
      if (this.role(author) !== Role.Provider) return fail("RecordAuthorNotProvider", author);
      if (this.providerStatus(author) !== ProviderStatus.Active) return fail("RecordProviderNotActive", author);
      const purpose = this.consent(patient, author)?.purpose === Purpose.Emergency ? Purpose.Emergency : Purpose.Treatment;
      if (this.consentDenial(patient, author, category, purpose, timestamp) !== Denial.None) return fail("RecordConsentMissing", patient, author, category);
    }
    const previous = supersedes === ZeroHash ? undefined : this.records.get(supersedes);
    if (supersedes !== ZeroHash) {
      if (supersedes.slice(0, 42).toLowerCase() !== patient.toLowerCase()) return fail("RecordSupersedesOtherPatient", supersedes, patient);
      if (!previous) return fail("RecordSupersedesUnknown", supersedes);
      if (previous.superseded) return fail("RecordAlreadySuperseded", supersedes);
    }
    const events: Event[] = [
      { name: "RecordAppended", args: [recordId, patient, author, category, record.contentHash, record.contentId, record.fieldsRoot, supersedes, signature] },
    ];
    if (previous) events.push({ name: "RecordAmended", args: [supersedes, recordId, author] });
    return ok(events, () => {
      if (previous) previous.superseded = true;
      this.records.set(recordId, { recordId, patient, category, superseded: false });
      const sequence = BigInt("0x" + recordId.slice(42));
      if (sequence >= (this.nextSequence.get(patient) ?? 0n)) this.nextSequence.set(patient, sequence + 1n);
    });
  }

  // ---- Access requests ----

  private issue(ticket: AccessTicket): IssuedTicket {
    return { ...ticket, ticketId: ticketIdOf(this.contract, ticket) };
  }

  private nextTicketNonce = (requester: string) => (this.ticketNonce.get(requester) ?? 0n) + 1n;

  private requesterDenial(requester: string, patient: string): number {
    if (this.role(requester) === Role.None) return Denial.Unregistered;
    if (this.providerStatus(requester) === ProviderStatus.Suspended) return Denial.ProviderSuspended;
    if (this.role(patient) !== Role.Patient) return Denial.PatientNotEnrolled;
    return Denial.None;
  }

  /** requestAccess / requestRecordAccess once the record (if any) is known: AccessRequested, then one outcome. */
  private decide(requester: string, patient: string, recordId: string, category: number, purpose: number, timestamp: number): Prediction {
    const requested: Event = { name: "AccessRequested", args: [patient, requester, recordId, category, purpose] };
    let expiresAt = timestamp + TICKET_TTL;
    let consentVersion = 0;
    if (!(requester === patient && this.role(requester) === Role.Patient)) {
      let reason = this.requesterDenial(requester, patient);
      if (reason === Denial.None) reason = this.consentDenial(patient, requester, category, purpose, timestamp);
      if (reason !== Denial.None) return ok([requested, { name: "AccessDenied", args: [patient, requester, recordId, category, purpose, reason] }]);
      const consent = this.consent(patient, requester)!;
      expiresAt = Math.min(consent.expiresAt, expiresAt);
      consentVersion = consent.version;
    }
    const nonce = this.nextTicketNonce(requester);
    const ticket = this.issue({ requester, patient, recordId, category, purpose, expiresAt: BigInt(expiresAt), nonce, consentVersion: BigInt(consentVersion) });
    return ok(
      [requested, { name: "AccessGranted", args: [patient, requester, ticket.ticketId, recordId, category, purpose, expiresAt, nonce, consentVersion] }],
      () => this.useTicket(ticket),
    );
  }

  private useTicket(ticket: IssuedTicket) {
    this.ticketNonce.set(ticket.requester, ticket.nonce);
    this.touchedAccounts.add(ticket.requester);
    this.tickets.push(ticket);
  }

  predictRequestAccess(requester: string, patient: string, category: number, purpose: number, timestamp: number): Prediction {
    if (category >= CATEGORY_COUNT) return fail("AccessInvalidCategory", category);
    if (purpose === Purpose.None) return fail("AccessInvalidPurpose", purpose);
    return this.decide(requester, patient, ZeroHash, category, purpose, timestamp);
  }

  predictRequestRecordAccess(requester: string, recordId: string, purpose: number, timestamp: number): Prediction {
    if (purpose === Purpose.None) return fail("AccessInvalidPurpose", purpose);
    const record = this.records.get(recordId);
    if (!record) {
      return ok([
        { name: "AccessRequested", args: [ZeroAddress, requester, recordId, 0, purpose] },
        { name: "AccessDenied", args: [ZeroAddress, requester, recordId, 0, purpose, Denial.RecordNotFound] },
      ]);
    }
    return this.decide(requester, record.patient, recordId, record.category, purpose, timestamp);
  }

  predictEmergency(requester: string, patient: string, reasonCode: number, timestamp: number): Prediction {
    if (reasonCode === 0) return fail("AccessEmergencyReasonRequired");
    const requested: Event = { name: "AccessRequested", args: [patient, requester, ZeroHash, ALL_CATEGORIES, Purpose.Emergency] };
    let reason: number = Denial.None;
    if (this.role(requester) === Role.None) reason = Denial.Unregistered;
    else if (this.role(requester) !== Role.Provider) reason = Denial.NotAProvider;
    else if (this.providerStatus(requester) !== ProviderStatus.Active) reason = Denial.ProviderSuspended;
    else if (this.role(patient) !== Role.Patient) reason = Denial.PatientNotEnrolled;
    if (reason !== Denial.None) {
      return ok([requested, { name: "AccessDenied", args: [patient, requester, ZeroHash, ALL_CATEGORIES, Purpose.Emergency, reason] }]);
    }
    const expiresAt = timestamp + EMERGENCY_TTL;
    const nonce = this.nextTicketNonce(requester);
    const ticket = this.issue({
      requester,
      patient,
      recordId: ZeroHash,
      category: ALL_CATEGORIES,
      purpose: Purpose.Emergency,
      expiresAt: BigInt(expiresAt),
      nonce,
      consentVersion: 0n,
    });
    return ok([requested, { name: "EmergencyAccessGranted", args: [patient, requester, ticket.ticketId, reasonCode, expiresAt, nonce] }], () => {
      this.emergencyUntil.set(CareModel.key(patient, requester), expiresAt);
      this.useTicket(ticket);
    });
  }

  // ---- Reads (TICKET_SPEC: every check made again, from storage, at the moment of the read) ----

  predictLogRead(caller: string, terms: AccessTicket, recordId: string, timestamp: number): Prediction {
    const denied = this.unauthorised(caller, this.roleIds.vault);
    if (denied) return denied;
    const ticketId = ticketIdOf(this.contract, terms);
    if (terms.nonce === 0n || terms.nonce > (this.ticketNonce.get(terms.requester) ?? 0n)) return fail("AccessTicketNotIssued", ticketId);
    if (BigInt(timestamp) >= terms.expiresAt) return fail("AccessTicketExpired", ticketId, terms.expiresAt);
    const record = this.records.get(recordId);
    const emergency = terms.purpose === Purpose.Emergency && terms.category === ALL_CATEGORIES;
    const covered =
      record !== undefined &&
      record.patient === terms.patient &&
      (terms.recordId === recordId || (terms.recordId === ZeroHash && (emergency || terms.category === record.category)));
    if (!covered) return fail("AccessRecordNotCovered", ticketId, recordId);
    const reason = this.readerDenial(terms, record.category, emergency, timestamp);
    if (reason !== Denial.None) return fail("AccessReaderNotPermitted", ticketId, reason);
    return ok([{ name: "RecordRead", args: [record.patient, terms.requester, ticketId, recordId] }]);
  }

  private readerDenial(terms: AccessTicket, category: number, emergency: boolean, timestamp: number): number {
    const reader = terms.requester;
    const role = this.role(reader);
    if (reader === terms.patient && role === Role.Patient) return Denial.None;
    if (role === Role.None) return Denial.Unregistered;
    if (emergency) {
      if (role !== Role.Provider) return Denial.NotAProvider;
      if (this.providerStatus(reader) !== ProviderStatus.Active) return Denial.ProviderSuspended;
      const until = this.emergencyUntil.get(CareModel.key(terms.patient, reader));
      if (until === undefined) return Denial.NoConsent;
      if (until <= timestamp) return Denial.ConsentExpired;
      return Denial.None;
    }
    if (this.providerStatus(reader) === ProviderStatus.Suspended) return Denial.ProviderSuspended;
    const reason = this.consentDenial(terms.patient, reader, category, terms.purpose, timestamp);
    if (reason !== Denial.None) return reason;
    if (BigInt(this.consent(terms.patient, reader)!.version) !== terms.consentVersion) return Denial.ConsentReplaced;
    return Denial.None;
  }
}
