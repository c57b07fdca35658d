// Packs many transactions into one block at a chosen timestamp: automine off, explicit nonces and gas
// limits (no per-transaction estimates), one JSON-RPC batch of signed transactions, then evm_mine.
// Hardhat runs a batch's calls concurrently, so arrival order is lost; each transaction's priority fee
// is one wei below the one before it, and the node's priority-ordered mempool mines them in the order queued.
import { type HDNodeWallet, type Interface, JsonRpcProvider, type Log, type TransactionRequest, parseUnits } from "ethers";
import { CareTrailError } from "@caretrail/sdk/errors";

/** Gas reserved per queued transaction, generous against CareTrail's measured costs. */
const GAS_LIMIT = 250_000n;
/** Stay under Hardhat's 30M block gas limit. */
const MAX_PER_BLOCK = 110;
const MAX_FEE_PER_GAS = parseUnits("100", "gwei");
/** The last transaction of a block pays this tip; each earlier one pays one wei more. */
const BASE_PRIORITY_FEE = parseUnits("1", "gwei");

export class SeedTransactionFailedError extends CareTrailError {
  override name = "SeedTransactionFailedError";
}

type Queued = { wallet: HDNodeWallet; request: TransactionRequest; label: string };

export class BlockWriter {
  private readonly queue: Queued[] = [];
  private readonly nonces = new Map<string, number>();
  private lastTimestamp: number;
  private lastBlock: number;
  transactions = 0;
  blocks = 0;

  private constructor(
    private readonly provider: JsonRpcProvider,
    private readonly chainId: bigint,
    /** Decodes the contract's custom errors in failure messages. */
    private readonly errors: Interface,
    startTimestamp: number,
    startBlock: number,
  ) {
    this.lastTimestamp = startTimestamp;
    this.lastBlock = startBlock;
  }

  static async open(caller: JsonRpcProvider, errors: Interface): Promise<BlockWriter> {
    // Its own connection without JSON-RPC batching: ethers holds each call 10 ms to gather a batch, and the
    // writer's calls run one after another (over half of the seed's time went to that wait).
    const provider = new JsonRpcProvider(caller._getConnection().url, undefined, { staticNetwork: true, batchMaxCount: 1 });
    await provider.send("evm_setAutomine", [false]);
    const latest = await provider.getBlock("latest");
    return new BlockWriter(provider, (await provider.getNetwork()).chainId, errors, latest!.timestamp, latest!.number);
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
      // Nonces of wallets not seen yet, read together (reads need no order). Every earlier block is mined, so
      // "latest" is their next nonce; "pending" would make the node build a pending block for each read.
      const unseen = [...new Set(batch.map(({ wallet }) => wallet.address).filter((address) => !this.nonces.has(address)))];
      const counts = await Promise.all(unseen.map((address) => this.provider.getTransactionCount(address, "latest")));
      unseen.forEach((address, index) => this.nonces.set(address, counts[index]!));
      const signed = await Promise.all(
        batch.map(({ wallet, request }, index) => {
          const nonce = this.nonces.get(wallet.address)!;
          this.nonces.set(wallet.address, nonce + 1);
          return wallet.signTransaction({
            ...request,
            nonce,
            gasLimit: GAS_LIMIT,
            chainId: this.chainId,
            type: 2,
            maxFeePerGas: MAX_FEE_PER_GAS,
            // Strictly falling tips: a call may depend on an earlier one from another sender in the same block.
            maxPriorityFeePerGas: BASE_PRIORITY_FEE + BigInt(batch.length - index),
          });
        }),
      );
      const hashes = await this.sendBatch(
        signed,
        batch.map(({ label }) => label),
      );
      await this.provider.send("evm_mine", [at]);
      this.lastTimestamp = at;
      this.lastBlock++;
      this.blocks++;
      logs.push(...(await this.checkedLogs(hashes, this.lastBlock)));
      this.transactions += batch.length;
    }
    return logs;
  }

  /** One HTTP request carrying every signed transaction of a block; returns their hashes in the order sent. */
  private async sendBatch(signed: string[], labels: string[]): Promise<{ hash: string; label: string }[]> {
    const body = signed.map((transaction, index) => ({ jsonrpc: "2.0", id: index, method: "eth_sendRawTransaction", params: [transaction] }));
    const response = await fetch(this.provider._getConnection().url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    const answers = (await response.json()) as { id: number; result?: string; error?: { message: string } }[];
    const byId = new Map(answers.map((answer) => [answer.id, answer]));
    return signed.map((_, index) => {
      const answer = byId.get(index);
      if (!answer?.result)
        throw new SeedTransactionFailedError(`the node refused seed transaction "${labels[index]}": ${answer?.error?.message ?? "no answer"}`);
      return { hash: answer.result, label: labels[index]! };
    });
  }

  /**
   * The block's logs in one eth_getLogs instead of a receipt per transaction (the seed's slowest call).
   * Every CareTrail call emits an event, so only a transaction without logs needs its receipt checked.
   */
  private async checkedLogs(hashes: { hash: string; label: string }[], blockNumber: number): Promise<Log[]> {
    const logs = await this.provider.getLogs({ fromBlock: blockNumber, toBlock: blockNumber });
    const logged = new Set(logs.map((log) => log.transactionHash));
    for (const { hash, label } of hashes.filter(({ hash }) => !logged.has(hash))) {
      const receipt = await this.provider.getTransactionReceipt(hash);
      if (!receipt || receipt.status !== 1) {
        const reason = receipt ? await this.revertReason(hash, receipt.blockNumber) : "was not mined";
        throw new SeedTransactionFailedError(`seed transaction "${label}" failed (${hash}): ${reason}`);
      }
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
    try {
      await this.mineAt(this.lastTimestamp + 1);
      const now = Math.floor(Date.now() / 1000);
      if (now > this.lastTimestamp) await this.provider.send("evm_mine", [now]);
      await this.provider.send("evm_setAutomine", [true]);
    } finally {
      this.provider.destroy();
    }
  }
}
