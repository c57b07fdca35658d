// Property-based tests: random sequences of grants, revocations, suspensions, appends, access requests and
// clock moves, checked against a reference model of the consent rules and against the contract's own events.
import { expect } from "chai";
import fc from "fast-check";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import { ethers } from "hardhat";
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/signers";
import { appendSigned, Denial, deployRegistered, newRecord, now, Purpose, Role } from "./fixtures";

type ModelConsent = { scope: number; purpose: number; expiresAt: number; version: number; active: boolean };

type Command =
  | { kind: "grant"; patient: number; grantee: number; scope: number; purpose: number; ttl: number }
  | { kind: "revoke"; patient: number; grantee: number }
  | { kind: "suspend" | "reinstate"; provider: number }
  | { kind: "append"; author: number; patient: number; category: number }
  | { kind: "amend"; patient: number; pick: number }
  | { kind: "request"; requester: number; patient: number; category: number; purpose: number }
  | { kind: "wait"; seconds: number };

const PATIENTS = 2; // actors.patient, actors.otherPatient
const GRANTEES = 5; // provider, otherProvider, insurer, researcher, stranger (unregistered)

const commandArb: fc.Arbitrary<Command> = fc.oneof(
  { arbitrary: fc.record({
    kind: fc.constant("grant" as const),
    patient: fc.nat(PATIENTS - 1),
    grantee: fc.nat(GRANTEES - 1),
    scope: fc.integer({ min: 1, max: 63 }),
    purpose: fc.integer({ min: 1, max: 4 }),
    ttl: fc.integer({ min: 1, max: 12 }), // short, so expiry boundaries are hit often
  }), weight: 3 },
  fc.record({ kind: fc.constant("revoke" as const), patient: fc.nat(PATIENTS - 1), grantee: fc.nat(GRANTEES - 1) }),
  fc.record({ kind: fc.constantFrom("suspend" as const, "reinstate" as const), provider: fc.nat(1) }),
  fc.record({ kind: fc.constant("append" as const), author: fc.nat(GRANTEES - 1), patient: fc.nat(PATIENTS - 1), category: fc.nat(5) }),
  { arbitrary: fc.record({
    kind: fc.constant("request" as const),
    requester: fc.nat(GRANTEES - 1),
    patient: fc.nat(PATIENTS - 1),
    category: fc.nat(5),
    purpose: fc.integer({ min: 1, max: 4 }),
  }), weight: 4 },
  fc.record({ kind: fc.constant("amend" as const), patient: fc.nat(PATIENTS - 1), pick: fc.nat(1_000) }),
  fc.record({ kind: fc.constant("wait" as const), seconds: fc.integer({ min: 1, max: 8 }) }),
);

/** The reference model: the consent rules as the README states them, written independently of the contract. */
class ConsentModel {
  consents = new Map<string, ModelConsent>();
  suspended = new Set<number>();
  constructor(private readonly granteeRoles: number[]) {}

  key = (patient: number, grantee: number) => `${patient}:${grantee}`;

  canGrant(grantee: number): boolean {
    return this.granteeRoles[grantee] !== Role.None && !this.suspended.has(grantee);
  }

  denial(patient: number, grantee: number, category: number, purpose: number, timestamp: number): number {
    if (this.granteeRoles[grantee] === Role.None) return Denial.Unregistered;
    if (this.suspended.has(grantee)) return Denial.ProviderSuspended;
    const consent = this.consents.get(this.key(patient, grantee));
    if (!consent) return Denial.NoConsent;
    if (!consent.active) return Denial.ConsentRevoked;
    if (consent.expiresAt <= timestamp) return Denial.ConsentExpired;
    if (consent.purpose !== purpose) return Denial.PurposeNotGranted;
    if ((consent.scope & (1 << category)) === 0) return Denial.CategoryNotInScope;
    return Denial.None;
  }

  canWrite(patient: number, author: number, category: number, timestamp: number): boolean {
    if (this.granteeRoles[author] !== Role.Provider || this.suspended.has(author)) return false;
    const purpose = this.consents.get(this.key(patient, author))?.purpose === Purpose.Emergency ? Purpose.Emergency : Purpose.Treatment;
    return this.denial(patient, author, category, purpose, timestamp) === Denial.None;
  }
}

