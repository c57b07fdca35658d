import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { once } from "node:events";
import http from "node:http";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { probeRpc } from "@caretrail/sdk";
import { JsonRpcProvider } from "ethers";
import { devAccount } from "./devAccounts.js";
import { startLocalChain } from "./localChain.js";

test("startLocalChain serves Hardhat's chain 31337 with the development accounts funded, and stop() ends it", async () => {
  const chain = await startLocalChain();
  try {
    assert.equal(await probeRpc(chain.rpcUrl), 31337);
    const provider = new JsonRpcProvider(chain.rpcUrl, 31337, { staticNetwork: true });
    const deployer = devAccount(0, provider);
    // Hardhat's well-known account #0: a different mnemonic or path would fund nobody.
    assert.equal(deployer.address, "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266");
    assert.ok((await provider.getBalance(deployer.address)) > 0n);
    provider.destroy();
  } finally {
    await chain.stop();
  }
  assert.equal(await probeRpc(chain.rpcUrl), undefined);
});

test("a child started with exitWithParentFlags exits when its parent is killed", async () => {
  // The parent starts a child that would run forever, prints its pid, and is killed at once, without any cleanup:
  // usually before the child has finished starting.
  const parent = [
    `import { spawn } from "node:child_process";`,
    `import { exitWithParentFlags } from ${JSON.stringify(import.meta.resolve("./exitWithParent.ts"))};`,
    `const child = spawn(process.execPath, [...exitWithParentFlags(), "-e", "setInterval(() => {}, 1000)"], { stdio: "ignore" });`,
    `console.log(child.pid);`,
    `setInterval(() => {}, 1000);`,
  ].join("\n");
  const parentProcess = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", parent], { stdio: ["ignore", "pipe", "inherit"] });
  const [firstLine] = (await once(parentProcess.stdout, "data")) as [Buffer];
  const childPid = Number(firstLine.toString().trim());
  assert.ok(childPid > 0, `no child pid in ${firstLine.toString()}`);
  // A zombie (exited, not yet reaped by whoever adopted it) still answers signal 0: read its state instead.
  const isAlive = () => {
    try {
      return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${childPid}/stat`, "utf8"));
    } catch {
      return false;
    }
  };
  assert.ok(isAlive(), "the child did not start");
  parentProcess.kill("SIGKILL");
  await once(parentProcess, "exit");
  const deadline = Date.now() + 5_000;
  while (isAlive() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
  const survived = isAlive();
  if (survived) process.kill(childPid, "SIGKILL");
  assert.equal(survived, false, "the child outlived its parent by 5 s");
});

test("the node keeps an idle keep-alive connection past Node's 5 s default, so a client reusing it meets no reset", async () => {
  // SubQuery's RPC client keeps sockets alive with no idle limit of its own: when the node closed one at 5 s just as
  // the client sent on it, the client got ECONNRESET (socket hang up) and the indexer stopped mid-run.
  const chain = await startLocalChain();
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const ask = () =>
    new Promise<{ reusedSocket: boolean }>((resolve, reject) => {
      const request = http.request(chain.rpcUrl, { method: "POST", agent, headers: { "content-type": "application/json" } }, (response) => {
        response.resume();
        response.on("end", () => resolve({ reusedSocket: request.reusedSocket }));
      });
      request.on("error", reject);
      request.end(JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_chainId", params: [] }));
    });
  try {
    assert.equal((await ask()).reusedSocket, false);
    await new Promise((resolve) => setTimeout(resolve, 6_000));
    assert.equal((await ask()).reusedSocket, true, "the node closed the idle connection");
  } finally {
    agent.destroy();
    await chain.stop();
  }
});
