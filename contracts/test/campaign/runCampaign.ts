// Runs the invariant campaign: `sequences` random command sequences, each from the same snapshot of the fixture.
import fc from "fast-check";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import { ethers } from "hardhat";
import { ProviderStatus, Role } from "../fixtures";
import { Cast, Chain, campaignWorld, type World } from "./chain";
import { commandArbitraries } from "./commands";
import { CareModel, type Event } from "./model";
import { checkTrail, compareState, type TrailFigures } from "./trail";

export type CampaignFigures = {
  sequences: number;
  calls: number;
  views: number;
  commands: number;
  seconds: number;
  callsPerSecond: number;
  seed: number;
} & TrailFigures;

/** The fixture's starting state, as the model knows it (deployRegistered). Checked against the chain by compareState. */
function startingModel(world: World): CareModel {
  const model = new CareModel(world.contract, world.roleIds, world.startTime);
  const at = (index: number) => world.signers[index]!.address;
  for (const patient of [Cast.patient, Cast.otherPatient]) model.roles.set(at(patient), Role.Patient);
  for (const provider of [Cast.provider, Cast.otherProvider]) {
    model.roles.set(at(provider), Role.Provider);
    model.status.set(at(provider), ProviderStatus.Active);
  }
  model.roles.set(at(Cast.insurer), Role.Insurer);
  model.roles.set(at(Cast.auditor), Role.Auditor);
  model.roles.set(at(Cast.researcher), Role.Researcher);
  model.accessRoles.set(world.roleIds.admin, new Set([at(Cast.governance)]));
  model.accessRoles.set(world.roleIds.governance, new Set([at(Cast.governance)]));
  model.accessRoles.set(world.roleIds.vault, new Set([at(Cast.vault)]));
  for (let index = 0; index < world.signers.length; index++) model.touchedAccounts.add(at(index));
  return model;
}

let fixtureEvents: Event[] | undefined;
async function eventsOfFixture(world: World): Promise<Event[]> {
  if (fixtureEvents) return fixtureEvents;
  const logs = await ethers.provider.getLogs({ address: world.contract, fromBlock: 0, toBlock: world.startBlock });
  fixtureEvents = logs.map((log) => {
    const parsed = world.careTrail.interface.parseLog(log)!;
    return { name: parsed.name, args: [...parsed.args] as Event["args"] };
  });
  return fixtureEvents;
}

export async function runCampaign(options: { sequences: number; maxCommands: number; seed?: number }): Promise<CampaignFigures> {
  const seed = options.seed ?? Date.now() % 2 ** 31;
  const startCalls = Chain.calls;
  const startViews = Chain.views;
  const totals: TrailFigures = { attempts: 0, grants: 0, appends: 0, reads: 0 };
  let commands = 0;
  let sequences = 0;
  const started = Date.now();
  await fc.assert(
    fc.asyncProperty(fc.commands(commandArbitraries, { maxCommands: options.maxCommands, size: "max" }), async (sequence) => {
      const world = await loadFixture(campaignWorld);
      const chain = new Chain(world);
      const model = startingModel(world);
      // Every account's stored state is compared at the end only when the sequence touched it (first run: all).
      if (sequences > 0) model.touchedAccounts.clear();
      sequences++;
      await fc.asyncModelRun(() => ({ model, real: chain }), sequence);
      commands += [...sequence].length;
      const { replay, figures } = checkTrail(world, await eventsOfFixture(world), chain.history);
      await compareState(chain, model, replay);
      for (const key of Object.keys(totals) as (keyof TrailFigures)[]) totals[key] += figures[key];
    }),
    { numRuns: options.sequences, seed, endOnFailure: process.env.CAMPAIGN_SHRINK !== "1" },
  );
  const seconds = (Date.now() - started) / 1000;
  const calls = Chain.calls - startCalls;
  return {
    sequences,
    calls,
    views: Chain.views - startViews,
    commands,
    seconds,
    callsPerSecond: Math.round(calls / seconds),
    seed,
    ...totals,
  };
}