describe("CareTrail properties", () => {
  it("matches the reference model and keeps its invariants over random command sequences", async function () {
    this.timeout(600_000);
    await fc.assert(
      fc.asyncProperty(fc.array(commandArb, { minLength: 1, maxLength: 25 }), async (commands) => {
        const { careTrail, actors } = await loadFixture(deployRegistered);
        const patients = [actors.patient, actors.otherPatient];
        const grantees: HardhatEthersSigner[] = [actors.provider, actors.otherProvider, actors.insurer, actors.researcher, actors.stranger];
        const model = new ConsentModel([Role.Provider, Role.Provider, Role.Insurer, Role.Researcher, Role.None]);
        const startBlock = await ethers.provider.getBlockNumber();
        let requests = 0;
        // Every record appended, with whether the model says it has been amended.
        const records: { recordId: string; patient: number; category: number; superseded: boolean }[] = [];

        for (const command of commands) {
          const timestamp = (await now()) + 1;
          await time.setNextBlockTimestamp(timestamp);
          switch (command.kind) {
            case "grant": {
              const expiresAt = timestamp + command.ttl;
              const call = careTrail
                .connect(patients[command.patient]!)
                .grantConsent(grantees[command.grantee]!.address, command.scope, command.purpose, expiresAt);
              if (model.canGrant(command.grantee)) {
                await call;
                const key = model.key(command.patient, command.grantee);
                const version = (model.consents.get(key)?.version ?? 0) + 1;
                model.consents.set(key, { scope: command.scope, purpose: command.purpose, expiresAt, version, active: true });
              } else {
                await expect(call).to.be.reverted;
              }
              break;
            }
            case "revoke": {
              const key = model.key(command.patient, command.grantee);
              const consent = model.consents.get(key);
              const call = careTrail.connect(patients[command.patient]!).revokeConsent(grantees[command.grantee]!.address);
              if (consent?.active) {
                await call;
                model.consents.set(key, { ...consent, active: false, version: consent.version + 1 });
              } else {
                await expect(call).to.be.revertedWithCustomError(careTrail, "ConsentNotActive");
              }
              break;
            }
            case "suspend":
            case "reinstate": {
              const isSuspended = model.suspended.has(command.provider);
              const provider = grantees[command.provider]!.address;
              if ((command.kind === "suspend") === isSuspended) {
                await expect(command.kind === "suspend" ? careTrail.suspendProvider(provider, 1) : careTrail.reinstateProvider(provider)).to.be.reverted;
              } else if (command.kind === "suspend") {
                await careTrail.suspendProvider(provider, 1);
                model.suspended.add(command.provider);
              } else {
                await careTrail.reinstateProvider(provider);
                model.suspended.delete(command.provider);
              }
              break;
            }
            case "append": {
              const record = newRecord(patients[command.patient]!.address, command.category);
              const call = appendSigned(careTrail, grantees[command.author]!, record);
              if (model.canWrite(command.patient, command.author, command.category, timestamp)) {
                await call;
                records.push({ recordId: record.recordId, patient: command.patient, category: command.category, superseded: false });
              } else {
                await expect(call).to.be.reverted;
              }
              break;
            }
            case "amend": {
              const own = records.filter((r) => r.patient === command.patient);
              if (own.length === 0) break;
              const previous = own[command.pick % own.length]!;
              const amendment = newRecord(patients[command.patient]!.address, previous.category, previous.recordId);
              const call = appendSigned(careTrail, patients[command.patient]!, amendment);
              if (previous.superseded) {
                await expect(call).to.be.revertedWithCustomError(careTrail, "RecordAlreadySuperseded");
              } else {
                await call;
                previous.superseded = true;
                records.push({ recordId: amendment.recordId, patient: command.patient, category: previous.category, superseded: false });
              }
              break;
            }
            case "request": {
              requests++;
              const requester = grantees[command.requester]!;
              const tx = careTrail.connect(requester).requestAccess(patients[command.patient]!.address, command.category, command.purpose);
              const expected = model.denial(command.patient, command.requester, command.category, command.purpose, timestamp);
              if (expected === Denial.None) await expect(tx).to.emit(careTrail, "AccessGranted");
              else await expect(tx).to.emit(careTrail, "AccessDenied").withArgs(patients[command.patient]!.address, requester.address, ethers.ZeroHash, command.category, command.purpose, expected);
              break;
            }
            case "wait":
              await time.increase(command.seconds);
              break;
          }
        }

        const logs = await careTrail.queryFilter("*" as never, startBlock + 1);
        const names = logs.map((log) => careTrail.interface.parseLog(log)?.name);
        const count = (name: string) => names.filter((n) => n === name).length;
        // Every attempt produced exactly one outcome.
        expect(count("AccessRequested")).to.equal(requests);
        expect(count("AccessGranted") + count("AccessDenied") + count("EmergencyAccessGranted")).to.equal(requests);

        // Record storage agrees with the model: patient, category and amendment flags.
        for (const record of records) {
          expect(await careTrail.recordOf(record.recordId)).to.deep.equal([
            patients[record.patient]!.address,
            BigInt(record.category),
            record.superseded,
          ]);
        }

        // Consent state equals what replaying the events gives.
        const replayed = new Map<string, { scope: bigint; purpose: bigint; expiresAt: bigint; version: bigint; active: boolean }>();
        for (const log of logs) {
          const parsed = careTrail.interface.parseLog(log)!;
          if (parsed.name === "ConsentGranted") {
            const [patient, grantee, scope, purpose, expiresAt, version] = parsed.args;
            replayed.set(`${patient}:${grantee}`, { scope, purpose, expiresAt, version, active: true });
          } else if (parsed.name === "ConsentRevoked") {
            const [patient, grantee, version] = parsed.args;
            const previous = replayed.get(`${patient}:${grantee}`)!;
            replayed.set(`${patient}:${grantee}`, { ...previous, version, active: false });
          }
        }
        for (const patient of patients) {
          for (const grantee of grantees) {
            const onChain = await careTrail.consentOf(patient.address, grantee.address);
            const fromEvents = replayed.get(`${patient.address}:${grantee.address}`);
            if (!fromEvents) {
              expect(onChain.version).to.equal(0n);
              continue;
            }
            expect([onChain.scope, onChain.purpose, onChain.expiresAt, onChain.version, onChain.active]).to.deep.equal([
              fromEvents.scope,
              fromEvents.purpose,
              fromEvents.expiresAt,
              fromEvents.version,
              fromEvents.active,
            ]);
          }
        }
      }),
      { numRuns: Number(process.env.PROPERTY_RUNS ?? 150) },
    );
  });
});
