import { createServer, connect, type Server, type Socket } from "node:net";
import { freePort } from "@caretrail/devstack";

/**
 * A TCP link to a local server that a test can cut (the port refuses connections and open ones are dropped)
 * and restore on the same port: the chain "goes away" without losing the in-memory Hardhat chain behind it.
 */
export type CuttableLink = { url: string; cut: () => Promise<void>; restore: () => Promise<void>; close: () => Promise<void> };

export async function startCuttableLink(upstreamPort: number): Promise<CuttableLink> {
  const port = await freePort();
  const sockets = new Set<Socket>();
  let server: Server | undefined;
  const open = async () => {
    server = createServer((client) => {
      const upstream = connect(upstreamPort, "127.0.0.1");
      for (const socket of [client, upstream]) {
        sockets.add(socket);
        socket.on("close", () => sockets.delete(socket));
        socket.on("error", () => {
          client.destroy();
          upstream.destroy();
        });
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve) => server!.listen(port, "127.0.0.1", resolve));
  };
  const shut = async () => {
    if (!server) return;
    const closing = new Promise<void>((resolve) => server!.close(() => resolve()));
    for (const socket of sockets) socket.destroy();
    await closing;
    server = undefined;
  };
  await open();
  return { url: `http://127.0.0.1:${port}`, cut: shut, restore: open, close: shut };
}
