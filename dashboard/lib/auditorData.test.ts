import assert from "node:assert/strict";
import { test } from "node:test";
import type { ConsentToMe } from "./apiShapes.ts";
import { nameAddresses, offsetParam, uploadPeople } from "./auditorData.ts";
import { consentStanding } from "./insurerData.ts";

const doctor = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
const names = { [doctor.toLowerCase()]: "Dr. Cardiology" };

test("nameAddresses names known addresses and keeps them; unknown ones and longer hex stay as they are", () => {
  assert.equal(nameAddresses(`recovers to the on-chain author ${doctor}`, names), `recovers to the on-chain author Dr. Cardiology (${doctor})`);
  const stranger = "0x1111111111111111111111111111111111111111";
  assert.equal(nameAddresses(`by ${stranger}`, names), `by ${stranger}`);
  const hash = `0x${"ab".repeat(32)}`;
  assert.equal(nameAddresses(hash, names), hash);
});

test("uploadPeople names the author and patient of an uploaded file", () => {
  assert.deepEqual(uploadPeople({ authorSignature: { author: doctor }, record: { patient: "0x2222222222222222222222222222222222222222" } }, names), {
    author: `Dr. Cardiology (${doctor})`,
    patient: "0x2222…2222",
  });
  assert.deepEqual(uploadPeople(null, names), { author: undefined, patient: undefined });
});

test("offsetParam accepts whole numbers only", () => {
  assert.equal(offsetParam("40"), 40);
  for (const bad of [undefined, "", "-1", "1.5", "abc", "99999999999", ["3"]]) assert.equal(offsetParam(bad), 0);
});

test("consentStanding says why a consent opens records or no longer does", () => {
  const base: ConsentToMe = {
    patient: doctor,
    scope: 1 << 2,
    purpose: "PAYMENT",
    expiresAt: "2026-12-24T10:00:00Z",
    live: true,
    revoked: false,
    updatedAt: "2026-11-02T09:00:00Z",
    records: [],
  };
  assert.match(consentStanding(base), /^payment consent for .+ until 2026-12-24 10:00 UTC$/);
  assert.equal(consentStanding({ ...base, live: false }), "the payment consent expired on 2026-12-24 10:00 UTC");
  assert.equal(consentStanding({ ...base, live: false, revoked: true }), "the patient revoked the payment consent on 2026-11-02 09:00 UTC");
});
