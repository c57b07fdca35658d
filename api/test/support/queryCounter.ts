import net from "node:net";

/**
 * A loopback TCP proxy in front of Postgres that counts the statements a client sends (Sync and simple Query
 * messages of the wire protocol), so a test can assert how many queries one API request costs.
 */
export type QueryCounter = { databaseUrl: string; count: () => number; stop: () => Promise<void> };

export async function startQueryCounter(databaseUrl: string): Promise<QueryCounter> {
  const target = new URL(databaseUrl);
  let statements = 0;
  const server = net.createServer((client) => {
    const upstream = net.connect(Number(target.port || 5432), target.hostname === "localhost" ? "127.0.0.1" : target.hostname);
    let buffered = Buffer.alloc(0);
    let started = false;
    client.on("data", (chunk: Buffer) => {
      upstream.write(chunk);
      buffered = Buffer.concat([buffered, chunk]);
      for (;;) {
        if (!started) {
          if (buffered.length < 8) break;
          const length = buffered.readInt32BE(0);
          if (buffered.length < length) break;
          started = buffered.readInt32BE(4) === 196_608; // protocol 3.0; SSLRequest and others come before it
          buffered = buffered.subarray(length);
          continue;
        }
        if (buffered.length < 5) break;
        const length = buffered.readInt32BE(1);
        if (buffered.length < 1 + length) break;
        const type = String.fromCharCode(buffered[0]!);
        if (type === "S" || type === "Q") statements++;
        buffered = buffered.subarray(1 + length);
      }
    });
    upstream.on("data", (chunk) => client.write(chunk));
    client.on("close", () => upstream.destroy());
    upstream.on("close", () => client.destroy());
    client.on("error", () => upstream.destroy());
    upstream.on("error", () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const proxied = new URL(databaseUrl);
  proxied.hostname = "127.0.0.1";
  proxied.port = String((server.address() as net.AddressInfo).port);
  return {
    databaseUrl: proxied.toString(),
    count: () => statements,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
