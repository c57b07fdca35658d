// A hospital group's audit trail, generated deterministically from a seed on a local Hardhat node: about
// 70% access events (requests granted and denied, some emergencies, vault reads of granted tickets), 15%
// record appends and amendments, 10% consent grants and revocations, 5% registry changes. A model of the
// chain's state (consents and their versions, suspensions, mined records, issued tickets) picks only
// calls that pass the contract's checks, so every transaction succeeds and the indexers do real work.
import { getAddress, Interface, keccak256, toUtf8Bytes, Wallet, ZeroHash, type JsonRpcProvider, type Log } from "ethers";
import { devAccount, seededRandom } from "@caretrail/devstack";
import { accessTicketOf, careTrailAbi, Purpose, recordIdFor, signRecord, type AccessTicket, type Deployment } from "@caretrail/sdk";
import { BatchWriter } from "./batchWriter.ts";

export type BacklogShape = "dense" | "sparse";

export type GenerateBacklogParameters = {
  provider: JsonRpcProvider;
  rpcUrl: string;
  deployment: Deployment;
  shape: BacklogShape;
  /** Dense: keep mining blocks of up to `perBlock` events until this many events. */
  events?: number;
  /** Sparse: this many blocks of one or two events each (after the enrolment blocks). */
  blocks?: number;
  perBlock?: number;
  patients?: number;
  providers?: number;
  seed?: number;
  onProgress?: (message: string) => void;
};

export type Backlog = {
  shape: BacklogShape;
  address: string;
  startBlock: number;
  endBlock: number;
  blocks: number;
  transactions: number;
  /** Logs of the contract in [startBlock, endBlock]: what every indexer must store. */
  events: number;
  byEvent: Record<string, number>;
  patients: number;
  providers: number;
  seed: number;
  generationMs: number;
};

const careTrail = new Interface(careTrailAbi);
const FULL_SCOPE = 0b111111;
const CATEGORIES = 6;
const ALL_CATEGORIES = 255;
const CONSENTS_PER_PATIENT = 3;
/** Providers governance suspends and reinstates in turn. */
const SUSPENDABLE = 10;
/** Leave room under the writer's 110 transactions per block. */
const MAX_TRANSACTIONS_PER_BLOCK = 105;
/** Transaction weights, tuned so the emitted events follow the mix above (requests emit two events). */
const WEIGHTS = { request: 0.38, emergency: 0.02, read: 0.12, record: 0.15, consent: 0.13, registry: 0.065 };

type Pair = { version: number; active: boolean };
type MinedRecord = { id: string; category: number };

