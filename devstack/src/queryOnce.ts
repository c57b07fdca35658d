import postgres from "postgres";

/** Runs `text` (one or more statements, no parameters) on a connection opened for it and closed after; returns the last rows. */
export async function queryOnce<Row extends Record<string, unknown>>(url: string, text: string): Promise<Row[]> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    return [...(await sql.unsafe<Row[]>(text))];
  } finally {
    await sql.end();
  }
}
