import { after, before } from "node:test";
import { startApiStack, type ApiStack } from "./apiStack.ts";
import { anonymousClient, signIn, type ApiClient } from "./client.ts";
import { cast, runScenario, type Scenario } from "./scenario.ts";

/** The stack, the scenario and a signed-in client per role, shared by every API suite in one process. */
export type World = {
  stack: ApiStack;
  scenario: Scenario;
  clients: {
    patient: ApiClient;
    otherPatient: ApiClient;
    provider: ApiClient;
    emergencyProvider: ApiClient;
    insurer: ApiClient;
    auditor: ApiClient;
    researcher: ApiClient;
    governance: ApiClient;
    stranger: ApiClient;
    anonymous: ApiClient;
  };
};

export async function startWorld(): Promise<World> {
  const stack = await startApiStack({
    // Every hour counts as after hours and 3 requests an hour as unusual, so the rules fire whenever the tests run.
    alertRules: { businessHours: { startHour: 0, endHour: 0 }, afterRevocationWindowSeconds: 24 * 60 * 60, unusualVolumePerHour: 3 },
  });
  try {
    const scenario = await runScenario(stack);
    await stack.waitForIndexer();
    const url = stack.api.url;
    const [patient, otherPatient] = cast.patients;
    const clients = {
      patient: await signIn(url, patient),
      otherPatient: await signIn(url, otherPatient),
      provider: await signIn(url, cast.provider),
      emergencyProvider: await signIn(url, cast.emergencyProvider),
      insurer: await signIn(url, cast.insurer),
      auditor: await signIn(url, cast.auditor),
      researcher: await signIn(url, cast.researcher),
      governance: await signIn(url, cast.governance),
      stranger: await signIn(url, cast.stranger),
      anonymous: anonymousClient(url),
    };
    return { stack, scenario, clients };
  } catch (error) {
    await stack.stop();
    throw error;
  }
}

/** Starts one world for this test file (before its suites, stopped after them) and returns its getter. */
export function useWorld(): () => World {
  let world: World | undefined;
  before(async () => {
    world = await startWorld();
  });
  after(async () => {
    await world?.stack.stop();
  });
  return () => {
    if (!world) throw new Error("the test stack did not start; see the error of the before hook");
    return world;
  };
}
