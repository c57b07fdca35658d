import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { ContractTransactionResponse } from "ethers";
import { createRecord } from "../record/careRecord.js";
import { exampleResources } from "../record/exampleResources.js";
import { sealRecord } from "../record/sealRecord.js";
import { signRecordBundle } from "../signing/signRecordBundle.js";
import { startCareTrailFixture, type CareTrailFixture } from "../testing/careTrailFixture.js";
import { accessTicketOf, NotATicketEventError, ticketIdOf } from "./accessTicket.js";
import { ALL_CATEGORIES, Purpose, RecordCategory } from "./careTypes.js";

let fx: CareTrailFixture;
let recordId: string;
before(async () => {
  fx = await startCareTrailFixture();
  await (await fx.as(fx.governance).grantRole(await fx.as(fx.governance).VAULT_ROLE(), fx.stranger.address)).wait();
  const record = createRecord({ patient: fx.patient.address, ...exampleResources.bloodPressure });
  const sealed = sealRecord({ record, recipients: [fx.patientKeys.publicKey] });
  const bundle = await signRecordBundle({ bundle: sealed.bundle, signer: fx.doctor, chainId: fx.deployment.chainId, verifyingContract: fx.deployment.address });
  await fx.append(bundle);
  recordId = bundle.record.recordId;
});
after(async () => fx?.stop());

async function ticketEventOf(tx: Promise<ContractTransactionResponse>) {
  const receipt = await (await tx).wait();
  const contract = fx.as(fx.stranger);
  const event = receipt!.logs.map((log) => contract.interface.parseLog(log)).find((parsed) => parsed?.name.endsWith("Granted"));
  assert.ok(event, "no ticket event");
  return event;
}

describe("accessTicketOf / ticketIdOf", () => {
  it("rebuild a consented ticket exactly as the chain derives its id, and logRead accepts it", async () => {
    const event = await ticketEventOf(fx.as(fx.doctor).requestAccess(fx.patient.address, RecordCategory.Vitals, Purpose.Treatment));
    const ticket = accessTicketOf(event);
    assert.equal(ticket.requester, fx.doctor.address);
    assert.equal(ticket.consentVersion, 1n);
    assert.equal(ticketIdOf(fx.deployment.address, ticket), event.args.ticketId);
    const vault = fx.as(fx.stranger);
    await vault.logRead.staticCall(ticket, recordId);
  });

  it("rebuild an emergency ticket (every category, purpose Emergency, consent version 0)", async () => {
    const event = await ticketEventOf(fx.as(fx.otherDoctor).requestEmergencyAccess(fx.patient.address, 1));
    const ticket = accessTicketOf(event);
    assert.equal(ticket.category, ALL_CATEGORIES);
    assert.equal(ticket.purpose, Purpose.Emergency);
    assert.equal(ticketIdOf(fx.deployment.address, ticket), event.args.ticketId);
    await fx.as(fx.stranger).logRead.staticCall(ticket, recordId);
  });

  it("gives another id for other terms, and refuses events that issue no ticket", async () => {
    const event = await ticketEventOf(fx.as(fx.doctor).requestAccess(fx.patient.address, RecordCategory.Vitals, Purpose.Treatment));
    const ticket = accessTicketOf(event);
    assert.notEqual(ticketIdOf(fx.deployment.address, { ...ticket, expiresAt: ticket.expiresAt + 1n }), event.args.ticketId);
    assert.notEqual(ticketIdOf(fx.stranger.address, ticket), event.args.ticketId);
    assert.throws(() => accessTicketOf({ name: "AccessDenied", args: {} }), NotATicketEventError);
  });
});
