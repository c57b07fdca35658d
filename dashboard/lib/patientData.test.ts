import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ticketsForRecord, ticketView } from "./patientData";
import { latestRecords } from "./providerData";

const DOCTOR = "0x00000000000000000000000000000000000000d0";

describe("who holds a live ticket", () => {
  const ticket = (overrides: Partial<Parameters<typeof ticketView>[0]>) =>
    ticketView({
      id: "t",
      grantee: DOCTOR,
      granteeRole: "PROVIDER",
      recordId: null,
      category: 2,
      purpose: "TREATMENT",
      emergency: false,
      expiresAt: "2026-12-01T12:30:00Z",
      issuedAt: "2026-12-01T11:30:00Z",
      state: "LIVE",
      voidReason: null,
      voidedAt: null,
      voidedByTx: null,
      ...overrides,
    });

  it("names the holder and shows an emergency ticket as covering every category", () => {
    assert.equal(ticket({}).holder, DOCTOR);
    assert.equal(ticket({ emergency: true, category: 255 }).category, null);
  });

  it("matches tickets to the records they reach", () => {
    const tickets = [ticket({}), ticket({ recordId: "0xr2", category: 1 }), ticket({ emergency: true, category: 255 })];
    assert.equal(ticketsForRecord(tickets, { id: "0xr1", category: 2 }).length, 2, "its category's ticket and the emergency one");
    assert.equal(ticketsForRecord(tickets, { id: "0xr2", category: 1 }).length, 2, "its own ticket and the emergency one");
  });
});

describe("a provider's records", () => {
  it("lists the newest version of each record only", () => {
    const zero = `0x${"0".repeat(64)}`;
    const records = [
      { id: "0xA", category: 1, author: DOCTOR, supersedes: zero },
      { id: "0xB", category: 1, author: DOCTOR, supersedes: "0xa" },
      { id: "0xC", category: 0, author: DOCTOR, supersedes: zero },
    ];
    assert.deepEqual(
      latestRecords(records).map((record) => record.id),
      ["0xB", "0xC"],
    );
  });
});