export async function generateBacklog(parameters: GenerateBacklogParameters): Promise<Backlog> {
  const {
    provider,
    rpcUrl,
    deployment,
    shape,
    events = 100_000,
    blocks = 5_000,
    perBlock = 200,
    patients = 1_000,
    providers = 200,
    seed = 14,
    onProgress,
  } = parameters;
  const started = Date.now();
  const random = seededRandom(seed);
  const int = (below: number) => Math.floor(random() * below);
  // Synthetic members from the seed: patients and the vault only need addresses (the node impersonates
  // them); providers sign their records, so they get keys.
  const member = (label: string) => ({ address: getAddress("0x" + keccak256(toUtf8Bytes(`bench:${seed}:${label}`)).slice(26)) });
  const governance = { address: devAccount(0).address };
  const vault = member("vault");
  const patientWallets = Array.from({ length: patients }, (_, i) => member(`patient:${i}`));
  const providerWallets = Array.from({ length: providers }, (_, i) => new Wallet(keccak256(toUtf8Bytes(`bench:${seed}:provider:${i}`))));

  const writer = await BatchWriter.open(provider, rpcUrl, careTrail);
  const call = (from: { address: string }, method: string, args: unknown[]) =>
    writer.add(from.address, deployment.address, careTrail.encodeFunctionData(method, args), method);
  const expiresAt = writer.timestamp + 10 * 365 * 86_400;

  // Model of the chain, updated in the order calls are queued (the block keeps that order).
  const pairs = new Map<string, Pair>();
  const liveOf = Array.from({ length: patients }, () => new Set<number>());
  const suspended = new Set<number>();
  const sequences = new Array<number>(patients).fill(0);
  const mined = Array.from({ length: patients }, () => [] as MinedRecord[]);
  const amendable = Array.from({ length: patients }, () => [] as MinedRecord[]);
  let unmined: { patient: number; record: MinedRecord }[] = [];
  let tickets: AccessTicket[] = [];
  const patientIndex = new Map(patientWallets.map((w, i) => [w.address.toLowerCase(), i]));
  const providerIndex = new Map(providerWallets.map((w, i) => [w.address.toLowerCase(), i]));
  const key = (patient: number, provider: number) => `${patient}|${provider}`;
  // Hardhat keeps each sender's order but may interleave senders within a block: a call never depends on
  // another sender's call in the same block (consent pairs and provider standing used or changed in it).
  let touchedPairs = new Set<string>();
  let touchedProviders = new Set<number>();
  const settled = (patient: number, provider: number) => !touchedPairs.has(key(patient, provider)) && !touchedProviders.has(provider);

  const grant = (patient: number, provider: number) => {
    const pair = pairs.get(key(patient, provider)) ?? { version: 0, active: false };
    pairs.set(key(patient, provider), { version: pair.version + 1, active: true });
    touchedPairs.add(key(patient, provider));
    liveOf[patient]!.add(provider);
    call(patientWallets[patient]!, "grantConsent", [providerWallets[provider]!.address, FULL_SCOPE, Purpose.Treatment, expiresAt]);
  };
  const revoke = (patient: number, provider: number) => {
    const pair = pairs.get(key(patient, provider))!;
    pairs.set(key(patient, provider), { version: pair.version + 1, active: false });
    touchedPairs.add(key(patient, provider));
    liveOf[patient]!.delete(provider);
    call(patientWallets[patient]!, "revokeConsent", [providerWallets[provider]!.address]);
  };
  const liveProvider = (patient: number) => {
    const live = [...liveOf[patient]!].filter((p) => !suspended.has(p) && settled(patient, p));
    return live.length > 0 ? live[int(live.length)] : undefined;
  };

  /** Queues one call of a kind drawn from the weights; returns the events it will emit. */
  const next = async (): Promise<number> => {
    let roll = random() * Object.values(WEIGHTS).reduce((a, b) => a + b, 0);
    const patient = int(patients);
    if ((roll -= WEIGHTS.read) < 0) {
      const read = takeReadable();
      if (read) {
        call(vault, "logRead", [read.ticket, read.recordId]);
        return 1;
      }
      roll = 0; // no ticket to read yet: a request instead
    }
    if ((roll -= WEIGHTS.request) < 0) {
      // Mostly a provider the patient consented to (granted), else any provider (mostly denied).
      const provider = random() < 0.75 ? (liveProvider(patient) ?? int(providers)) : int(providers);
      call(providerWallets[provider]!, "requestAccess", [patientWallets[patient]!.address, int(CATEGORIES), Purpose.Treatment]);
      return 2;
    }
    if ((roll -= WEIGHTS.emergency) < 0) {
      call(providerWallets[int(providers)]!, "requestEmergencyAccess", [patientWallets[patient]!.address, 1 + int(3)]);
      return 2;
    }
    if ((roll -= WEIGHTS.record) < 0) {
      const author = liveProvider(patient);
      if (author !== undefined) return appendRecord(patient, author);
    }
    if (roll - WEIGHTS.consent < 0) {
      const live = [...liveOf[patient]!].filter((p) => settled(patient, p));
      if (live.length > 0 && random() < 0.55) revoke(patient, live[int(live.length)]!);
      else {
        const provider = int(providers);
        if (suspended.has(provider) || liveOf[patient]!.has(provider) || !settled(patient, provider)) return next();
        grant(patient, provider);
      }
      return 1;
    }
    // Registry: mostly key rotations, sometimes a provider suspended or reinstated.
    if (random() < 0.75) {
      const who = random() < 0.5 ? patientWallets[patient]! : providerWallets[int(providers)]!;
      call(who, "setEncryptionKey", [keccak256(toUtf8Bytes(`bench-key:${random()}`))]);
    } else {
      const provider = providers - 1 - int(Math.max(1, Math.min(SUSPENDABLE, Math.floor(providers / 10))));
      if (touchedProviders.has(provider) || [...touchedPairs].some((pair) => pair.endsWith(`|${provider}`))) return next();
      touchedProviders.add(provider);
      if (suspended.delete(provider)) call(governance, "reinstateProvider", [providerWallets[provider]!.address]);
      else {
        suspended.add(provider);
        call(governance, "suspendProvider", [providerWallets[provider]!.address, 1 + int(5)]);
      }
    }
    return 1;
  };

  const appendRecord = async (patient: number, author: number): Promise<number> => {
    const amended = amendable[patient]!.length > 0 && random() < 0.3 ? amendable[patient]!.shift() : undefined;
    const sequence = sequences[patient]!++;
    const content = keccak256(toUtf8Bytes(`bench-content:${patient}:${sequence}`));
    const record = {
      recordId: recordIdFor(patientWallets[patient]!.address, BigInt(sequence)),
      patient: patientWallets[patient]!.address as `0x${string}`,
      category: amended?.category ?? int(CATEGORIES),
      contentHash: content as `0x${string}`,
      contentId: ("0x01551220" + content.slice(2)) as `0x${string}`,
      fieldsRoot: keccak256(toUtf8Bytes(`bench-fields:${patient}:${sequence}`)) as `0x${string}`,
      supersedes: (amended?.id ?? ZeroHash) as `0x${string}`,
    };
    touchedPairs.add(key(patient, author));
    const signer = providerWallets[author]!;
    const signed = await signRecord({ signer, record, chainId: deployment.chainId, verifyingContract: deployment.address });
    call(signer, "appendRecord", [record, signed.author, signed.signature]);
    unmined.push({ patient, record: { id: record.recordId, category: record.category } });
    return amended ? 2 : 1;
  };

  /** A ticket from an earlier block that logRead accepts now, with a mined record it covers. */
  const takeReadable = (): { ticket: AccessTicket; recordId: string } | undefined => {
    while (tickets.length > 0) {
      const ticket = tickets.pop()!;
      const patient = patientIndex.get(ticket.patient.toLowerCase());
      const reader = providerIndex.get(ticket.requester.toLowerCase());
      if (patient === undefined || reader === undefined || suspended.has(reader) || !settled(patient, reader)) continue;
      const emergency = ticket.category === ALL_CATEGORIES;
      if (!emergency) {
        const pair = pairs.get(key(patient, reader));
        if (!pair?.active || BigInt(pair.version) !== ticket.consentVersion) continue;
      }
      const covered = mined[patient]!.filter((record) => emergency || record.category === ticket.category);
      if (covered.length === 0) continue;
      touchedPairs.add(key(patient, reader)); // no revoke or suspension may land before it in this block
      return { ticket, recordId: covered[int(covered.length)]!.id };
    }
    return undefined;
  };

  const afterMining = (logs: { topics: string[]; data: string }[]) => {
    for (const { patient, record } of unmined) {
      mined[patient]!.push(record);
      amendable[patient]!.push(record);
    }
    unmined = [];
    touchedPairs = new Set();
    touchedProviders = new Set();
    const fresh: AccessTicket[] = [];
    for (const log of logs) {
      const parsed = careTrail.parseLog(log);
      if (parsed?.name === "AccessGranted" || parsed?.name === "EmergencyAccessGranted") fresh.push(accessTicketOf(parsed));
    }
    // Readers fetch soon after their grant: keep the newest tickets.
    tickets = [...tickets, ...fresh].slice(-2_000);
  };
  const mine = async () => afterMining(await writer.mine());

  let emitted = 0;
  try {
    // Enrolment: patients, credentialed providers, the vault, and each patient's first consents.
    for (const member of patientWallets) call(member, "enrolPatient", [keccak256(toUtf8Bytes(`bench-patient:${member.address}`))]);
    for (const [i, member] of providerWallets.entries())
      call(governance, "credentialProvider", [member.address, keccak256(toUtf8Bytes(`bench-licence:${i}`)), 200 + (i % 90)]);
    call(governance, "grantRole", [keccak256(toUtf8Bytes("VAULT_ROLE")), vault.address]);
    await mine();
    const consentsEach = shape === "dense" ? CONSENTS_PER_PATIENT : 1;
    for (let patient = 0; patient < patients; patient++) {
      for (let c = 0; c < consentsEach; c++) {
        const provider = (patient * 7 + c * 31) % providers;
        if (!liveOf[patient]!.has(provider)) grant(patient, provider);
      }
    }
    await mine();
    onProgress?.(`enrolled ${patients} patients and ${providers} providers in ${writer.blocks} blocks`);

    if (shape === "dense") {
      while (emitted < events) {
        let inBlock = 0;
        for (let transactions = 0; transactions < MAX_TRANSACTIONS_PER_BLOCK && inBlock <= perBlock - 2 && emitted + inBlock < events; transactions++)
          inBlock += await next();
        await mine();
        emitted += inBlock;
        if (writer.blocks % 5 === 0) onProgress?.(`${emitted} of ${events} events`);
      }
    } else {
      for (let block = 0; block < blocks; block++) {
        for (let i = random() < 0.5 ? 1 : 2; i > 0; i--) await next();
        await mine();
        if (block % 1000 === 999) onProgress?.(`${block + 1} of ${blocks} sparse blocks`);
      }
    }
  } finally {
    await writer.close(provider);
  }

  const endBlock = await provider.getBlockNumber();
  const logs = await fetchContractLogs(provider, deployment.address, deployment.startBlock, endBlock);
  const byEvent: Record<string, number> = {};
  for (const log of logs) {
    const name = careTrail.parseLog(log)?.name ?? "unknown";
    byEvent[name] = (byEvent[name] ?? 0) + 1;
  }
  return {
    shape,
    address: deployment.address,
    startBlock: deployment.startBlock,
    endBlock,
    blocks: endBlock - deployment.startBlock + 1,
    transactions: writer.transactions,
    events: logs.length,
    byEvent,
    patients,
    providers,
    seed,
    generationMs: Date.now() - started,
  };
}

