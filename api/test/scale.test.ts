// The API at scale against a real stack: request deadlines, and reads from a streaming standby.
import { describe } from "node:test";
import { useWorld } from "./support/world.ts";
import { deadlineSuite } from "./suites/deadline.ts";
import { readReplicaSuite } from "./suites/readReplica.ts";

const getWorld = useWorld();

describe("request deadline", () => deadlineSuite(getWorld));
describe("reads from a streaming standby", () => readReplicaSuite(getWorld));
