// Packs many calls into one block fast: the senders are impersonated on the Hardhat node (no signing here),
// each block's calls go in one JSON-RPC batch with automine off, then evm_mine, then one batch of receipts.
// The demo seeder's BlockWriter signs and sends one transaction at a time: about 25 tx/s on this shared
// machine, too slow for a 100k-event backlog.
import type { Interface, JsonRpcProvider } from "ethers";
import { CareTrailError } from "@caretrail/sdk/errors";

/** Generous against CareTrail's measured costs; 110 of them stay under Hardhat's 30M block gas limit. */
const GAS_LIMIT = "0x3d090";
const MAX_PER_BLOCK = 110;

export class BacklogTransactionFailedError extends CareTrailError {
  override name = "BacklogTransactionFailedError";
}

type RpcLog = { blockNumber: string; transactionHash: string; logIndex: string; topics: string[]; data: string; address: string };
type Call = { from: string; to: string; data: string; label: string };

export class BatchWriter {
  private readonly queue: Call[] = [];
  private readonly impersonated = new Set<string>();
  private id = 0;
  transactions = 0;
  blocks = 0;
  private constructor(
    private readonly rpcUrl: string,
    private readonly errors: Interface,
    public timestamp: number,
  ) {}

  static async open(provider: JsonRpcProvider, rpcUrl: string, errors: Interface): Promise<BatchWriter> {
    await provider.send("evm_setAutomine", [false]);
    return new BatchWriter(rpcUrl, errors, (await provider.getBlock("latest"))!.timestamp);
  }

  add(from: string, to: string, data: string, label: string): void {
    this.queue.push({ from, to, data, label });
  }

  private async batch<T>(calls: { method: string; params: unknown[] }[]): Promise<T[]> {
    if (calls.length === 0) return [];
    const body = calls.map((call) => ({ jsonrpc: "2.0", id: ++this.id, ...call }));
    for (let attempt = 0; ; attempt++) {
      try {
        const response = await fetch(this.rpcUrl, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
        const answers = (await response.json()) as { id: number; result?: T; error?: { message: string; data?: unknown } }[];
        answers.sort((a, b) => a.id - b.id);
        return answers.map((answer, i) => {
          if (answer.error) throw new BacklogTransactionFailedError(`${calls[i]!.method} failed: ${answer.error.message}`);
          return answer.result as T;
        });
      } catch (error) {
        // Hardhat closes idle keep-alive sockets ("other side closed"); a JSON-RPC error is final.
        if (error instanceof BacklogTransactionFailedError || attempt >= 3) throw error;
      }
    }
  }

  /** Sends everything queued, mines it in blocks of up to 110 calls one second apart, and returns the logs. */
  async mine(): Promise<RpcLog[]> {
    const logs: RpcLog[] = [];
    while (this.queue.length > 0) logs.push(...(await this.mineBlock(this.queue.splice(0, MAX_PER_BLOCK))));
    return logs;
  }

  private async mineBlock(calls: Call[]): Promise<RpcLog[]> {
    const senders = [...new Set(calls.map((call) => call.from))].filter((from) => !this.impersonated.has(from));
    await this.batch(
      senders.flatMap((from) => [
        { method: "hardhat_impersonateAccount", params: [from] },
        { method: "hardhat_setBalance", params: [from, "0x3635C9ADC5DEA00000"] },
      ]),
    );
    for (const sender of senders) this.impersonated.add(sender);
    const t0 = Date.now();
    const hashes = await this.batch<string>(
      calls.map(({ from, to, data }) => ({ method: "eth_sendTransaction", params: [{ from, to, data, gas: GAS_LIMIT }] })),
    );
    this.timestamp += 1;
    const t1 = Date.now();
    await this.batch([{ method: "evm_mine", params: [this.timestamp] }]);
    const t2 = Date.now();
    this.blocks++;
    const receipts = await this.batch<{ status: string; logs: RpcLog[] } | null>(
      hashes.map((hash) => ({ method: "eth_getTransactionReceipt", params: [hash] })),
    );
    if (process.env.BENCH_TRACE) console.error(`block ${calls.length} calls: send ${t1 - t0} ms, mine ${t2 - t1} ms, receipts ${Date.now() - t2} ms`);
    const logs: RpcLog[] = [];
    for (const [i, receipt] of receipts.entries()) {
      if (receipt?.status !== "0x1") {
        const outcome = receipt ? `reverted with ${await this.revertReason(calls[i]!)}` : "was not mined";
        throw new BacklogTransactionFailedError(`backlog call "${calls[i]!.label}" ${outcome} (${hashes[i]}): the generator's model of the chain is wrong`);
      }
      logs.push(...receipt.logs);
    }
    this.transactions += calls.length;
    return logs;
  }

  /** Replays a failed call on the head to name the contract's custom error. */
  private async revertReason({ from, to, data }: Call): Promise<string> {
    const response = await fetch(this.rpcUrl, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ jsonrpc: "2.0", id: 0, method: "eth_call", params: [{ from, to, data }, "latest"] }),
    });
    const answer = (await response.json()) as { error?: { message: string; data?: string | { data?: string } } };
    const raw = typeof answer.error?.data === "string" ? answer.error.data : answer.error?.data?.data;
    const decoded = raw ? this.errors.parseError(raw) : undefined;
    return decoded ? `${decoded.name}(${decoded.args.join(", ")})` : (answer.error?.message ?? "nothing (it succeeds when replayed alone)");
  }

  /** Mines what is left and gives the chain back to automine. */
  async close(provider: JsonRpcProvider): Promise<void> {
    if (this.queue.length > 0) await this.mine();
    await provider.send("evm_setAutomine", [true]);
  }
}
