import type { ContractTransactionResponse, Signer } from "ethers";
import { CareTrail__factory, type AccessTicket } from "@caretrail/sdk";
import { CareTrailError } from "@caretrail/sdk/errors";

/** The custom errors by which logRead refuses a read on policy grounds (ICareAccess). */
const POLICY_REFUSALS = new Set(["AccessTicketNotIssued", "AccessTicketExpired", "AccessRecordNotCovered", "AccessReaderNotPermitted"]);

/** The chain refused to log this read: the ticket is not (or no longer) good for it. Nothing may be released. */
export class ReadRefusedError extends CareTrailError {
  override name = "ReadRefusedError";
  static override readonly kind = "FORBIDDEN";
  constructor(readonly reason: string) {
    super(`CareTrail.logRead refused the read: ${reason}`);
  }
}

export type LogRead = (ticket: AccessTicket, recordId: string) => Promise<void>;

/**
 * logRead through one managed signer. Simulation and submission of each read run one at a time through a
 * queue with a locally counted nonce, so concurrent releases never reuse a nonce, and a read the chain refuses
 * in simulation consumes none. Waiting for the receipt happens outside the queue, so reads still overlap.
 * @throws ReadRefusedError for a policy refusal (simulated, or reverted when mined); anything else is transport.
 */
export function createReadLogger(operator: Signer, address: string): LogRead {
  const careTrail = CareTrail__factory.connect(address, operator);
  let nextNonce: number | undefined;
  let queue: Promise<unknown> = Promise.resolve();
  const serially = <T>(job: () => Promise<T>): Promise<T> => {
    const run = queue.then(job, job);
    queue = run.catch(() => undefined);
    return run;
  };

  const submit = (ticket: AccessTicket, recordId: string) =>
    serially(async (): Promise<ContractTransactionResponse> => {
      const gas = await careTrail.logRead.estimateGas(ticket, recordId).catch(rethrowRefusal);
      for (let attempt = 1; ; attempt++) {
        nextNonce ??= await operator.getNonce("pending");
        try {
          const sent = await careTrail.logRead(ticket, recordId, { gasLimit: gas + gas / 4n, nonce: nextNonce });
          nextNonce += 1;
          return sent;
        } catch (error) {
          // Whether the node took the nonce is unknown: ask it again next time.
          nextNonce = undefined;
          // Something else sent from the operator's account (an operator's script, a second vault): the node
          // refused this transaction without taking it, so sending it again with the node's nonce is safe.
          if (attempt < NONCE_ATTEMPTS && isStaleNonce(error)) continue;
          return rethrowRefusal(error);
        }
      }
    });

  return async (ticket, recordId) => {
    const sent = await submit(ticket, recordId);
    const receipt = await sent.wait().catch(rethrowRefusal);
    if (!receipt || receipt.status !== 1) throw new ReadRefusedError("the transaction reverted when mined");
  };
}

const NONCE_ATTEMPTS = 3;

/** The node refused a transaction because its nonce was already used (it took nothing). */
function isStaleNonce(error: unknown): boolean {
  const failure = error as { code?: string; message?: string };
  return failure.code === "NONCE_EXPIRED" || /nonce too low|nonce has already been used/i.test(failure.message ?? "");
}

const careTrailErrors = CareTrail__factory.createInterface();

/** The custom error in a revert: ethers decodes it for calls, but estimateGas leaves only its raw data. */
function revertOf(failure: { revert?: { name?: string; args?: unknown[] } | null; data?: unknown }): { name: string; args: unknown[] } | undefined {
  if (failure.revert?.name) return { name: failure.revert.name, args: [...(failure.revert.args ?? [])] };
  if (typeof failure.data !== "string" || failure.data.length < 10) return undefined;
  try {
    const parsed = careTrailErrors.parseError(failure.data);
    return parsed ? { name: parsed.name, args: [...parsed.args] } : undefined;
  } catch {
    return undefined;
  }
}

function rethrowRefusal(error: unknown): never {
  const failure = error as { code?: string; revert?: { name?: string; args?: unknown[] } | null; data?: unknown; receipt?: { status?: number } };
  const revert = failure.code === "CALL_EXCEPTION" ? revertOf(failure) : undefined;
  if (revert && POLICY_REFUSALS.has(revert.name)) throw new ReadRefusedError(`${revert.name}(${revert.args.map(String).join(", ")})`);
  if (failure.code === "CALL_EXCEPTION" && failure.receipt?.status === 0) throw new ReadRefusedError("the transaction reverted when mined");
  throw error;
}
