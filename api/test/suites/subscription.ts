import assert from "node:assert/strict";
import { test } from "node:test";
import { createClient } from "graphql-ws";
import WebSocket from "ws";
import { Purpose, RecordCategory } from "@caretrail/sdk";
import { startApi } from "../../src/index.ts";
import { signIn } from "../support/client.ts";
import { cast } from "../support/scenario.ts";
import type { World } from "../support/world.ts";
import { overWorldProjection, worldDeployment } from "./secondApi.ts";

type Next = { data?: { auditEvents: { kind: string; actor: string; patient: string } } | null; errors?: readonly { extensions?: { code?: string } }[] };

function subscribe(world: World, token: string | undefined, patient: string) {
  const client = createClient({
    url: world.stack.api.url.replace("http", "ws") + "/graphql",
    webSocketImpl: WebSocket,
    connectionParams: { authorization: `Bearer ${token}` },
    retryAttempts: 0,
  });
  const iterator = client.iterate<Next["data"]>({
    query: `subscription($p: Address) { auditEvents(patient: $p) { kind actor patient } }`,
    variables: { p: patient },
  });
  return { iterator, dispose: () => client.dispose() };
}

export function subscriptionSuite(world: () => World): void {
  test("a patient's subscription delivers an access event mined after subscribing", async () => {
    const w = world();
    const { iterator, dispose } = subscribe(w, w.clients.patient.token, w.scenario.patient);
    try {
      const first = iterator.next();
      await new Promise((resolve) => setTimeout(resolve, 500));
      const provider = w.stack.careTrail.connect(w.stack.account(cast.provider));
      await (await provider.requestAccess(w.scenario.patient, RecordCategory.Notes, Purpose.Treatment)).wait();
      const received = await Promise.race([first, new Promise<never>((_, reject) => setTimeout(() => reject(new Error("no event within 30 s")), 30_000))]);
      const event = (received.value as Next).data!.auditEvents;
      assert.equal(event.patient, w.scenario.patient);
      assert.equal(event.actor, w.scenario.addressOf(cast.provider));
    } finally {
      await iterator.return?.();
      await dispose();
    }
  });

  test("subscribing to another patient's events is FORBIDDEN", async () => {
    const w = world();
    const { iterator, dispose } = subscribe(w, w.clients.otherPatient.token, w.scenario.patient);
    try {
      const outcome = await iterator.next().then(
        (result) => (result.value as Next).errors?.[0]?.extensions?.code,
        (errors: unknown) => (errors as readonly { extensions?: { code?: string } }[])[0]?.extensions?.code,
      );
      assert.equal(outcome, "FORBIDDEN");
    } finally {
      await dispose();
    }
  });

  test("an open subscription is closed with 4401 when its session token expires", async () => {
    // Its own API with 3-second sessions, over the same projection.
    const api = await startApi({
      ...overWorldProjection(world()),
      sessionSecret: "short-sessions",
      sessionTtlSeconds: 3,
      stateSchema: "short_sessions_state",
      deployment: worldDeployment(world()),
    });
    try {
      const client = await signIn(api.url, cast.auditor);
      const opened = Date.now();
      const closed = await new Promise<{ code: number; afterMs: number; subscribed: boolean }>((resolve, reject) => {
        let subscribed = false;
        const socket = new WebSocket(api.url.replace("http", "ws") + "/graphql", "graphql-transport-ws");
        socket.on("open", () => socket.send(JSON.stringify({ type: "connection_init", payload: { authorization: `Bearer ${client.token}` } })));
        socket.on("message", (data) => {
          if (JSON.parse((data as Buffer).toString()).type !== "connection_ack") return;
          socket.send(JSON.stringify({ id: "1", type: "subscribe", payload: { query: "subscription { auditEvents { kind } }" } }));
          subscribed = true;
        });
        socket.on("close", (code) => resolve({ code, afterMs: Date.now() - opened, subscribed }));
        setTimeout(() => reject(new Error("the socket was still open 15 s after its session expired")), 18_000).unref();
      });
      assert.equal(closed.subscribed, true);
      assert.equal(closed.code, 4401);
      assert.ok(closed.afterMs >= 1_500 && closed.afterMs < 8_000, `closed after ${closed.afterMs} ms`);
    } finally {
      await api.stop();
    }
  });
}
