import { keccak256, solidityPacked, toUtf8Bytes, ZeroHash } from "ethers";
import { devAccount } from "@caretrail/devstack";
import { Purpose, RecordCategory, Role, scopeOf, signRecord } from "@caretrail/sdk";
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

/** A small seeded generator (mulberry32), so a soak run can be repeated from its printed seed. */
export { seededRandom } from "@caretrail/devstack";

export type MixedBacklogParameters = {
  /** Keep mining until the contract has emitted at least this many events in the backlog. */
  events: number;
  random: () => number;
  /** Every `sparseEvery`-th round mines `sparseBlocks` blocks of one transaction each. */
  sparseEvery?: number;
  sparseBlocks?: number;
  onProgress?: (events: number) => void;
};
export type MixedBacklogReturnType = { events: number; denseBlocks: number; sparseBlocks: number; transactions: number };

const MIXED_PATIENTS = [20, 21, 22, 23, 24, 25, 26, 27];
const MIXED_INSURERS = [28, 29, 30, 31];
const MIXED_PROVIDERS = [32, 33, 34, 35];
const MIXED_PER_BLOCK = 100;
const MIXED_FEES = { maxFeePerGas: 10_000_000_000n, maxPriorityFeePerGas: 1_000_000_000n, gasLimit: 250_000n, type: 2 };

/**
 * A backlog of every frequent event kind, mined without waiting on receipts one by one: access requests
 * (granted and denied as consents come and go), emergency access (also by a provider suspended and
 * reinstated in between), records and amendments signed by providers, consent grants and revocations,
 * key rotations; mostly in dense blocks of 100 transactions, with runs of one-transaction blocks.
 * A transaction that reverts emits nothing and is simply not counted.
 */
