import assert from "node:assert/strict";
import { test } from "node:test";
import { devAccount } from "@caretrail/devstack";
import { clientWithToken, errorCode, signIn, siweMessage } from "../support/client.ts";
import { cast } from "../support/scenario.ts";
import type { World } from "../support/world.ts";

export function signInSuite(world: () => World): void {
  const verify = (message: string, signature: string) =>
    fetch(`${world().stack.api.url}/auth/verify`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ message, signature }),
    });

  test("SIWE sign-in gives a session whose roles come from the indexed registry", async () => {
    const { clients } = world();
    const roles = async (client: typeof clients.patient) => (await client.query("{ viewer { roles } }")).data.viewer.roles;
    assert.deepEqual(await roles(clients.patient), ["PATIENT"]);
    assert.deepEqual(await roles(clients.provider), ["PROVIDER"]);
    assert.deepEqual(await roles(clients.insurer), ["INSURER"]);
    assert.deepEqual(await roles(clients.auditor), ["AUDITOR"]);
    assert.deepEqual(await roles(clients.researcher), ["RESEARCHER"]);
    assert.deepEqual(await roles(clients.governance), ["GOVERNANCE"]);
    assert.deepEqual(await roles(clients.stranger), []);
  });

  test("governance granted on-chain applies from the next request, and a revoke takes it away again", async () => {
    const { stack } = world();
    // An account no other test uses, so its passing membership is seen by none of them.
    const member = 19;
    const client = await signIn(stack.api.url, member);
    const roles = async () => (await client.query("{ viewer { roles } }")).data.viewer.roles;
    const careTrail = stack.careTrail.connect(stack.account(cast.governance));
    const governanceRole = await careTrail.GOVERNANCE_ROLE();
    assert.deepEqual(await roles(), []);
    await (await careTrail.grantRole(governanceRole, stack.account(member).address)).wait();
    await stack.waitForIndexer();
    assert.deepEqual(await roles(), ["GOVERNANCE"]);
    await (await careTrail.revokeRole(governanceRole, stack.account(member).address)).wait();
    await stack.waitForIndexer();
    assert.deepEqual(await roles(), []);
    await (await careTrail.grantRole(governanceRole, stack.account(member).address)).wait();
    await stack.waitForIndexer();
    assert.deepEqual(await roles(), ["GOVERNANCE"], "a second grant after a revoke makes it a member again");
    await (await careTrail.revokeRole(governanceRole, stack.account(member).address)).wait();
    await stack.waitForIndexer();
    assert.deepEqual(await roles(), []);
  });

  test("a nonce signs in once; a replay is refused", async () => {
    const wallet = devAccount(cast.stranger);
    const message = await siweMessage(world().stack.api.url, wallet);
    const signature = await wallet.signMessage(message);
    assert.equal((await verify(message, signature)).status, 200);
    const replay = await verify(message, signature);
    assert.equal(replay.status, 401);
    assert.match(((await replay.json()) as { error: { message: string } }).error.message, /nonce/);
  });

  test("a message for another domain, or signed by another key, is refused", async () => {
    const url = world().stack.api.url;
    const wallet = devAccount(cast.stranger);
    const otherDomain = await siweMessage(url, wallet, { domain: "evil.example" });
    assert.equal((await verify(otherDomain, await wallet.signMessage(otherDomain))).status, 401);
    const message = await siweMessage(url, wallet);
    assert.equal((await verify(message, await devAccount(cast.auditor).signMessage(message))).status, 401);
  });

  test("anonymous callers see public contract metadata and nothing else", async () => {
    const { clients, stack } = world();
    const result = await clients.anonymous.query("{ contract { chainId address indexedHeight } }");
    assert.equal(result.errors, undefined);
    assert.equal(result.data.contract.address, stack.deployment.address.toLowerCase());
    assert.equal(errorCode(await clients.anonymous.query("{ viewer { address } }")), "UNAUTHENTICATED");
  });

  test("a forged or garbled token is UNAUTHENTICATED, not anonymous", async () => {
    const forged = clientWithToken(world().stack.api.url, `${world().clients.auditor.token!.split(".")[0]}.AAAA`, undefined);
    const result = await forged.query("{ contract { chainId } }");
    assert.equal(errorCode(result), "UNAUTHENTICATED");
  });
}
