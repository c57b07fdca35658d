import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { devAccount } from "@caretrail/devstack";
import { writeDeployment } from "../chain/deployment.js";
import { startCareTrailFixture, type CareTrailFixture } from "../testing/careTrailFixture.js";

const MAIN = path.join(path.dirname(fileURLToPath(import.meta.url)), "main.ts");
// The CLI runs in a scratch folder, so tsx is named by its resolved location.
const TSX = import.meta.resolve("tsx");

let fx: CareTrailFixture;
let dir: string;
let env: NodeJS.ProcessEnv;

before(async () => {
  fx = await startCareTrailFixture();
  dir = await mkdtemp(path.join(tmpdir(), "caretrail-cli-"));
  const deploymentFile = writeDeployment(fx.deployment, path.join(dir, "deployment.json"));
  env = { ...process.env, CARETRAIL_DEPLOYMENT: deploymentFile, RPC_URL: "" };
  delete env.RPC_URL;
});
after(async () => {
  await fx?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

type Run = { code: number; stdout: string; stderr: string };

function caretrail(args: string[], extraEnv: NodeJS.ProcessEnv = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, ["--import", TSX, MAIN, ...args], { cwd: dir, env: { ...env, ...extraEnv } }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
  });
}

async function ok(args: string[], extraEnv?: NodeJS.ProcessEnv): Promise<string> {
  const run = await caretrail(args, extraEnv);
  assert.equal(run.code, 0, `caretrail ${args.join(" ")} failed:\n${run.stderr}${run.stdout}`);
  return run.stdout;
}

const file = (name: string) => path.join(dir, name);

describe("caretrail CLI", () => {
  before(async () => {
    await writeFile(file("doctor.key.json"), JSON.stringify(fx.doctorKeys));
    await writeFile(file("patient.key.json"), JSON.stringify(fx.patientKeys));
    await writeFile(file("record.json"), await ok(["record", "example", "bloodPressure", "--patient", fx.patient.address]));
    await ok(["record", "encrypt", "record.json", "--to", fx.patient.address, "--to", fx.doctorKeys.publicKey, "--out", "sealed.json"]);
    await ok(["record", "sign", "sealed.json", "--out", "bundle.json"], { CARETRAIL_PRIVATE_KEY: fx.doctor.privateKey });
    await ok(["record", "append", "bundle.json"], { CARETRAIL_PRIVATE_KEY: fx.stranger.privateKey });
  });

  it("keys new writes a private key file and prints the public key", async () => {
    const out = await ok(["keys", "new", "--out", "mine.key.json"]);
    const pair = JSON.parse(await readFile(file("mine.key.json"), "utf8"));
    assert.match(out, new RegExp(`public key ${pair.publicKey}`));
    assert.doesNotMatch(out, new RegExp(pair.privateKey.slice(2)));
  });

  it("enrol registers a new patient's key on-chain, and says why a second enrolment is refused", async () => {
    const newcomer = devAccount(5);
    await ok(["keys", "new", "--out", "newcomer.key.json"]);
    const { publicKey } = JSON.parse(await readFile(file("newcomer.key.json"), "utf8"));
    await ok(["enrol", "--key", "newcomer.key.json"], { CARETRAIL_PRIVATE_KEY: newcomer.privateKey });
    assert.equal(await fx.as(fx.stranger).encryptionKeyOf(newcomer.address), publicKey);
    const again = await caretrail(["enrol", "--key", "newcomer.key.json"], { CARETRAIL_PRIVATE_KEY: newcomer.privateKey });
    assert.equal(again.code, 2);
    assert.match(again.stderr, /The contract rejected the transaction: RegistryAlreadyRegistered/);
  });

  it("verify passes an appended bundle, and decrypt shows the record to its reader", async () => {
    const out = await ok(["verify", "bundle.json", "--key", "doctor.key.json"]);
    assert.match(out, /record 0x[0-9a-f]{64} is VALID/);
    assert.match(out, /PASS {2}fields-root/);
    const opened = JSON.parse(await ok(["record", "decrypt", "bundle.json", "--key", "patient.key.json"]));
    assert.deepEqual(opened.record, JSON.parse(await readFile(file("record.json"), "utf8")));
  });

  it("verify exits 1 and names the failed checks for a tampered ciphertext", async () => {
    const bundle = JSON.parse(await readFile(file("bundle.json"), "utf8"));
    const bytes = Buffer.from(bundle.ciphertext, "base64");
    bytes[40]! ^= 0x80;
    await writeFile(file("tampered.json"), JSON.stringify({ ...bundle, ciphertext: bytes.toString("base64") }));
    const run = await caretrail(["verify", "tampered.json", "--json"]);
    assert.equal(run.code, 1);
    const verdict = JSON.parse(run.stdout);
    assert.equal(verdict.valid, false);
    assert.deepEqual(
      verdict.checks.filter((c: { status: string }) => c.status === "fail").map((c: { name: string }) => c.name),
      ["content-hash", "content-id"],
    );
  });

  it("disclose writes a disclosure that verifies and hides the other fields", async () => {
    await ok(["disclose", "bundle.json", "--key", "patient.key.json", "--fields", "component.0.valueQuantity.value,status", "--out", "disclosure.json"]);
    const text = await readFile(file("disclosure.json"), "utf8");
    assert.doesNotMatch(text, /Diastolic|"value": 84/);
    const out = await ok(["verify", "disclosure.json"]);
    assert.match(out, /PASS {2}field:component\.0\.valueQuantity\.value/);
    assert.match(out, /disclosure 0x[0-9a-f]{64} is VALID/);
  });

  it("reports an unknown record, a wrong file and a rejected append clearly", async () => {
    await writeFile(file("glucose.json"), await ok(["record", "example", "glucose", "--patient", fx.patient.address]));
    await ok(["record", "encrypt", "glucose.json", "--to", fx.patientKeys.publicKey, "--out", "unappended.json"]);
    await ok(["record", "sign", "unappended.json", "--out", "unappended.json"], { CARETRAIL_PRIVATE_KEY: fx.otherDoctor.privateKey });
    const unknown = await caretrail(["verify", "unappended.json"]);
    assert.equal(unknown.code, 1);
    assert.match(unknown.stdout, /FAIL {2}record-on-chain +no RecordAppended .* the record is unknown here/);

    const rejected = await caretrail(["record", "append", "unappended.json"], { CARETRAIL_PRIVATE_KEY: fx.stranger.privateKey });
    assert.equal(rejected.code, 2);
    assert.match(rejected.stderr, /The contract rejected the transaction: RecordConsentMissing/);

    const wrong = await caretrail(["verify", "record.json"]);
    assert.equal(wrong.code, 2);
    assert.match(wrong.stderr, /neither a record bundle .* nor a disclosure/);

    await writeFile(file("broken.json"), "{ not json");
    const broken = await caretrail(["verify", "broken.json"]);
    assert.equal(broken.code, 2);
    assert.match(broken.stderr, /broken.json is not JSON/);

    const invalid = await caretrail(["record", "encrypt", "deployment.json", "--to", fx.patientKeys.publicKey]);
    assert.equal(invalid.code, 2);
    assert.match(invalid.stderr, /The record is not valid:\n {2}- recordId: /);
  });
});
