// The demo quarter, day by day: enrolment, consents (some signed and relayed, some revoked, some
// expiring), visits with access requests and signed, encrypted records of every type, insurance
// claims, denials, an unregistered party probing, emergencies, a suspension, an amendment chain and
// vault reads. A model of consent state decides each step so that nothing the story sends reverts.
import { Interface, keccak256, toUtf8Bytes, type Log } from "ethers";
import {
  accessTicketOf,
  type AccessTicket,
  careTrailAbi,
  createRecord,
  exampleResources,
  Purpose,
  recordIdFor,
  RecordCategory,
  Role,
  scopeOf,
  sealRecord,
  signConsentGrant,
  signRecordBundle,
  ZERO_BYTES32,
  type Deployment,
  type ExampleName,
  type Hex,
  type OpenedRecord,
  type RecordBundle,
} from "@caretrail/sdk";
import type { BlockWriter } from "./blockWriter.js";
import type { Cast, Member } from "./cast.js";
import type { SeededRandom } from "./random.js";

const DAY = 86_400;
const HOUR = 3_600;
const careTrail = new Interface(careTrailAbi);

type Consent = { scope: number; purpose: number; expiresAt: number; active: boolean };
const covers = (consent: Consent, category: number) => (consent.scope & (1 << category)) !== 0;
export type SeededRecord = { bundle: RecordBundle; opened: OpenedRecord; author: Member; patient: Member; day: number };
type Action = { hour: number; run: (timestamp: number) => Promise<void> | void };

export type StoryResult = { records: SeededRecord[]; accessRequests: number; emergencies: number; reads: number; revocations: number };

/** How long after its grant a reader fetches the blob (less than a minute, so before the next hour's block). */
const READ_DELAY_SECONDS = 30;

/**
 * The story's key days for a demo of `days` days. Enrolment (every consent) comes first, spread over up to
 * ten days, and the provider's suspension only after it, so no consent is ever granted to a suspended
 * provider. A 90-day quarter keeps its original calendar (enrolment on days 1-10, suspension on day 40,
 * reinstatement on day 54, a visit on 8% of days); a short demo gives each patient about two visits.
 */
export function storyCalendar(days: number): { enrolmentDays: number; suspensionDay: number; reinstatementDay: number; visitChance: number } {
  const enrolmentDays = Math.max(1, Math.min(10, Math.floor((days - 1) / 3)));
  const suspensionDay = Math.max(Math.floor(days * 0.45), enrolmentDays + 1);
  const reinstatementDay = Math.max(Math.floor(days * 0.6), suspensionDay + 1);
  const visitChance = Math.max(0.08, Math.min(0.5, 2 / Math.max(1, days - 1 - enrolmentDays)));
  return { enrolmentDays, suspensionDay, reinstatementDay, visitChance };
}

export class DemoStory {
  private readonly consents = new Map<string, Consent>();
  private readonly sequences = new Map<string, bigint>();
  private readonly suspended = new Set<string>();
  private readonly consentNonces = new Map<string, bigint>();
  private readonly pendingReads: { ticket: AccessTicket; recordId: string }[] = [];
  readonly result: StoryResult = { records: [], accessRequests: 0, emergencies: 0, reads: 0, revocations: 0 };

  constructor(
    private readonly cast: Cast,
    private readonly writer: BlockWriter,
    private readonly random: SeededRandom,
    private readonly deployment: Deployment,
  ) {}

  private call(member: Member, method: string, args: unknown[]): void {
    this.writer.add(member.wallet, { to: this.deployment.address, data: careTrail.encodeFunctionData(method, args) }, `${member.name}: ${method}`);
  }

  private consentOf(patient: Member, grantee: Member): Consent | undefined {
    return this.consents.get(`${patient.wallet.address}|${grantee.wallet.address}`);
  }

  private isLive(consent: Consent | undefined, timestamp: number): consent is Consent {
    return consent !== undefined && consent.active && consent.expiresAt > timestamp;
  }

