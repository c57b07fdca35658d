// `@caretrail/api/testing`: the API's test world for other packages' tests and benches (a real chain, Postgres,
// indexer and API with the signed-in personas), so they import it by name instead of reaching into api/test.
export { startWorld, type World } from "./world.ts";
export { cast } from "./scenario.ts";
export { signIn, type ApiClient } from "./client.ts";
export { startApiProcess, type ApiProcess } from "../load/loadRun.ts";
