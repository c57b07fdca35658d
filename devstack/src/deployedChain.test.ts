import assert from "node:assert/strict";
import { test } from "node:test";
import { NonceManager } from "ethers";
import { startDeployedChain } from "./deployedChain.js";

test("startDeployedChain deploys CareTrail with account 0, shares each account's signer, and stops the chain", async () => {
  const deployed = await startDeployedChain();
  try {
    assert.ok(deployed.account(1) instanceof NonceManager);
    assert.equal(deployed.account(1), deployed.account(1), "one NonceManager per account");
    assert.equal(deployed.deployment.address, await deployed.careTrail.getAddress());
    assert.ok((await deployed.provider.getCode(deployed.deployment.address)).length > 2);
    // Two transactions from one account, neither waited for: the shared NonceManager numbers them. (Sent one after the
    // other: an automining Hardhat refuses nonce 1 arriving before nonce 0.)
    const to = deployed.account(2).address;
    const first = await deployed.account(1).sendTransaction({ to, value: 1n });
    const second = await deployed.account(1).sendTransaction({ to, value: 2n });
    assert.deepEqual([first.nonce, second.nonce], [0, 1]);
  } finally {
    await deployed.stop();
  }
  assert.notEqual(deployed.chain.process.exitCode ?? deployed.chain.process.signalCode, null);
});