  /** Whether `insurer` may check `record` at `timestamp`: a live payment consent from its patient that covers it. */
  insurerMayCheck(record: SeededRecord, insurer: Member, timestamp: number): boolean {
    const consent = this.consentOf(record.patient, insurer);
    return this.isLive(consent, timestamp) && consent.purpose === Purpose.Payment && covers(consent, record.bundle.record.category);
  }

  /** Day 0: everyone registers. */
  setUp(): void {
    const { governance, vault, patients, providers, insurers, auditors, researchers } = this.cast;
    for (const patient of patients) this.call(patient, "enrolPatient", [patient.encryptionPublicKey]);
    for (const provider of providers) {
      this.call(governance, "credentialProvider", [provider.wallet.address, keccak256(toUtf8Bytes(`demo-licence:${provider.name}`)), provider.specialty!.code]);
    }
    const thirdParties: [Member[], number][] = [
      [insurers, Role.Insurer],
      [auditors, Role.Auditor],
      [researchers, Role.Researcher],
    ];
    for (const [members, role] of thirdParties) for (const member of members) this.call(governance, "registerThirdParty", [member.wallet.address, role]);
    for (const member of [...providers, ...insurers, ...researchers]) this.call(member, "setEncryptionKey", [member.encryptionPublicKey]);
    this.call(governance, "grantRole", [keccak256(toUtf8Bytes("VAULT_ROLE")), vault.wallet.address]);
  }

  private grant(patient: Member, grantee: Member, scope: number, purpose: number, expiresAt: number, signed: boolean): Action["run"] {
    return async () => {
      // The chain refuses a consent to a suspended provider (ConsentGranteeSuspended).
      if (!this.canWrite(grantee)) return;
      if (signed) {
        const nonce = this.consentNonces.get(patient.wallet.address) ?? 0n;
        this.consentNonces.set(patient.wallet.address, nonce + 1n);
        const deadline = BigInt(expiresAt);
        const grant = {
          patient: patient.wallet.address as Hex,
          grantee: grantee.wallet.address as Hex,
          scope,
          purpose,
          expiresAt: BigInt(expiresAt),
          nonce,
          deadline,
        };
        const signature = await signConsentGrant({
          signer: patient.wallet,
          grant,
          chainId: this.deployment.chainId,
          verifyingContract: this.deployment.address,
        });
        this.call(this.cast.vault, "grantConsentBySig", [grant.patient, grant.grantee, scope, purpose, grant.expiresAt, deadline, signature]);
      } else {
        this.call(patient, "grantConsent", [grantee.wallet.address, scope, purpose, expiresAt]);
      }
      this.consents.set(`${patient.wallet.address}|${grantee.wallet.address}`, { scope, purpose, expiresAt, active: true });
    };
  }

  private async append(
    author: Member,
    patient: Member,
    example: ExampleName,
    day: number,
    timestamp: number,
    supersedes?: Hex,
    extraReaders: Member[] = [],
  ): Promise<SeededRecord> {
    const { category, resource } = exampleResources[example];
    const sequence = this.sequences.get(patient.wallet.address) ?? 0n;
    this.sequences.set(patient.wallet.address, sequence + 1n);
    const record = createRecord({
      patient: patient.wallet.address,
      category,
      resource: this.vary(resource, timestamp),
      supersedes,
      recordId: recordIdFor(patient.wallet.address, sequence),
    });
    const recipients = [patient, author, ...extraReaders].map((member) => member.encryptionPublicKey);
    const { bundle, opened } = sealRecord({ record, recipients });
    const signed = await signRecordBundle({ bundle, signer: author.wallet, chainId: this.deployment.chainId, verifyingContract: this.deployment.address });
    this.call(this.cast.vault, "appendRecord", [signed.record, signed.authorSignature!.author, signed.authorSignature!.signature]);
    const seeded = { bundle: signed, opened, author, patient, day };
    this.result.records.push(seeded);
    return seeded;
  }

