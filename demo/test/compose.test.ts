// No Docker engine runs on our machines, so docker-compose.yml is checked by parsing it: the services
// and their order of start, ports, health checks, that every Dockerfile target it builds exists, that
// runtime images drop root, and that every variable it uses is documented in .env.example.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import assert from "node:assert/strict";
import { parse } from "yaml";

const root = path.join(import.meta.dirname, "..", "..");
const compose = parse(readFileSync(path.join(root, "docker-compose.yml"), "utf8"), { merge: true }) as {
  services: Record<string, Service>;
  volumes?: Record<string, unknown>;
};
type Service = {
  image?: string;
  build?: { context: string; dockerfile: string; target: string };
  ports?: string[];
  healthcheck?: { test: string[] };
  depends_on?: Record<string, { condition: string }>;
  environment?: Record<string, string>;
  volumes?: string[];
  command?: unknown;
};

const dockerfileStages = (file: string) => {
  const text = readFileSync(file, "utf8");
  const stages = new Map<string, string>();
  let current = "";
  for (const line of text.split("\n")) {
    const from = line.match(/^FROM\s+\S+\s+AS\s+(\S+)/i);
    if (from) {
      current = from[1]!;
      stages.set(current, "");
    } else if (current) {
      stages.set(current, stages.get(current)! + line + "\n");
    }
  }
  return { stages, text };
};

test("compose defines the whole stack", () => {
  assert.deepEqual(Object.keys(compose.services).sort(), ["api", "chain", "dashboard", "deployer", "indexer", "postgres"]);
});

test("services start in order, each behind the readiness of what it needs", () => {
  const dependsOn = (service: string) => compose.services[service]!.depends_on ?? {};
  assert.deepEqual(dependsOn("deployer"), { chain: { condition: "service_healthy" } });
  assert.deepEqual(dependsOn("indexer"), {
    postgres: { condition: "service_healthy" },
    deployer: { condition: "service_completed_successfully" },
  });
  assert.deepEqual(dependsOn("api"), { indexer: { condition: "service_healthy" } });
  assert.deepEqual(dependsOn("dashboard"), { api: { condition: "service_healthy" } });
  for (const [name, service] of Object.entries(compose.services)) {
    for (const dependency of Object.keys(service.depends_on ?? {})) {
      const condition = service.depends_on![dependency]!.condition;
      if (condition === "service_healthy")
        assert.ok(compose.services[dependency]!.healthcheck, `${name} waits for ${dependency} to be healthy, but it has no healthcheck`);
    }
  }
});

test("every long-running service has a health check and the public ones publish their ports", () => {
  for (const name of ["postgres", "chain", "indexer", "api", "dashboard"]) {
    assert.ok(compose.services[name]!.healthcheck?.test.length, `${name} has no healthcheck`);
  }
  assert.deepEqual(compose.services.chain!.ports, ["${CHAIN_PORT}:8545"]);
  assert.deepEqual(compose.services.api!.ports, ["${API_PORT}:4000"]);
  assert.deepEqual(compose.services.dashboard!.ports, ["${DASHBOARD_PORT}:3000"]);
  assert.equal(compose.services.postgres!.ports, undefined, "Postgres stays on the compose network");
  assert.ok(
    compose.services.postgres!.volumes?.some((volume) => volume.endsWith(":/var/lib/postgresql/data")),
    "Postgres keeps its data in a volume",
  );
});

test("every built service names an existing Dockerfile and target; runtime targets drop root and dev dependencies", () => {
  for (const [name, service] of Object.entries(compose.services)) {
    if (!service.build) continue;
    const file = path.join(root, service.build.context, service.build.dockerfile);
    assert.ok(existsSync(file), `${name}: ${file} does not exist`);
    const { stages } = dockerfileStages(file);
    assert.ok(stages.has(service.build.target), `${name}: the Dockerfile has no stage ${service.build.target}`);
    const from = readFileSync(file, "utf8").match(new RegExp(`^FROM\\s+(\\S+)\\s+AS\\s+${service.build.target}$`, "m"))?.[1];
    const userStage = from === "runtime" ? "runtime" : service.build.target;
    assert.match(stages.get(userStage)!, /^USER node$/m, `${name} runs as root`);
  }
  const { stages } = dockerfileStages(path.join(root, "Dockerfile"));
  assert.match(stages.get("production-deps")!, /npm prune --omit=dev/);
  for (const target of ["indexer", "api", "dashboard"]) {
    const from = readFileSync(path.join(root, "Dockerfile"), "utf8").match(new RegExp(`^FROM\\s+(\\S+)\\s+AS\\s+${target}$`, "m"))?.[1];
    assert.equal(from, "runtime", `${target} must build on the runtime stage (production dependencies only)`);
  }
});

test("health-check scripts and commands the images run exist in the repository", () => {
  for (const [name, service] of Object.entries(compose.services)) {
    const script = service.healthcheck?.test.find((part) => part.startsWith("/app/"));
    if (script) assert.ok(existsSync(path.join(root, script.slice("/app/".length))), `${name}: ${script} is not in the repository`);
  }
  const packageJson = (dir: string) => JSON.parse(readFileSync(path.join(root, dir, "package.json"), "utf8")) as { scripts: Record<string, string> };
  assert.ok(packageJson("indexer").scripts.start, "indexer has no start script");
  assert.ok(packageJson("dashboard").scripts.start, "dashboard has no start script");
  assert.ok(packageJson("devstack").scripts.deploy, "devstack has no deploy script");
  assert.ok(packageJson("demo").scripts.seed, "demo has no seed script");
  assert.ok(existsSync(path.join(root, "api/src/main.ts")), "api has no main entry");
});

test("runtime images can start with production dependencies only", () => {
  const manifest = (dir: string) =>
    JSON.parse(readFileSync(path.join(root, dir, "package.json"), "utf8")) as { scripts: Record<string, string>; dependencies?: Record<string, string> };
  for (const dir of ["indexer", "dashboard"]) {
    const { scripts, dependencies = {} } = manifest(dir);
    const command = scripts.start!.replace(/^(\S+=("[^"]*"|\S+)\s+)+/, "").split(/\s+/)[0]!;
    assert.ok(command in dependencies, `${dir}'s start script runs ${command}, which is not a production dependency (npm prune --omit=dev removes it)`);
  }
});

test("every variable compose uses is documented in .env.example, and no secret is written in", () => {
  const text = readFileSync(path.join(root, "docker-compose.yml"), "utf8");
  const used = new Set([...text.matchAll(/\$\{([A-Z_][A-Z0-9_]*)\}/g)].map((match) => match[1]!));
  const example = readFileSync(path.join(root, ".env.example"), "utf8").split("\n");
  const documented = new Map<string, string>();
  example.forEach((line, index) => {
    const match = line.match(/^([A-Z_][A-Z0-9_]*)=(.*)$/);
    if (match) documented.set(match[1]!, example[index - 1] ?? "");
  });
  for (const variable of used) {
    assert.ok(documented.has(variable), `${variable} is used by docker-compose.yml but missing from .env.example`);
    assert.match(documented.get(variable)!, /^# /, `${variable} has no comment explaining it in .env.example`);
  }
  assert.equal(
    documented.get("SESSION_SECRET") !== undefined && example.find((line) => line.startsWith("SESSION_SECRET="))?.trim(),
    "SESSION_SECRET=",
    "SESSION_SECRET must be left for the operator to set",
  );
  assert.doesNotMatch(text, /SESSION_SECRET:\s*[^$\s]/, "a session secret is written into docker-compose.yml");
});
