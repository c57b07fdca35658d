// Server-sent events relaying the API's auditEvents subscription, so the session token never reaches page scripts.
import { createClient } from "graphql-ws";
import WebSocket from "ws";
import { apiUrl } from "@/lib/config";
import { errorResponse } from "@/lib/routeErrors";
import { readSession } from "@/lib/session";

export const dynamic = "force-dynamic";

const SUBSCRIPTION = "subscription($patient: Address) { auditEvents(patient: $patient) { id kind patient } }";

/** GET ?patient=0x… (auditors may omit it): one `event` message per new access event. */
export async function GET(request: Request) {
  const session = await readSession();
  if (!session) return errorResponse("UNAUTHENTICATED", "Sign in to follow the live audit feed.");
  const patient = new URL(request.url).searchParams.get("patient") ?? undefined;
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
      unsubscribe = client.subscribe<{ auditEvents: unknown }>(
        { query: SUBSCRIPTION, variables: { patient } },
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
