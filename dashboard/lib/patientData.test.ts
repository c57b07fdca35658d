import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { liveTicketsOf, ticketsForRecord } from "./patientData";
import { latestRecords } from "./providerData";
import type { AccessEvent, ConsentVersion } from "./types";

const PATIENT = "0x00000000000000000000000000000000000000aa";
const DOCTOR = "0x00000000000000000000000000000000000000d0";
const NOW = Date.parse("2026-12-01T12:00:00Z");
const at = (block: number) => ({ blockNumber: block, blockTimestamp: "2026-12-01T11:30:00Z", txHash: "0x1", logIndex: 0 });

function grant(overrides: Partial<AccessEvent>): AccessEvent {
  return { id: "e", kind: "GRANT", outcome: "GRANTED", patient: PATIENT, actor: DOCTOR, actorRole: "PROVIDER", purpose: "TREATMENT", category: 2, recordId: null,
    denialReason: null, emergencyReasonCode: null, expiresAt: "2026-12-01T12:30:00Z", position: at(10), ...overrides };
}
const revoke = (block: number): ConsentVersion => ({ patient: PATIENT, grantee: DOCTOR, version: 2, action: "REVOKED", scope: 4, purpose: "TREATMENT", expiresAt: "2027-01-01T00:00:00Z", viaSignature: false, position: at(block) });

describe("who holds a live ticket", () => {
  it("keeps unexpired grants and drops expired ones", () => {
    assert.equal(liveTicketsOf([grant({}), grant({ expiresAt: "2026-12-01T11:59:00Z" })], [], NOW).length, 1);
  });

  it("drops a grant whose consent changed after it (the chain voids it), but not an emergency grant", () => {
    assert.equal(liveTicketsOf([grant({})], [revoke(11)], NOW).length, 0);
    assert.equal(liveTicketsOf([grant({})], [revoke(9)], NOW).length, 1, "a change before the grant does not void it");
    assert.equal(liveTicketsOf([grant({ kind: "EMERGENCY", category: 255 })], [revoke(11)], NOW)[0]?.emergency, true);
  });

  it("matches tickets to the records they reach", () => {
    const tickets = liveTicketsOf([grant({}), grant({ recordId: "0xr2", category: 1 }), grant({ kind: "EMERGENCY" })], [], NOW);
    assert.equal(ticketsForRecord(tickets, { id: "0xr1", category: 2 }).length, 2, "its category's ticket and the emergency one");
    assert.equal(ticketsForRecord(tickets, { id: "0xr2", category: 1 }).length, 2, "its own ticket and the emergency one");
  });
});

describe("a provider's records", () => {
  it("lists the newest version of each record only", () => {
    const zero = `0x${"0".repeat(64)}`;
    const records = [{ id: "0xA", category: 1, author: DOCTOR, supersedes: zero }, { id: "0xB", category: 1, author: DOCTOR, supersedes: "0xa" }, { id: "0xC", category: 0, author: DOCTOR, supersedes: zero }];
    assert.deepEqual(latestRecords(records).map((record) => record.id), ["0xB", "0xC"]);
  });
});