export async function sendMixedBacklog(
  stack: Stack,
  { events, random, sparseEvery = 4, sparseBlocks = 25, onProgress }: MixedBacklogParameters,
): Promise<MixedBacklogReturnType> {
  const { careTrail, provider, deployment } = stack;
  const governance = stack.account(0);
  const wallet = (index: number) => devAccount(index, provider);
  const patients = MIXED_PATIENTS.map(wallet);
  const insurers = MIXED_INSURERS.map(wallet);
  const providers = MIXED_PROVIDERS.map(wallet);
  const suspendable = providers.at(-1)!;
  for (const member of [...patients, ...insurers, ...providers]) await provider.send("hardhat_setBalance", [member.address, "0x3635C9ADC5DEA00000"]);
  const expiresAt = BigInt((await provider.getBlock("latest"))!.timestamp + 365 * 24 * 3600);
  for (const [i, patient] of patients.entries()) {
    await (await careTrail.connect(patient).enrolPatient(keccak256(toUtf8Bytes(`mixed-patient-${i}`)))).wait();
  }
  for (const [i, member] of providers.entries()) {
    await (await careTrail.connect(governance).credentialProvider(member.address, keccak256(toUtf8Bytes(`mixed-license-${i}`)), 100 + i)).wait();
  }
  for (const member of insurers) await (await careTrail.connect(governance).registerThirdParty(member.address, Role.Insurer)).wait();
  for (const patient of patients) {
    for (const member of providers) await (await careTrail.connect(patient).grantConsent(member.address, 0b111111, Purpose.Treatment, expiresAt)).wait();
  }

  const governanceWallet = wallet(0);
  const pick = <T>(list: T[]) => list[Math.floor(random() * list.length)]!;
  const nonces = new Map<string, number>();
  const consented = new Set<string>();
  /** Mined records per patient, which later transactions may amend; `unmined` waits for the next block. */
  const records = new Map<string, { id: string; category: number }[]>();
  let unmined: { patient: string; id: string; category: number }[] = [];
  let recordSequence = 1_000n;
  let suspended = false;
  const call = async (from: ReturnType<typeof wallet>, data: string) => {
    const nonce = nonces.get(from.address) ?? (await from.getNonce("pending"));
    nonces.set(from.address, nonce + 1);
    return from.signTransaction({ to: deployment.address, data, nonce, chainId: deployment.chainId, ...MIXED_FEES });
  };
  const encode = (name: string, args: unknown[]) => careTrail.interface.encodeFunctionData(name as "requestAccess", args as never);
  /** One transaction of a random kind, chosen by the seeded generator. */
  const next = async (): Promise<string> => {
    const roll = random();
    const patient = pick(patients);
    if (roll < 0.4) return call(pick(insurers), encode("requestAccess", [patient.address, RecordCategory.Labs, Purpose.Payment]));
    if (roll < 0.5) return call(pick(providers), encode("requestEmergencyAccess", [patient.address, 1 + Math.floor(random() * 9)]));
    if (roll < 0.65) {
      const author = pick(providers.slice(0, -1));
      const earlier = records.get(patient.address) ?? [];
      const amended = earlier.length > 0 && random() < 0.3 ? earlier.shift() : undefined;
      const supersedes = amended?.id ?? ZeroHash;
      const sequence = recordSequence++;
      const contentHash = keccak256(toUtf8Bytes(`mixed-content:${sequence}`));
      const record = {
        recordId: solidityPacked(["address", "uint96"], [patient.address, sequence]) as `0x${string}`,
        patient: patient.address as `0x${string}`,
        category: amended?.category ?? Math.floor(random() * 6),
        contentHash: contentHash as `0x${string}`,
        contentId: ("0x01551220" + contentHash.slice(2)) as `0x${string}`,
        fieldsRoot: keccak256(toUtf8Bytes(`mixed-fields:${sequence}`)) as `0x${string}`,
        supersedes: supersedes as `0x${string}`,
      };
      unmined.push({ patient: patient.address, id: record.recordId, category: record.category });
      const signed = await signRecord({ signer: author, record, chainId: deployment.chainId, verifyingContract: deployment.address });
      return call(author, encode("appendRecord", [record, signed.author, signed.signature]));
    }
    const insurer = pick(insurers);
    const pair = `${patient.address}:${insurer.address}`;
    if (roll < 0.8) {
      if (consented.has(pair)) {
        consented.delete(pair);
        return call(patient, encode("revokeConsent", [insurer.address]));
      }
      consented.add(pair);
      return call(patient, encode("grantConsent", [insurer.address, scopeOf(RecordCategory.Labs), Purpose.Payment, expiresAt]));
    }
    if (roll < 0.9) return call(patient, encode("setEncryptionKey", [keccak256(toUtf8Bytes(`mixed-key:${random()}`))]));
    suspended = !suspended;
    // Governance signs raw transactions from here on, so its NonceManager (stack.account(0)) is stale afterwards.
    return suspended
      ? call(governanceWallet, encode("suspendProvider", [suspendable.address, 1 + Math.floor(random() * 5)]))
      : call(governanceWallet, encode("reinstateProvider", [suspendable.address]));
  };

  const mine = async (transactions: string[]) => {
    const hashes = await Promise.all(transactions.map((signed) => provider.send("eth_sendRawTransaction", [signed]) as Promise<string>));
    await provider.send("evm_mine", []);
    const receipts = await Promise.all(hashes.map((hash) => provider.getTransactionReceipt(hash)));
    for (const receipt of receipts) {
      if (receipt?.status === 1) for (const log of receipt.logs) if (log.address.toLowerCase() === deployment.address.toLowerCase()) emitted++;
    }
    for (const { patient, id, category } of unmined) records.set(patient, [...(records.get(patient) ?? []), { id, category }]);
    unmined = [];
  };
  let emitted = 0;
  const result = { denseBlocks: 0, sparseBlocks: 0, transactions: 0 };
  await provider.send("evm_setAutomine", [false]);
  try {
    for (let round = 1; emitted < events; round++) {
      if (round % sparseEvery === 0) {
        for (let i = 0; i < sparseBlocks && emitted < events; i++) {
          await mine([await next()]);
          result.sparseBlocks++;
          result.transactions++;
        }
      } else {
        const batch: string[] = [];
        for (let i = 0; i < MIXED_PER_BLOCK; i++) batch.push(await next());
        await mine(batch);
        result.denseBlocks++;
        result.transactions += batch.length;
      }
      onProgress?.(emitted);
    }
  } finally {
    await provider.send("evm_setAutomine", [true]);
  }
  return { events: emitted, ...result };
}