  /** The example resource with this visit's date and plausible values. */
  private vary<T>(resource: T, timestamp: number): T {
    const copy = structuredClone(resource) as Record<string, unknown>;
    const at = new Date(timestamp * 1000).toISOString().replace(/\.\d{3}Z$/, "Z");
    for (const key of ["effectiveDateTime", "issued", "date"]) if (key in copy) copy[key] = at;
    if ("authoredOn" in copy) copy.authoredOn = at.slice(0, 10);
    if ("onsetDateTime" in copy) copy.onsetDateTime = at.slice(0, 10);
    const quantity = copy.valueQuantity as { value: number; code: string } | undefined;
    if (quantity?.code === "Cel") quantity.value = this.random.around(37.4, 1.3);
    if (quantity?.code === "mg/dL") quantity.value = Math.round(this.random.around(110, 35, 0));
    if (typeof copy.valueInteger === "number") copy.valueInteger = this.random.int(0, 10);
    return copy as T;
  }

  private request(requester: Member, patient: Member, category: number, purpose: number): void {
    this.call(requester, "requestAccess", [patient.wallet.address, category, purpose]);
    this.result.accessRequests++;
  }

  /** The actions of one patient visit to their primary provider. */
  private visit(patient: Member, primary: Member, insurer: Member | undefined, day: number): Action {
    const afterHours = this.random.chance(0.06);
    const hour = afterHours ? this.random.pick([1, 2, 3, 22, 23]) : this.random.int(8, 17);
    const examples: ExampleName[] = [this.random.pick(["temperature", "bloodPressure", "glucose", "pain"] as const)];
    if (this.random.chance(0.3)) examples.push("diagnosis");
    if (this.random.chance(0.25)) examples.push("prescription");
    if (this.random.chance(0.2)) examples.push("labReport");
    const claim = insurer !== undefined && this.random.chance(0.6);
    return {
      hour,
      run: async (timestamp) => {
        if (!this.isLive(this.consentOf(patient, primary), timestamp)) return;
        this.request(primary, patient, RecordCategory.Vitals, Purpose.Treatment);
        // A suspended provider's request is denied on-chain, and it writes nothing.
        if (!this.canWrite(primary)) return;
        for (const example of examples) {
          const category = exampleResources[example].category;
          if (!covers(this.consentOf(patient, primary)!, category)) continue;
          const insurerConsent = claim ? this.consentOf(patient, insurer) : undefined;
          const insurerReads = this.isLive(insurerConsent, timestamp) ? [insurer!] : [];
          const record = await this.append(primary, patient, example, day, timestamp, undefined, insurerReads);
          if (insurerReads.length && covers(insurerConsent!, category)) {
            this.call(insurer!, "requestRecordAccess", [record.bundle.record.recordId, Purpose.Payment]);
            this.result.accessRequests++;
          }
        }
      },
    };
  }

  private canWrite(provider: Member): boolean {
    return !this.suspended.has(provider.wallet.address);
  }

