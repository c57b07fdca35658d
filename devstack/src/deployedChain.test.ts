import assert from "node:assert/strict";
import { test } from "node:test";
import { startDeployedChain } from "./deployedChain.js";

test("startDeployedChain deploys CareTrail with account 0, shares each account's signer, and stops the chain", async () => {
  const deployed = await startDeployedChain();
  try {
    assert.equal(deployed.account(1), deployed.account(1), "one NonceManager per account");
    assert.equal(deployed.deployment.address, await deployed.careTrail.getAddress());
    assert.ok((await deployed.provider.getCode(deployed.deployment.address)).length > 2);
    // Two transactions back to back from one account: the shared NonceManager numbers them.
    const to = deployed.account(2).address;
    const sent = await Promise.all([1n, 2n].map((value) => deployed.account(1).sendTransaction({ to, value })));
    assert.deepEqual(
      sent.map((tx) => tx.nonce),
      [0, 1],
    );
  } finally {
    await deployed.stop();
  }
  assert.notEqual(deployed.chain.process.exitCode ?? deployed.chain.process.signalCode, null);
});
