// The API at scale against a real stack: request deadlines, and reads from a streaming standby.
import { after, before, describe } from "node:test";
import { startWorld, type World } from "./support/world.ts";
import { deadlineSuite } from "./suites/deadline.ts";
import { readReplicaSuite } from "./suites/readReplica.ts";

let world: World | undefined;
const getWorld = () => {
  if (!world) throw new Error("the test stack did not start; see the error of the before hook");
  return world;
};

before(async () => {
  world = await startWorld();
});

after(async () => {
  await world?.stack.stop();
});

describe("request deadline", () => deadlineSuite(getWorld));
describe("reads from a streaming standby", () => readReplicaSuite(getWorld));
