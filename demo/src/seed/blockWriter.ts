// Packs many transactions into one block at a chosen timestamp: automine off, explicit nonces and gas
// limits (no per-transaction estimates), then evm_mine. Hardhat's FIFO mempool keeps the order sent.
import { type HDNodeWallet, type Interface, type JsonRpcProvider, type Log, type TransactionRequest, parseUnits } from "ethers";

/** Gas reserved per queued transaction, generous against CareTrail's measured costs. */
const GAS_LIMIT = 250_000n;
/** Stay under Hardhat's 30M block gas limit. */
const MAX_PER_BLOCK = 110;

export class SeedTransactionFailedError extends Error {
  override name = "SeedTransactionFailedError";
}

type Queued = { wallet: HDNodeWallet; request: TransactionRequest; label: string };

export class BlockWriter {
  private readonly queue: Queued[] = [];
  private readonly nonces = new Map<string, number>();
  private lastTimestamp: number;
  transactions = 0;
  blocks = 0;

  private constructor(
    private readonly provider: JsonRpcProvider,
    private readonly chainId: bigint,
    /** Decodes the contract's custom errors in failure messages. */
    private readonly errors: Interface,
    startTimestamp: number,
  ) {
    this.lastTimestamp = startTimestamp;
  }

  static async open(provider: JsonRpcProvider, errors: Interface): Promise<BlockWriter> {
    await provider.send("evm_setAutomine", [false]);
    const latest = await provider.getBlock("latest");
    return new BlockWriter(provider, (await provider.getNetwork()).chainId, errors, latest!.timestamp);
  }

  get timestamp(): number {
    return this.lastTimestamp;
  }

  /** Queues a call; `label` names it in errors. */
  add(wallet: HDNodeWallet, request: TransactionRequest, label: string): void {
    this.queue.push({ wallet, request, label });
  }

  /** Sends everything queued and mines it in blocks at `timestamp` (+1 s per extra block). Returns the logs. */
  async mineAt(timestamp: number): Promise<Log[]> {
    const logs: Log[] = [];
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, MAX_PER_BLOCK);
      const at = Math.max(timestamp, this.lastTimestamp + 1);
      const hashes: { hash: string; label: string }[] = [];
      for (const { wallet, request, label } of batch) {
        const nonce = this.nonces.get(wallet.address) ?? (await this.provider.getTransactionCount(wallet.address, "pending"));
        this.nonces.set(wallet.address, nonce + 1);
        const signed = await wallet.signTransaction({
          ...request,
          nonce,
          gasLimit: GAS_LIMIT,
          chainId: this.chainId,
          type: 2,
          maxFeePerGas: parseUnits("100", "gwei"),
          maxPriorityFeePerGas: parseUnits("1", "gwei"),
        });
        hashes.push({ hash: await this.provider.send("eth_sendRawTransaction", [signed]), label });
      }
      await this.provider.send("evm_mine", [at]);
      this.lastTimestamp = at;
      this.blocks++;
      const receipts = await Promise.all(hashes.map(({ hash }) => this.provider.getTransactionReceipt(hash)));
      for (const [index, receipt] of receipts.entries()) {
        if (!receipt || receipt.status !== 1) {
          const { hash, label } = hashes[index]!;
          const reason = receipt ? await this.revertReason(hash, receipt.blockNumber) : "was not mined";
          throw new SeedTransactionFailedError(`seed transaction "${label}" failed (${hash}): ${reason}`);
        }
        logs.push(...receipt.logs);
      }
      this.transactions += batch.length;
    }
    return logs;
  }

  /** Replays a failed transaction to name the contract's custom error. */
  private async revertReason(hash: string, blockNumber: number): Promise<string> {
    const tx = await this.provider.getTransaction(hash);
    try {
      await this.provider.call({ from: tx!.from, to: tx!.to, data: tx!.data, blockTag: blockNumber - 1 });
      return "reverted (it succeeds when replayed alone: an ordering problem within the block)";
    } catch (error) {
      const data = (error as { data?: string }).data;
      const decoded = data && data !== "0x" ? this.errors.parseError(data) : undefined;
      return decoded ? `reverted with ${decoded.name}(${decoded.args.join(", ")})` : `reverted (${(error as Error).message})`;
    }
  }

  /** Mines what is left, then gives the chain back to automine at the real current time. */
  async close(): Promise<void> {
    await this.mineAt(this.lastTimestamp + 1);
    const now = Math.floor(Date.now() / 1000);
    if (now > this.lastTimestamp) await this.provider.send("evm_mine", [now]);
    await this.provider.send("evm_setAutomine", [true]);
  }
}