  /** Days 1..days-1. */
  async play(days: number, startTimestamp: number): Promise<void> {
    const { patients, providers, insurers, researchers, strangers } = this.cast;
    const radiologists = providers.filter((p) => p.specialty!.name === "Radiology");
    const emergencyDoctors = providers.filter((p) => p.specialty!.name === "Emergency medicine");
    const primaryOf = (i: number) => providers[i % providers.length]!;
    const insurerOf = (i: number) => (i % 5 < 3 ? insurers[i % insurers.length] : undefined);
    const suspendedProvider = providers[providers.length - 1]!;
    const emergencyDays = new Set([Math.floor(days * 0.2), Math.floor(days * 0.55), Math.floor(days * 0.85)]);
    const calendar = storyCalendar(days);
    const amendedPatient = patients[0]!;
    let amendChain: Hex | undefined;

    for (let day = 1; day < days; day++) {
      const dayStart = startTimestamp + day * DAY;
      const actions: Action[] = [];
      patients.forEach((patient, i) => {
        const enrolDay = 1 + (i % calendar.enrolmentDays);
        if (day === enrolDay) {
          const treatmentScope = scopeOf(RecordCategory.Vitals, RecordCategory.Notes, RecordCategory.Labs, RecordCategory.Prescriptions);
          actions.push({
            hour: 9,
            run: this.grant(patient, primaryOf(i), treatmentScope, Purpose.Treatment, dayStart + this.random.int(75, 150) * DAY, false),
          });
          const insurer = insurerOf(i);
          if (insurer) {
            const scope = scopeOf(RecordCategory.Labs, RecordCategory.Prescriptions, RecordCategory.Notes);
            actions.push({ hour: 11, run: this.grant(patient, insurer, scope, Purpose.Payment, dayStart + this.random.int(25, 120) * DAY, i % 4 === 0) });
          }
          if (radiologists.length && i % 3 === 0) {
            actions.push({
              hour: 14,
              run: this.grant(
                patient,
                this.random.pick(radiologists),
                scopeOf(RecordCategory.Imaging),
                Purpose.Treatment,
                dayStart + this.random.int(10, 40) * DAY,
                false,
              ),
            });
          }
          if (i % 7 === 0) {
            actions.push({
              hour: 16,
              run: this.grant(patient, researchers[0]!, scopeOf(RecordCategory.Vitals), Purpose.Research, dayStart + 120 * DAY, false),
            });
          }
        }
        if (day > enrolDay && this.random.chance(calendar.visitChance)) {
          actions.push(this.visit(patient, primaryOf(i), insurerOf(i), day));
        }
      });

      // Imaging: radiologists with consent read and file a chest X-ray now and then.
      for (const patient of patients) {
        for (const radiologist of radiologists) {
          if (!this.random.chance(0.01)) continue;
          actions.push({
            hour: this.random.int(9, 16),
            run: async (timestamp) => {
              this.request(radiologist, patient, RecordCategory.Imaging, Purpose.Treatment);
              const consent = this.consentOf(patient, radiologist);
              if (this.canWrite(radiologist) && this.isLive(consent, timestamp) && covers(consent, RecordCategory.Imaging)) {
                await this.append(radiologist, patient, "chestXray", day, timestamp);
              }
            },
          });
        }
      }

      // Denials: providers without consent, insurers out of scope, researchers after revocation, strangers probing.
      if (this.random.chance(0.4)) {
        actions.push({
          hour: this.random.int(8, 18),
          run: () => this.request(this.random.pick(providers), this.random.pick(patients), RecordCategory.Sensitive, Purpose.Treatment),
        });
      }
      if (this.random.chance(0.25)) {
        actions.push({
          hour: this.random.int(8, 18),
          run: () => this.request(this.random.pick(insurers), this.random.pick(patients), RecordCategory.Imaging, Purpose.Payment),
        });
      }
      if (this.random.chance(0.15)) {
        actions.push({
          hour: this.random.pick([2, 3, 4, 23]),
          run: () => this.request(this.random.pick(strangers), this.random.pick(patients), this.random.int(0, 5), Purpose.Research),
        });
      }
      if (this.random.chance(0.2)) {
        actions.push({ hour: 15, run: () => this.request(researchers[0]!, this.random.pick(patients), RecordCategory.Vitals, Purpose.Research) });
      }

      // Revocations through the middle of the quarter.
      if (day > days * 0.3 && day < days * 0.8 && this.random.chance(0.3)) {
        const patient = this.random.pick(patients);
        const grantee = this.random.pick([...insurers, ...researchers]);
        actions.push({
          hour: 20,
          run: (timestamp) => {
            const consent = this.consentOf(patient, grantee);
            if (!consent?.active) return;
            this.call(patient, "revokeConsent", [grantee.wallet.address]);
            consent.active = false;
            this.result.revocations++;
            if (consent.expiresAt > timestamp) this.request(grantee, patient, RecordCategory.Vitals, Purpose.Research);
          },
        });
      }

      if (emergencyDays.has(day) && emergencyDoctors.length) {
        actions.push({
          hour: this.random.pick([2, 4, 19]),
          run: () => {
            this.call(this.random.pick(emergencyDoctors), "requestEmergencyAccess", [this.random.pick(patients).wallet.address, this.random.int(1, 3)]);
            this.result.accessRequests++;
            this.result.emergencies++;
          },
        });
      }

      if (day === calendar.suspensionDay) {
        actions.push({
          hour: 8,
          run: () => {
            this.call(this.cast.governance, "suspendProvider", [suspendedProvider.wallet.address, 1]);
            this.suspended.add(suspendedProvider.wallet.address);
          },
        });
      }
      if (day === calendar.reinstatementDay) {
        actions.push({
          hour: 8,
          run: () => {
            this.call(this.cast.governance, "reinstateProvider", [suspendedProvider.wallet.address]);
            this.suspended.delete(suspendedProvider.wallet.address);
          },
        });
      }

      // One diagnosis amended twice: the provenance chain auditors look at.
      if (day === 12 || day === 26 || day === 40) {
        actions.push({
          hour: 13,
          run: async (timestamp) => {
            const author = primaryOf(0);
            if (!this.isLive(this.consentOf(amendedPatient, author), timestamp) || !this.canWrite(author)) return;
            const record = await this.append(author, amendedPatient, "diagnosis", day, timestamp, amendChain ?? ZERO_BYTES32);
            amendChain = record.bundle.record.recordId;
          },
        });
      }

      await this.runDay(actions, dayStart);
    }
  }

