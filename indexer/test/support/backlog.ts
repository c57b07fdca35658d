import { keccak256, toUtf8Bytes } from "ethers";
import { devAccount, Purpose, RecordCategory, Role, scopeOf } from "@caretrail/sdk";
import type { Stack } from "./stack.ts";

/** Dev accounts that request access in the backlog; each signs its own nonce sequence. */
const REQUESTERS = [10, 11, 12, 13];
const PATIENT = 14;
/** About 100 requests (200 events) per block: SubQuery slows down sharply on blocks of thousands of logs. */
const REQUESTS_PER_BLOCK = 100;
const FEES = { maxFeePerGas: 10_000_000_000n, maxPriorityFeePerGas: 1_000_000_000n, gasLimit: 120_000n, type: 2 };

/**
 * Mines `requests` access requests into dense blocks (automine off, raw transactions signed locally,
 * evm_mine per block), without waiting on receipts one by one. Half the requesters hold consent, so
 * each request emits AccessRequested followed by AccessGranted or AccessDenied (NoConsent).
 */
export async function sendAccessBacklog(stack: Stack, requests: number): Promise<void> {
  const { careTrail, provider } = stack;
  const governance = stack.account(0);
  const patient = stack.account(PATIENT);
  const requesters = REQUESTERS.map((index) => devAccount(index, provider));
  const expiresAt = BigInt((await provider.getBlock("latest"))!.timestamp + 30 * 24 * 3600);
  await (await careTrail.connect(patient).enrolPatient(keccak256(toUtf8Bytes("backlog-patient")))).wait();
  for (const [i, requester] of requesters.entries()) {
    await (await careTrail.connect(governance).registerThirdParty(requester.address, Role.Insurer)).wait();
    if (i % 2 === 0) await (await careTrail.connect(patient).grantConsent(requester.address, scopeOf(RecordCategory.Labs), Purpose.Payment, expiresAt)).wait();
  }

  const data = careTrail.interface.encodeFunctionData("requestAccess", [await patient.getAddress(), RecordCategory.Labs, Purpose.Payment]);
  const nonces = await Promise.all(requesters.map((requester) => requester.getNonce("pending")));
  await provider.send("evm_setAutomine", [false]);
  try {
    for (let sent = 0; sent < requests; sent += REQUESTS_PER_BLOCK) {
      const inBlock = Math.min(REQUESTS_PER_BLOCK, requests - sent);
      const signed = await Promise.all(
        Array.from({ length: inBlock }, (_, i) => {
          const which = (sent + i) % requesters.length;
          const nonce = nonces[which]!;
          nonces[which] = nonce + 1;
          return requesters[which]!.signTransaction({ to: stack.deployment.address, data, nonce, chainId: stack.deployment.chainId, ...FEES });
        }),
      );
      await Promise.all(signed.map((transaction) => provider.send("eth_sendRawTransaction", [transaction])));
      await provider.send("evm_mine", []);
    }
  } finally {
    await provider.send("evm_setAutomine", [true]);
  }
}
