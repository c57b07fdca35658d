// `explain analyze` of the slowest question kinds' main statement (the first one the API sends for it).
import type postgres from "postgres";
import { readEnumTypes, statementsOf } from "./baseline.ts";
import type { KindSummary } from "./latencies.ts";
import type { Question } from "./mix.ts";

export async function explainSlowest(
  sql: postgres.Sql<Record<string, never>>,
  schema: string,
  perKind: Record<string, KindSummary>,
  mix: (round: number) => Question[],
  count = 3,
) {
  const slowest = Object.entries(perKind)
    .filter(([kind]) => kind !== "transport")
    .sort(([, a], [, b]) => b.p95 - a.p95)
    .slice(0, count)
    .map(([kind]) => kind);
  const enums = await readEnumTypes(async (text) => ({ rows: (await sql.unsafe(text)) as unknown as { column_name: string; t: string }[] }), schema);
  const plans: { kind: string; statement: string; plan: string[] }[] = [];
  for (const kind of slowest) {
    const question = mix(0).find((candidate) => candidate.kind === kind);
    if (!question) continue;
    const statements = statementsOf(schema, question, enums);
    // The heaviest statement of the question: the count for timelines, the grid for analytics.
    const statement = statements[kind.startsWith("analytics") || kind.startsWith("record") ? 0 : statements.length - 1]!;
    const rows = await sql.unsafe(`explain (analyze, buffers) ${statement.text}`, statement.values as never[]);
    plans.push({ kind, statement: statement.text.replace(/\s+/g, " "), plan: rows.map((row) => row["QUERY PLAN"] as string) });
  }
  return plans;
}
