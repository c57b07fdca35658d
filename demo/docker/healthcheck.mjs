// Container health checks, with nothing but Node (the images have no curl):
//   healthcheck.mjs rpc <url>     a JSON-RPC node answers eth_chainId
//   healthcheck.mjs http <url>    an HTTP server answers with a status below 500
//   healthcheck.mjs indexer       the indexer has caught up with the chain head it last saw (DATABASE_URL,
//                                 INDEXER_DB_SCHEMA); SubQuery's own indexerHealthy flag turns false on an idle chain
const [mode, target] = process.argv.slice(2);

async function check() {
  if (mode === "rpc") {
    const response = await fetch(target, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_chainId", params: [] }),
    });
    return (await response.json()).result !== undefined;
  }
  if (mode === "http") return (await fetch(target)).status < 500;
  if (mode === "indexer") {
    const { default: pg } = await import("pg");
    const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await client.connect();
    try {
      const schema = pg.escapeIdentifier(process.env.INDEXER_DB_SCHEMA ?? "caretrail");
      const { rows } = await client.query(`select key, value from ${schema}._metadata where key in ('lastProcessedHeight', 'targetHeight')`);
      const height = (key) => Number(rows.find((row) => row.key === key)?.value ?? Number.NaN);
      return height("lastProcessedHeight") >= height("targetHeight");
    } finally {
      await client.end();
    }
  }
  throw new Error(`unknown health check mode ${mode}: use rpc <url>, http <url> or indexer`);
}

check().then(
  (healthy) => process.exit(healthy ? 0 : 1),
  (error) => {
    console.error(error.message);
    process.exit(1);
  },
);
