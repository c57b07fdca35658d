import type { EthereumBlock, EthereumLog, EthereumTransaction } from "@subql/types-ethereum";
import type { EventFragment } from "@ethersproject/abi";
import { CareTrail__factory } from "../types/contracts/factories/CareTrail__factory";
import { WorkingSet } from "./workingSet";
import { AccessTicket, Account, Consent, Patient, Provider, Record, RecordVersion, ThirdParty } from "../types";
import { address, consentId, ZERO_BYTES32 } from "./logFields";
import * as access from "./access";
import * as consent from "./consent";
import * as governance from "./governance";
import * as records from "./records";
import * as registry from "./registry";

type Handler = (log: never, ws: WorkingSet) => Promise<void>;
type DecodedLog = EthereumLog & { args: NonNullable<EthereumLog["args"]> };

/** Every CareTrail event's handler, by event name (handleAccessGranted for AccessGranted, ...). */
const HANDLERS = new Map<string, Handler>(
  Object.entries({ ...access, ...consent, ...governance, ...records, ...registry })
    .filter(([name]) => name.startsWith("handle"))
    .map(([name, handler]) => [name.slice("handle".length), handler as Handler]),
);

/** One decoder, built once: topic0 -> event fragment, so a log is decoded without trying each event. */
const careTrail = CareTrail__factory.createInterface();
const EVENTS = new Map<string, EventFragment>(Object.values(careTrail.events).map((event) => [careTrail.getEventTopic(event), event]));

/** The block seen last and the index of its first CareTrail log (a property of the block, so a replay agrees). */
let current: { hash: string; firstLogIndex: number } | undefined;

/**
 * SubQuery calls this for every CareTrail log, in log order. The first CareTrail log of a block indexes the whole
 * block: it decodes all of the block's CareTrail logs, runs their handlers against one working set, and writes
 * each entity type with one bulkCreate; the block's other logs return at once. A block replayed after a crash or
 * a rewind is indexed again from its first log, so what a block writes does not depend on what ran before it.
 */
export async function handleCareTrailLog(log: EthereumLog): Promise<void> {
  const block = log.block;
  const contract = address(log.address);
  if (current?.hash !== block.hash) current = { hash: block.hash, firstLogIndex: Math.min(...careTrailLogs(block, contract).map((l) => l.logIndex)) };
  if (log.logIndex !== current.firstLogIndex) return;
  await indexBlock(block, contract);
}

function careTrailLogs(block: EthereumBlock, contract: string): EthereumLog[] {
  return block.logs.filter((log) => address(log.address) === contract && EVENTS.has(log.topics[0] ?? ""));
}

async function indexBlock(block: EthereumBlock, contract: string): Promise<void> {
  const transactions = new Map<string, EthereumTransaction>(block.transactions.map((tx) => [tx.hash, tx]));
  const logs = careTrailLogs(block, contract)
    .sort((a, b) => a.logIndex - b.logIndex)
    .map((raw): [string, DecodedLog] => {
      const event = EVENTS.get(raw.topics[0]!)!;
      let args;
      try {
        args = careTrail.decodeEventLog(event, raw.data, raw.topics);
      } catch {
        throw new Error(
          `Log ${raw.transactionHash}-${raw.logIndex} did not decode with the CareTrail ABI: rebuild the indexer against the deployed contract's ABI.`,
        );
      }
      const log = {
        address: raw.address,
        topics: raw.topics,
        data: raw.data,
        blockNumber: raw.blockNumber,
        blockHash: raw.blockHash,
        transactionHash: raw.transactionHash,
        transactionIndex: raw.transactionIndex,
        logIndex: raw.logIndex,
        removed: raw.removed,
        args,
        block,
        transaction: transactions.get(raw.transactionHash)!,
      };
      return [event.name, log];
    });
  const ws = new WorkingSet();
  await prefetch(ws, logs);
  for (const [name, log] of logs) {
    const handler = HANDLERS.get(name);
    if (!handler) throw new Error(`No handler for CareTrail event ${name}: add handle${name} to the indexer's mappings.`);
    await handler(log as never, ws);
  }
  await ws.flush();
}

/** A decoded address or bytes32 id, which ethers returns as a hex string. */
const idOf = (args: DecodedLog["args"], field: string): string => String(args[field]);

// (`Record` here is the entity.)
type PrefetchIds = { [kind in "accounts" | "tickets" | "versions" | "consents" | "providers" | "parties" | "patients"]: string[] };

/** The state a handler reads, by kind, named by one of its log's arguments: an address for an account or a party, else a bytes32 id. */
const READS_BY_ARGUMENT: { [event: string]: Partial<{ [kind in keyof PrefetchIds]: string }> } = {
  AccessRequested: { accounts: "requester" },
  AccessGranted: { accounts: "requester" },
  AccessDenied: { accounts: "requester" },
  EmergencyAccessGranted: { accounts: "provider" },
  RecordRead: { accounts: "reader", tickets: "ticketId", versions: "recordId" },
  PatientEnrolled: { accounts: "patient" },
  ProviderCredentialed: { accounts: "provider" },
  ProviderSuspended: { providers: "provider" },
  ProviderReinstated: { providers: "provider" },
  ThirdPartyRegistered: { accounts: "party" },
  ThirdPartyRemoved: { accounts: "party", parties: "party" },
  EncryptionKeySet: { accounts: "account", patients: "account" },
  RecordAmended: { versions: "previousId" },
};
const BY_ID = new Set<keyof PrefetchIds>(["tickets", "versions"]);

/** Loads the existing state the block's handlers will read, each entity once. */
async function prefetch(ws: WorkingSet, logs: [string, DecodedLog][]): Promise<void> {
  const ids: PrefetchIds = { accounts: [], tickets: [], versions: [], consents: [], providers: [], parties: [], patients: [] };
  for (const [name, { args }] of logs) {
    for (const [kind, argument] of Object.entries(READS_BY_ARGUMENT[name] ?? {}) as [keyof PrefetchIds, string][]) {
      ids[kind].push(BY_ID.has(kind) ? idOf(args, argument) : address(idOf(args, argument)));
    }
    if (name === "ConsentRevoked") ids.consents.push(consentId(address(idOf(args, "patient")), address(idOf(args, "grantee"))));
    if (name === "RecordAppended" && idOf(args, "supersedes") !== ZERO_BYTES32) ids.versions.push(idOf(args, "supersedes"));
  }
  await ws.prefetch(Account, ids.accounts);
  await ws.prefetch(AccessTicket, ids.tickets);
  await ws.prefetch(RecordVersion, ids.versions);
  await ws.prefetch(Consent, ids.consents);
  await ws.prefetch(Provider, ids.providers);
  await ws.prefetch(ThirdParty, ids.parties);
  await ws.prefetch(Patient, ids.patients);
  // A record is found by its first version's id: the new version's own id, or the superseded version's record.
  const roots = logs
    .filter(([name]) => name === "RecordAppended")
    .map(([, { args }]) => (idOf(args, "supersedes") === ZERO_BYTES32 ? idOf(args, "recordId") : ws.local(RecordVersion, idOf(args, "supersedes"))?.recordId))
    .filter((id): id is string => id !== undefined);
  await ws.prefetch(Record, roots);
}
