// Freshness: a mined access request -> its row in Postgres, at one block per second (automine: each
// transaction is its own block). The indexer follows the head of a small live deployment.
import type { JsonRpcProvider } from "ethers";
import type { Sql } from "@caretrail/indexer";
import { Purpose, Role, type CareTrail } from "@caretrail/sdk";
import type { Signer } from "ethers";
import { summarize, type Summary } from "../src/stats.ts";
import { sleep } from "./runners/common.ts";

export type FreshnessInput = { provider: JsonRpcProvider; careTrail: CareTrail; governance: Signer; patient: Signer; requester: Signer };

/** Enrols one patient and registers one requester, so every sample is a real granted-or-denied request. */
export async function prepareFreshness({ careTrail, governance, patient, requester }: FreshnessInput): Promise<void> {
  await (await careTrail.connect(patient).enrolPatient("0x" + "11".repeat(32))).wait();
  await (await careTrail.connect(governance).registerThirdParty(await requester.getAddress(), Role.Insurer)).wait();
}

/**
 * Sends `samples` requests one second apart and measures, for each, the time from its receipt (mined)
 * to `hasRow(id)` turning true. Polls every 20 ms; the samples overlap, as they would in production.
 */
export async function measureFreshness(
  input: FreshnessInput,
  samples: number,
  hasRow: (id: string) => Promise<boolean>,
  timeoutMs = 30_000,
): Promise<Summary & { values: number[] }> {
  const patient = await input.patient.getAddress();
  const pending: Promise<number>[] = [];
  for (let sample = 0; sample < samples; sample++) {
    const tick = Date.now();
    const receipt = await (await input.careTrail.connect(input.requester).requestAccess(patient, sample % 6, Purpose.Payment)).wait();
    const minedAt = Date.now();
    const id = `${receipt!.hash}-${receipt!.logs[0]!.index}`;
    pending.push(
      (async () => {
        for (;;) {
          if (await hasRow(id)) return Date.now() - minedAt;
          if (Date.now() - minedAt > timeoutMs) throw new Error(`freshness: ${id} not in Postgres within ${timeoutMs / 1000} s`);
          await sleep(20);
        }
      })(),
    );
    await sleep(Math.max(0, 1_000 - (Date.now() - tick)));
  }
  const values = await Promise.all(pending);
  return { ...summarize(values), values };
}

export const rowExists = (sql: Sql, table: string) => async (id: string) => (await sql.unsafe(`select 1 from ${table} where id = $1 limit 1`, [id])).length > 0;