  private async runDay(actions: Action[], dayStart: number): Promise<void> {
    actions.sort((a, b) => a.hour - b.hour);
    const hours = [...new Set(actions.map((action) => action.hour))];
    for (const hour of hours) {
      const timestamp = dayStart + hour * HOUR + this.random.int(0, 59) * 60;
      for (const action of actions.filter((a) => a.hour === hour)) await action.run(timestamp);
      this.collectTickets(await this.writer.mineAt(timestamp));
      // Readers fetch the blob half a minute after their grant: before the next hour's actions, while the ticket,
      // the consent and the reader's standing still hold (the chain re-checks all three when the read is logged).
      if (this.queueReads(timestamp + READ_DELAY_SECONDS) > 0) await this.writer.mineAt(timestamp + READ_DELAY_SECONDS);
    }
  }

  /** Granted tickets become vault reads in the block after, as a reader would fetch the blob. */
  private collectTickets(logs: Log[]): void {
    for (const log of logs) {
      const parsed = careTrail.parseLog(log);
      if (parsed?.name === "AccessGranted" && this.random.chance(0.8)) {
        const ticket = accessTicketOf(parsed);
        const target = ticket.recordId !== ZERO_BYTES32 ? ticket.recordId : this.latestRecord(ticket.patient, ticket.category);
        if (target) this.pendingReads.push({ ticket, recordId: target });
      }
    }
  }

  private latestRecord(patient: string, category: number): string | undefined {
    const own = this.result.records.filter((r) => r.patient.wallet.address === patient && r.bundle.record.category === category);
    return own.at(-1)?.bundle.record.recordId;
  }

  /** Queues the pending reads that the chain will allow at `timestamp`; returns how many. */
  private queueReads(timestamp: number): number {
    let queued = 0;
    for (const { ticket, recordId } of this.pendingReads.splice(0)) {
      if (!this.readAllowed(ticket, timestamp)) continue;
      this.call(this.cast.vault, "logRead", [ticket, recordId]);
      this.result.reads++;
      queued++;
    }
    return queued;
  }

  private readAllowed(ticket: AccessTicket, timestamp: number): boolean {
    if (ticket.expiresAt <= BigInt(timestamp) || this.suspended.has(ticket.requester)) return false;
    if (ticket.requester === ticket.patient) return true;
    const consent = this.consents.get(`${ticket.patient}|${ticket.requester}`);
    return this.isLive(consent, timestamp);
  }
}
