// Server-sent events relaying the API's auditEvents subscription, so the session token never reaches page scripts.
import type { ResultOf, VariablesOf } from "@graphql-typed-document-node/core";
import { print } from "graphql";
import { createClient } from "graphql-ws";
import WebSocket from "ws";
import { apiUrl } from "@/lib/config";
import { graphql } from "@/lib/generated";
import { errorResponse } from "@/lib/routeErrors";
import { readSession } from "@/lib/session";

export const dynamic = "force-dynamic";

const SUBSCRIPTION = graphql(`
  subscription AuditEvents($patient: Address, $afterBlock: Int) {
    auditEvents(patient: $patient, afterBlock: $afterBlock) {
      id
      kind
      patient
    }
  }
`);

/**
 * GET ?patient=0x… (auditors may omit it)&afterBlock=N (the height the page was read at): one `event` message per
 * access event indexed after that height, then per new one.
 */
export async function GET(request: Request) {
  const session = await readSession();
  if (!session) return errorResponse("UNAUTHENTICATED", "Sign in to follow the live audit feed.");
  const params = new URL(request.url).searchParams;
  const patient = params.get("patient") ?? undefined;
  const afterBlockText = params.get("afterBlock");
  if (afterBlockText !== null && !/^\d{1,15}$/.test(afterBlockText)) return errorResponse("BAD_USER_INPUT", "afterBlock must be a block number.");
  const afterBlock = afterBlockText === null ? undefined : Number(afterBlockText);
  const encoder = new TextEncoder();
  const client = createClient({
    url: `${apiUrl().replace(/^http/, "ws")}/graphql`,
    webSocketImpl: WebSocket,
    connectionParams: { authorization: `Bearer ${session.token}` },
    lazy: false,
    retryAttempts: 3,
  });
  let unsubscribe = () => {};
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      const send = (event: string, data: unknown) => controller.enqueue(encoder.encode(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`));
      send("ready", {});
      const variables: VariablesOf<typeof SUBSCRIPTION> = { patient, afterBlock };
      unsubscribe = client.subscribe<ResultOf<typeof SUBSCRIPTION>>(
        { query: print(SUBSCRIPTION), variables },
        {
          next: ({ data, errors }) => (errors?.length ? send("failure", { message: errors[0]!.message }) : send("event", data?.auditEvents)),
          error: (error) => {
            send("failure", { message: error instanceof Error ? error.message : "The live feed closed: reload to reconnect." });
            controller.close();
          },
          complete: () => controller.close(),
        },
      );
      request.signal.addEventListener("abort", () => {
        unsubscribe();
        void client.dispose();
      });
    },
    cancel() {
      unsubscribe();
      void client.dispose();
    },
  });
  return new Response(stream, { headers: { "content-type": "text/event-stream", "cache-control": "no-cache, no-transform", connection: "keep-alive" } });
}
