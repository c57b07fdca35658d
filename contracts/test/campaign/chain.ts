// The real side of the campaign: one deployment reset by snapshot between sequences, driven with raw JSON-RPC
// (explicit gas and timestamp, no estimateGas round trips) so thousands of sequences fit in minutes.
import { network, ethers } from "hardhat";
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/signers";
import type { CareTrail } from "../../typechain-types";
import { deployRegistered, domainOf } from "../fixtures";
import type { AccessRoles, Event, Outcome, Value } from "./model";

/** Roles in the fixture, by index into `signers`: the same cast every sequence starts from. */
export const Cast = {
  governance: 0,
  patient: 1,
  otherPatient: 2,
  provider: 3,
  otherProvider: 4,
  insurer: 5,
  auditor: 6,
  researcher: 7,
  stranger: 8,
  vault: 9,
  newcomer: 10,
} as const;
export const CAST_SIZE = 11;

export type World = {
  careTrail: CareTrail;
  contract: string;
  signers: HardhatEthersSigner[];
  domain: Awaited<ReturnType<typeof domainOf>>;
  roleIds: AccessRoles;
  startTime: number;
  startBlock: number;
};

/** Used with loadFixture: deploys once, later calls revert to the snapshot taken here. */
export async function campaignWorld(): Promise<World> {
  const { careTrail } = await deployRegistered();
  const signers = (await ethers.getSigners()).slice(0, CAST_SIZE);
  const block = (await ethers.provider.getBlock("latest"))!;
  return {
    careTrail,
    contract: await careTrail.getAddress(),
    signers,
    domain: await domainOf(careTrail),
    roleIds: {
      admin: await careTrail.DEFAULT_ADMIN_ROLE(),
      governance: await careTrail.GOVERNANCE_ROLE(),
      vault: await careTrail.VAULT_ROLE(),
    },
    startTime: block.timestamp,
    startBlock: block.number,
  };
}

/** One mined call: who sent it, when, what it called and what it emitted (empty when it reverted). */
export type Entry = { from: string; timestamp: number; fn: string; args: readonly unknown[]; events: Event[]; reverted: boolean };

const toValue = (value: unknown): Value =>
  typeof value === "bigint" || typeof value === "string" || typeof value === "boolean" || typeof value === "number" ? value : String(value);

export const EMPTY_REVERT = "(revert without data)";

export class Chain {
  readonly history: Entry[] = [];
  static calls = 0;
  static views = 0;

  constructor(readonly world: World) {}

  /** Sends `fn(args)` from `from`, mined alone in a block stamped `timestamp`, and reports what happened. */
  async send(from: string, fn: string, args: readonly unknown[], timestamp: number): Promise<Outcome> {
    const { careTrail, contract } = this.world;
    const data = careTrail.interface.encodeFunctionData(fn as never, args as never);
    await network.provider.request({ method: "evm_setNextBlockTimestamp", params: [`0x${timestamp.toString(16)}`] });
    Chain.calls++;
    let hash: string;
    try {
      hash = (await network.provider.request({ method: "eth_sendTransaction", params: [{ from, to: contract, data, gas: "0xF00000" }] })) as string;
    } catch (error) {
      const revertData = (error as { data?: string }).data;
      if (revertData === undefined) throw error;
      this.history.push({ from, timestamp, fn, args, events: [], reverted: true });
      // Solidity reverts with no data when calldata does not decode (an enum argument out of range).
      if (revertData === "0x") return { error: EMPTY_REVERT, args: [] };
      const parsed = careTrail.interface.parseError(revertData);
      if (!parsed) throw error;
      return { error: parsed.name, args: [...parsed.args].map(toValue) };
    }
    const receipt = (await network.provider.request({ method: "eth_getTransactionReceipt", params: [hash] })) as {
      logs: { topics: string[]; data: string }[];
    };
    const events = receipt.logs.map((log) => {
      const parsed = careTrail.interface.parseLog(log)!;
      return { name: parsed.name, args: [...parsed.args].map(toValue) };
    });
    this.history.push({ from, timestamp, fn, args, events, reverted: false });
    return { events };
  }

  /** A view call, counted separately from state-changing calls. */
  async view<T>(read: () => Promise<T>): Promise<T> {
    Chain.views++;
    return read();
  }
}
