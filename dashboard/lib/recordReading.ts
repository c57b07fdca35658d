// Opening a record from the dashboard, the way any CareTrail reader does: ask the chain for a ticket
// (requestRecordAccess, logged as a request and a grant or denial), fetch the ciphertext from the API's vault
// with that ticket (the vault logs the read on-chain before it releases anything), then decrypt it with the
// reader's X25519 key using the SDK. Demo mode only: the server holds the personas' development keys.
import { readFileSync } from "node:fs";
import path from "node:path";
import { CareTrail__factory, decryptContent, fromHex, Purpose as PurposeCode, unwrapDataKey, type Hex, type WrappedKey } from "@caretrail/sdk";
import { JsonRpcProvider, Network } from "ethers";
import { apiUrl, chainAccess, personasFile } from "./config";
import { revertReason } from "./consentTransactions";
import { DemoModeError, DemoSetupError, personaWallet } from "./personas";
import { DENIAL_BY_CODE, denialInWords } from "./plainWords";
import type { Session } from "./session";
import { CareTrailError } from "@caretrail/sdk/errors";

export class RecordReadError extends CareTrailError {
  override name = "RecordReadError";
  static override readonly kind = "BAD_USER_INPUT";
}

export type OpenedRecordAnswer = {
  recordId: string;
  ticketId: string;
  ticketExpiresAt: string;
  /** The decrypted FHIR resource (and anything else the record carries). */
  content: unknown;
};

const RECORD_ID = /^0x[0-9a-fA-F]{64}$/;
const READ_PURPOSES = { TREATMENT: PurposeCode.Treatment, PAYMENT: PurposeCode.Payment } as const;
export type ReadPurpose = keyof typeof READ_PURPOSES;
/** How long the vault may take to see a ticket the chain just issued (the indexer polls the head every 5 s). */
const INDEXER_WAIT_MS = 45_000;

export function parseReadRequest(input: unknown): { recordId: string; purpose: ReadPurpose } {
  const body = (input ?? {}) as Record<string, unknown>;
  if (typeof body.recordId !== "string" || !RECORD_ID.test(body.recordId))
    throw new RecordReadError("Choose a record: its id is 0x followed by 64 hex digits.");
  const purpose = body.purpose ?? "TREATMENT";
  if (typeof purpose !== "string" || !(purpose in READ_PURPOSES)) throw new RecordReadError("The purpose of a read must be treatment or payment.");
  return { recordId: body.recordId.toLowerCase(), purpose: purpose as ReadPurpose };
}

/** The demo's development encryption keys, written by the seeder beside personas.json. */
function encryptionKeyOf(address: string): Hex {
  const file = path.join(path.dirname(personasFile()), "encryption-keys.json");
  let keys: Record<string, string>;
  try {
    keys = JSON.parse(readFileSync(file, "utf8")) as Record<string, string>;
  } catch {
    throw new DemoSetupError(`No demo encryption keys at ${file}: run \`npm run demo\`, which writes them.`);
  }
  const key = Object.entries(keys).find(([holder]) => holder.toLowerCase() === address.toLowerCase())?.[1];
  if (!key) throw new DemoModeError("This persona has no encryption key in the demo's key file, so nothing can be decrypted for it.");
  return key as Hex;
}

/** Asks the chain for a ticket to `recordId`; answers the ticket id, or throws the denial's reason. */
async function requestTicket(session: Session, recordId: string, purpose: ReadPurpose): Promise<string> {
  const { wallet } = personaWallet(session.demoAccountIndex!);
  if (wallet.address.toLowerCase() !== session.address.toLowerCase())
    throw new RecordReadError("This session does not belong to that demo persona: sign in again.");
  const { deployment, rpcUrl } = chainAccess();
  const provider = new JsonRpcProvider(rpcUrl, deployment.chainId, { staticNetwork: Network.from(deployment.chainId) });
  try {
    const contract = CareTrail__factory.connect(deployment.address, wallet.connect(provider));
    let receipt;
    try {
      receipt = await (await contract.requestRecordAccess(recordId, READ_PURPOSES[purpose])).wait();
    } catch (error) {
      throw new RecordReadError(revertReason(error));
    }
    for (const log of receipt?.logs ?? []) {
      const event = contract.interface.parseLog(log);
      if (event?.name === "AccessGranted") return String(event.args.ticketId).toLowerCase();
      // The denial is on the chain for the patient's timeline; the reader gets its reason code.
      if (event?.name === "AccessDenied")
        throw new RecordReadError(
          `The chain denied access: ${denialInWords(DENIAL_BY_CODE[Number(event.args.reason)]).words.replace(/\.$/, "").toLowerCase()}.`,
        );
    }
    throw new RecordReadError("The chain issued no ticket for this record.");
  } finally {
    provider.destroy();
  }
}

type VaultAnswer = {
  ciphertext?: string;
  wrappedKey?: WrappedKey | null;
  ticket?: { id: string; expiresAt: string };
  error?: { code: string; message: string };
};

/** The vault's release for this ticket; 403 while the indexer has not yet seen the ticket, so it retries until then. */
async function fetchFromVault(
  session: Session,
  recordId: string,
  ticketId: string,
): Promise<Required<Pick<VaultAnswer, "ciphertext" | "ticket">> & { wrappedKey: WrappedKey | null }> {
  const deadline = Date.now() + INDEXER_WAIT_MS;
  for (;;) {
    let response: Response;
    try {
      response = await fetch(`${apiUrl()}/vault/${recordId}?ticket=${ticketId}`, {
        headers: { authorization: `Bearer ${session.token}` },
        cache: "no-store",
        signal: AbortSignal.timeout(15_000),
      });
    } catch {
      throw new RecordReadError("The CareTrail API's vault did not answer: check the API is running, then try again.");
    }
    const answer = (await response.json().catch(() => ({}))) as VaultAnswer;
    if (response.ok && answer.ciphertext && answer.ticket)
      return { ciphertext: answer.ciphertext, ticket: answer.ticket, wrappedKey: answer.wrappedKey ?? null };
    if (response.status !== 403 || Date.now() > deadline) throw new RecordReadError(answer.error?.message ?? `The vault answered HTTP ${response.status}.`);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
}

export async function openRecordAsPersona(session: Session, recordId: string, purpose: ReadPurpose): Promise<OpenedRecordAnswer> {
  if (session.demoAccountIndex === undefined) {
    throw new RecordReadError("Opening a record in the browser needs your encryption key, which stays in your wallet: use `npx caretrail` with your key file.");
  }
  const ticketId = await requestTicket(session, recordId, purpose);
  const released = await fetchFromVault(session, recordId, ticketId);
  if (!released.wrappedKey) throw new RecordReadError("The vault holds no key sealed to you for this record: the author sealed it to other readers.");
  const dataKey = unwrapDataKey({ wrapped: released.wrappedKey, privateKey: encryptionKeyOf(session.address) });
  const plaintext = decryptContent({ ciphertext: new Uint8Array(Buffer.from(released.ciphertext, "base64")), dataKey, associatedData: fromHex(recordId) });
  dataKey.fill(0);
  const opened = JSON.parse(new TextDecoder().decode(plaintext)) as { record?: { resource?: unknown } };
  return { recordId, ticketId, ticketExpiresAt: released.ticket.expiresAt, content: opened.record?.resource ?? opened.record ?? opened };
}
