import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import WebSocket from "ws";
import { devAccount } from "@caretrail/devstack";
import { startApi, type StartApiParameters, type StartedApi } from "../../src/index.ts";
import { clientWithToken, errorCode, siweMessage, type ApiClient } from "../support/client.ts";
import { cast } from "../support/scenario.ts";
import type { World } from "../support/world.ts";

/** Two API processes over one database (their own state schema), as replicas behind one address would run. */
export function replicaSuite(world: () => World): void {
  const replicas: StartedApi[] = [];
  let settings: StartApiParameters;
  const startReplica = async () => {
    const api = await startApi(settings);
    replicas.push(api);
    return api;
  };

  before(async () => {
    const { stack } = world();
    settings = {
      databaseUrl: stack.database.url,
      dbSchema: "api_test",
      stateSchema: "replica_state",
      sessionSecret: "replica-secret",
      siweDomain: "caretrail.replicas.test",
      deployment: { chainId: stack.deployment.chainId, address: stack.deployment.address },
      signInRateLimits: { perIp: { points: 1_000, durationSeconds: 60 }, perAddress: { points: 4, durationSeconds: 60 } },
      sessionRecheckIntervalMs: 200,
      disclosure: { epsilonPerDay: 3 },
      log: () => {},
    };
    await startReplica();
    await startReplica();
  });
  after(async () => {
    for (const api of replicas) await api.stop().catch(() => undefined);
  });

  const signInVia = async (nonceFrom: StartedApi, verifyOn: StartedApi, accountIndex: number) => {
    const wallet = devAccount(accountIndex);
    const message = await siweMessage(nonceFrom.url, wallet);
    const signature = await wallet.signMessage(message);
    const verify = () =>
      fetch(`${verifyOn.url}/auth/verify`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ message, signature }) });
    return { verify, wallet };
  };
  const clientOf = async (response: Response, api: StartedApi, address: string): Promise<ApiClient> => {
    const body = (await response.json()) as { token: string };
    return clientWithToken(api.url, body.token, address.toLowerCase());
  };

  test("a nonce issued by one replica is redeemed on the other, once", async () => {
    const [a, b] = replicas;
    const { verify } = await signInVia(a!, b!, cast.auditor);
    assert.equal((await verify()).status, 200, "redeemed on the other replica");
    assert.equal((await verify()).status, 401, "a nonce is single use across replicas");
  });

  test("sign-out on one replica is honoured by the other, and closes its open WebSocket with 4401", async () => {
    const [a, b] = replicas;
    const { verify, wallet } = await signInVia(a!, a!, cast.auditor);
    const client = await clientOf(await verify(), b!, wallet.address);
    assert.equal(errorCode(await client.query("{ viewer { address } }")), undefined);
    const closed = new Promise<number>((resolve) => {
      const socket = new WebSocket(b!.url.replace("http", "ws") + "/graphql", "graphql-transport-ws");
      socket.on("open", () => socket.send(JSON.stringify({ type: "connection_init", payload: { authorization: `Bearer ${client.token}` } })));
      socket.on("message", () => {
        void fetch(`${a!.url}/auth/signout`, { method: "POST", headers: { authorization: `Bearer ${client.token}` } }).then((out) =>
          assert.equal(out.status, 204),
        );
      });
      socket.on("close", (code) => resolve(code));
    });
    assert.equal(await closed, 4401);
    assert.equal(errorCode(await client.query("{ viewer { address } }")), "UNAUTHENTICATED");
  });

  test("a sign-in rate limit hit on one replica holds on the other", async () => {
    const [a, b] = replicas;
    const wallet = devAccount(cast.stranger);
    const badVerify = async (api: StartedApi) => {
      const message = await siweMessage(api.url, wallet);
      return (
        await fetch(`${api.url}/auth/verify`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ message, signature: "0x00" }),
        })
      ).status;
    };
    const statuses = [await badVerify(a!), await badVerify(a!), await badVerify(a!), await badVerify(a!)];
    assert.deepEqual(statuses, [401, 401, 401, 401]);
    assert.equal(await badVerify(b!), 429, "the other replica counts the same attempts");
  });

  test("privacy budget spent on one replica is spent on the other; a restart keeps the budget and the noise", async () => {
    const [a, b] = replicas;
    const signInOn = async (api: StartedApi) => {
      const { verify, wallet } = await signInVia(api, api, cast.researcher);
      return clientOf(await verify(), api, wallet.address);
    };
    const [onA, onB] = [await signInOn(a!), await signInOn(b!)];
    const budget = `{ analytics { privacyBudget { epsilonSpent epsilonRemaining } } }`;
    const grid = (kind: string) => `{ analytics(filter: { kinds: [${kind}] }) { accesses { bucketStart kind actorRole count patients suppressed } } }`;
    const spent = async (client: ApiClient) => (await client.query(budget)).data.analytics.privacyBudget.epsilonSpent as number;
    const first = await onA.query(grid("GRANT"));
    assert.equal(first.errors, undefined, JSON.stringify(first.errors));
    assert.equal(await spent(onB), 1, "B sees what A charged");
    assert.deepEqual((await onB.query(grid("GRANT"))).data, first.data, "the same noise on both replicas, and the repeat is free");
    assert.equal(await spent(onA), 1);
    assert.equal((await onB.query(grid("DENIAL"))).errors, undefined);
    assert.equal((await onA.query(grid("READ"))).errors, undefined);
    assert.equal(errorCode(await onB.query(grid("EMERGENCY"))), "PRIVACY_BUDGET_EXHAUSTED", "3 ε a day, spent across both");

    await a!.stop();
    replicas.splice(replicas.indexOf(a!), 1);
    const restarted = await startReplica();
    const again = await signInOn(restarted);
    assert.equal(await spent(again), 3, "the budget survives the restart");
    assert.deepEqual((await again.query(grid("GRANT"))).data, first.data, "the noise is identical after the restart");
    assert.equal(errorCode(await again.query(grid("EMERGENCY"))), "PRIVACY_BUDGET_EXHAUSTED");
  });
}
