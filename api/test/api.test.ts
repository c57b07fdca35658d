// One chain, Postgres, indexer and API for every suite below: starting them takes ~15 s on two cores.
import { describe } from "node:test";
import { useWorld } from "./support/world.ts";
import { analyticsSuite } from "./suites/analytics.ts";
import { auditorViewsSuite } from "./suites/auditorViews.ts";
import { authorisationSuite } from "./suites/authorisation.ts";
import { exportSuite } from "./suites/exports.ts";
import { fhirConformanceSuite } from "./suites/fhirConformance.ts";
import { hostileSuite } from "./suites/hostile.ts";
import { limitsSuite } from "./suites/limits.ts";
import { mainEntrySuite } from "./suites/mainEntry.ts";
import { batchingSuite, querySuite } from "./suites/queries.ts";
import { replicaSuite } from "./suites/replicas.ts";
import { rowTypesSuite } from "./suites/rowTypes.ts";
import { signInSuite } from "./suites/signIn.ts";
import { subscriptionSuite } from "./suites/subscription.ts";
import { vaultSuite } from "./suites/vault.ts";

const getWorld = useWorld();

describe("sign-in", () => signInSuite(getWorld));
describe("generated row types", () => rowTypesSuite(getWorld));
describe("queries", () => querySuite(getWorld));
describe("auditor and insurer views", () => auditorViewsSuite(getWorld));
describe("authorisation matrix", () => authorisationSuite(getWorld));
describe("limits and errors", () => limitsSuite(getWorld));
describe("hostile callers", () => hostileSuite(getWorld));
describe("exports", () => exportSuite(getWorld));
// Before the vault suite: its fresh insurers and patients would fill groups the attacks expect to stay under k.
describe("analytics disclosure attacks", () => analyticsSuite(getWorld));
describe("vault", () => vaultSuite(getWorld));
describe("live subscription", () => subscriptionSuite(getWorld));
// Its replicas keep their state in their own schema, so their budgets and rate limits touch no other suite.
describe("replicas over one database", () => replicaSuite(getWorld));
describe("npm run api", () => mainEntrySuite(getWorld));
describe("batching", () => batchingSuite(getWorld));
// Last: it adds a patient and its trail to the shared chain, which the counts above do not expect.
describe("FHIR conformance", () => fhirConformanceSuite(getWorld));