/**
 * The contract's logs in a block range, read in chunks: a dense block holds up to 200 logs, and one answer of
 * 100k logs (500 blocks) kept the bench busy for over eight minutes (ethers copies the whole body per chunk received).
 */
export async function fetchContractLogs(provider: JsonRpcProvider, address: string, fromBlock: number, toBlock: number, chunk = 20): Promise<Log[]> {
  const logs: Log[] = [];
  for (let from = fromBlock; from <= toBlock; from += chunk) {
    logs.push(...(await provider.getLogs({ address, fromBlock: from, toBlock: Math.min(toBlock, from + chunk - 1) })));
  }
  return logs;
}

/** The events of the mix, grouped as the issue describes them. */
export function mixOf(byEvent: Record<string, number>): Record<"access" | "records" | "consent" | "registry", number> {
  const groups = {
    access: ["AccessRequested", "AccessGranted", "AccessDenied", "EmergencyAccessGranted", "RecordRead"],
    records: ["RecordAppended", "RecordAmended"],
    consent: ["ConsentGranted", "ConsentRevoked"],
  };
  const total = Object.values(byEvent).reduce((a, b) => a + b, 0) || 1;
  const share = (names: string[]) => names.reduce((sum, name) => sum + (byEvent[name] ?? 0), 0) / total;
  const access = share(groups.access);
  const records = share(groups.records);
  const consent = share(groups.consent);
  return { access, records, consent, registry: 1 - access - records - consent };
}
