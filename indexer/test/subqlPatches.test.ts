// The SubQuery patches (scripts/subqlPatches.mjs) are in the installed node_modules, and a patch whose target
// code changed stops the install instead of being skipped.
import assert from "node:assert/strict";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { test } from "node:test";
import { ethers } from "ethers";
import { applySubqlPatches, subqlPatches, unappliedSubqlPatches } from "../scripts/subqlPatches.mjs";
import { subqlDir } from "../src/paths.ts";

const nodeModules = path.join(subqlDir, "node_modules");

test("every SubQuery patch is applied in indexer/subql/node_modules", () => {
  assert.deepEqual(
    unappliedSubqlPatches(nodeModules).map((patch) => patch.name),
    [],
    "run `npm run install:subql -w indexer`",
  );
});

test("applying the patches again changes nothing", () => {
  const copy = mkdtempSync(path.join(tmpdir(), "subql-patches-"));
  try {
    for (const file of new Set(subqlPatches.map((patch) => patch.file))) cpSync(path.join(nodeModules, file), path.join(copy, file));
    assert.deepEqual(applySubqlPatches(copy), []);
  } finally {
    rmSync(copy, { recursive: true, force: true });
  }
});

test("a patch whose code changed upstream fails the install, naming the patch", () => {
  const copy = mkdtempSync(path.join(tmpdir(), "subql-patches-"));
  try {
    for (const file of new Set(subqlPatches.map((patch) => patch.file))) {
      cpSync(path.join(nodeModules, file), path.join(copy, file));
    }
    writeFileSync(path.join(copy, subqlPatches[0]!.file), "class BlockchainService { async getChainInterval() { return 5000; } }\n");
    assert.throws(() => applySubqlPatches(copy), new RegExp(`SubQuery patch ${subqlPatches[0]!.name}: the code it changes is not in`));
  } finally {
    rmSync(copy, { recursive: true, force: true });
  }
});

test("lazy-log-args: a dispatched log is decoded when its args are first read, once, and a bad log reads as no args", async () => {
  const apiFile = path.join(nodeModules, "@subql/node-ethereum/dist/ethereum/api.ethereum.js");
  const nodeRequire = createRequire(apiFile);
  // The node's entry point sets up SubQuery's logger before anything asks it for a category.
  (nodeRequire("@subql/node-core/dist/logger") as { initLogger: (debug?: string, format?: string, level?: string) => void }).initLogger(
    undefined,
    "json",
    "error",
  );
  const { EthereumApi } = nodeRequire(apiFile) as { EthereumApi: { prototype: object } };
  // The node's own ethers 5 decoder, counted.
  const { Interface } = nodeRequire("@ethersproject/abi") as { Interface: { prototype: { decodeEventLog: (...args: unknown[]) => unknown } } };
  const decodeEventLog = Interface.prototype.decodeEventLog;
  let decodes = 0;
  Interface.prototype.decodeEventLog = function (this: unknown, ...args: unknown[]) {
    decodes++;
    return decodeEventLog.apply(this, args);
  };
  try {
    const abiFile = path.join(subqlDir, "abis", "CareTrail.json");
    const abi = new ethers.Interface(JSON.parse(readFileSync(abiFile, "utf8")) as ethers.InterfaceAbi);
    const patient = ethers.getAddress("0x00000000000000000000000000000000000000aa");
    const key = ethers.zeroPadValue("0x01", 32);
    const encoded = abi.encodeEventLog("PatientEnrolled", [patient, key]);
    const ds = { options: { abi: "CareTrail" }, assets: new Map([["CareTrail", { file: abiFile }]]) };
    // A bare instance: parseLog needs only its interface cache, not a connection.
    type ParseLog = (log: object, datasource: object) => Promise<{ args?: { patient: string; encryptionKey: string } }>;
    const api: { parseLog: ParseLog } = Object.assign(Object.create(EthereumApi.prototype) as { parseLog: ParseLog }, { contractInterfaces: {} });

    const log = await api.parseLog({ address: patient, topics: encoded.topics, data: encoded.data }, ds);
    assert.equal(decodes, 0, "parseLog decoded the log before anything read its args");
    assert.equal(log.args?.patient, patient);
    assert.equal(log.args?.encryptionKey, key);
    assert.equal(decodes, 1, "the args were decoded once and kept");

    const bad = await api.parseLog({ address: patient, topics: encoded.topics, data: "0x01" }, ds);
    assert.equal(bad.args, undefined);
  } finally {
    Interface.prototype.decodeEventLog = decodeEventLog;
  }
});
