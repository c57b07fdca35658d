// Consent changes are real transactions: the calldata is built here from the SDK's ABI, then signed by the patient's
// wallet in the browser, or (demo mode) by the persona's development key on the server.
import { CareTrail__factory, Purpose as PurposeCode } from "@caretrail/sdk";
import { JsonRpcProvider, Network, isAddress, type TransactionReceipt } from "ethers";
import type { Purpose } from "./apiShapes";
import { chainAccess } from "./config";
import { personaWallet } from "./personas";
import { CareTrailError } from "@caretrail/sdk/errors";

export type ConsentChange =
  { action: "grant"; grantee: string; scope: number; purpose: Exclude<Purpose, "NONE">; expiresAt: number } | { action: "revoke"; grantee: string };

export class ConsentChangeError extends CareTrailError {
  override name = "ConsentChangeError";
  static override readonly kind = "BAD_USER_INPUT";
}

const PURPOSE_CODES: Record<Exclude<Purpose, "NONE">, number> = {
  TREATMENT: PurposeCode.Treatment,
  PAYMENT: PurposeCode.Payment,
  RESEARCH: PurposeCode.Research,
  EMERGENCY: PurposeCode.Emergency,
};

/** Checks a change posted by the browser; throws ConsentChangeError saying what to fix. */
export function parseConsentChange(input: unknown, now = Date.now()): ConsentChange {
  const body = (input ?? {}) as Record<string, unknown>;
  if (typeof body.grantee !== "string" || !isAddress(body.grantee))
    throw new ConsentChangeError("Choose a grantee: a 0x address of a registered provider or third party.");
  if (body.action === "revoke") return { action: "revoke", grantee: body.grantee };
  if (body.action !== "grant") throw new ConsentChangeError('action must be "grant" or "revoke".');
  const { scope, purpose, expiresAt } = body;
  if (typeof scope !== "number" || !Number.isInteger(scope) || scope < 1 || scope > 0xff)
    throw new ConsentChangeError("Pick at least one record category to share.");
  if (typeof purpose !== "string" || !(purpose in PURPOSE_CODES)) throw new ConsentChangeError("Pick a purpose: treatment, payment, research or emergency.");
  if (typeof expiresAt !== "number" || expiresAt * 1000 <= now) throw new ConsentChangeError("The expiry must be in the future.");
  return { action: "grant", grantee: body.grantee, scope, purpose: purpose as keyof typeof PURPOSE_CODES, expiresAt: Math.floor(expiresAt) };
}

export function consentCalldata(change: ConsentChange): string {
  const contract = CareTrail__factory.createInterface();
  return change.action === "revoke"
    ? contract.encodeFunctionData("revokeConsent", [change.grantee])
    : contract.encodeFunctionData("grantConsent", [change.grantee, change.scope, PURPOSE_CODES[change.purpose], change.expiresAt]);
}

function provider(): { provider: JsonRpcProvider; address: string; chainId: number } {
  const { deployment, rpcUrl } = chainAccess();
  return {
    provider: new JsonRpcProvider(rpcUrl, deployment.chainId, { staticNetwork: Network.from(deployment.chainId) }),
    address: deployment.address,
    chainId: deployment.chainId,
  };
}

/** What a browser wallet needs for eth_sendTransaction. */
export function walletTransaction(change: ConsentChange): { to: string; data: string; chainId: number } {
  const { deployment } = chainAccess();
  return { to: deployment.address, data: consentCalldata(change), chainId: deployment.chainId };
}

/** Demo mode: sends the change from the signed-in persona's development account; returns the hash without waiting. */
export async function sendAsPersona(devAccountIndex: number, sessionAddress: string, change: ConsentChange): Promise<string> {
  const { wallet } = personaWallet(devAccountIndex);
  // The cookie is the browser's to edit: only ever sign for the address the API session belongs to.
  if (wallet.address.toLowerCase() !== sessionAddress.toLowerCase())
    throw new ConsentChangeError("This session does not belong to that demo persona: sign in again.");
  const chain = provider();
  try {
    const contract = CareTrail__factory.connect(chain.address, wallet.connect(chain.provider));
    const sent =
      change.action === "revoke"
        ? await contract.revokeConsent(change.grantee)
        : await contract.grantConsent(change.grantee, change.scope, PURPOSE_CODES[change.purpose], change.expiresAt);
    return sent.hash;
  } catch (error) {
    throw new ConsentChangeError(revertReason(error));
  } finally {
    chain.provider.destroy();
  }
}

export type TransactionState = { status: "pending" } | { status: "confirmed"; blockNumber: number } | { status: "failed"; blockNumber: number; reason: string };

export async function transactionState(hash: string): Promise<TransactionState> {
  const chain = provider();
  try {
    const receipt: TransactionReceipt | null = await chain.provider.getTransactionReceipt(hash);
    if (!receipt) return { status: "pending" };
    if (receipt.status === 1) return { status: "confirmed", blockNumber: receipt.blockNumber };
    return {
      status: "failed",
      blockNumber: receipt.blockNumber,
      reason: "The contract reverted the transaction: check the grantee is registered and you are enrolled.",
    };
  } finally {
    chain.provider.destroy();
  }
}

type SendFailure = {
  revert?: { name: string; args: unknown[] };
  data?: unknown;
  info?: { error?: { message?: string; data?: unknown } };
  shortMessage?: string;
  message?: string;
};

/** Decodes revert data (a hex string, or Hardhat's {data}) with the contract's ABI. */
function decodeRevert(data: unknown): { name: string; args: unknown[] } | undefined {
  const hex = typeof data === "string" ? data : typeof data === "object" && data !== null ? (data as { data?: unknown }).data : undefined;
  if (typeof hex !== "string" || !hex.startsWith("0x") || hex.length < 10) return undefined;
  try {
    const parsed = CareTrail__factory.createInterface().parseError(hex);
    return parsed ? { name: parsed.name, args: [...parsed.args] } : undefined;
  } catch {
    return undefined;
  }
}

/** The contract's custom error by name and arguments (e.g. ConsentGranteeNotRegistered(0x…)), else the node's own message. */
export function revertReason(error: unknown): string {
  const failure = error as SendFailure;
  const revert = failure.revert ?? decodeRevert(failure.data) ?? decodeRevert(failure.info?.error?.data);
  if (revert) return `The contract refused: ${revert.name}(${revert.args.map(String).join(", ")}).`;
  return `The transaction could not be sent: ${failure.info?.error?.message ?? failure.shortMessage ?? failure.message}`;
}
