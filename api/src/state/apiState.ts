// The API's own state in Postgres, so any number of replicas behind one address agree on it: sign-in nonces,
// sign-outs, sign-in rate limits, analytics privacy budgets and the analytics noise key. It lives in its own schema
// (never the indexer's), created at start when missing.
import { randomBytes } from "node:crypto";
import pg from "pg";
import postgres from "postgres";
import { RateLimiterPostgres } from "rate-limiter-flexible";
import type { AuthStores, SignInRateLimits } from "../auth/authStores.js";
import type { BudgetLedger } from "../privacy/disclosurePolicy.js";
import { databaseUnavailable, isDatabaseUnavailable, type Fragment, type Sql } from "../db.js";

export const DEFAULT_STATE_SCHEMA = "caretrail_api";
const NOISE_KEY_BYTES = 32;

export type ApiState = {
  authStores: AuthStores;
  /** `schema.table` of the sign-outs authStores.revocations keeps, for readers in the same database. */
  revocationsTable: string;
  budgetLedger: BudgetLedger;
  /** The analytics noise key: from config when given, else generated once and kept in the schema. */
  noiseKey: Uint8Array;
  close: () => Promise<void>;
};

export type OpenApiStateParameters = {
  databaseUrl: string;
  schema?: string;
  signInRateLimits: SignInRateLimits;
  /** CARETRAIL_PRIVACY_NOISE_KEY: base64 or hex of at least 32 bytes. */
  noiseKey?: string;
};

/**
 * The rows (one or none) saying that session `sessionId` was signed out and the sign-out has not expired: the one
 * sign-out predicate, for authStores.revocations here and for loadViewerUnlessSignedOut reading it beside the roles.
 */
export function activeRevocation(sql: Sql, revocationsTable: string, sessionId: string): Fragment {
  return sql`select 1 from ${sql(revocationsTable)} where session_id = ${sessionId} and expires_at > now()`;
}

/** Runs a state query; a database that is down or unreachable becomes the API's retryable 503. */
async function orUnavailable<T>(query: () => Promise<T>): Promise<T> {
  try {
    return await query();
  } catch (error) {
    throw isDatabaseUnavailable(error) ? databaseUnavailable() : error;
  }
}

export async function openApiState({ databaseUrl, schema = DEFAULT_STATE_SCHEMA, signInRateLimits, noiseKey }: OpenApiStateParameters): Promise<ApiState> {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) throw new Error(`The API state schema must be a lower-case SQL identifier, not "${schema}".`);
  // As the projection connects (db.ts): a constant 50 ms reconnect backoff and a short connect timeout, so an
  // outage fails requests fast with a 503 and the first request after it succeeds.
  const sql = postgres(databaseUrl, { max: 4, onnotice: () => {}, idle_timeout: 30, connect_timeout: 2, backoff: () => 0.05 });
  // rate-limiter-flexible speaks node-postgres; a small pool of its own.
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 2, idleTimeoutMillis: 30_000 });
  // An idle client whose server went away (a Postgres restart or shutdown) is dropped by the pool, which then emits
  // "error": unhandled, that event would kill the API. Requests in flight still get their own error (a 503).
  pool.on("error", () => {});
  try {
    await createTables(sql, schema);
    const table = (name: string) => sql(`${schema}.${name}`);
    const revocationsTable = `${schema}.session_revocations`;
    const limiter = async (keyPrefix: string, limits: { points: number; durationSeconds: number }, tableCreated: boolean) => {
      let created: (error?: Error) => void = () => {};
      const ready = new Promise<void>((resolve, reject) => (created = (error) => (error ? reject(error) : resolve())));
      const rateLimiter = new RateLimiterPostgres(
        {
          storeClient: pool,
          storeType: "pool",
          schemaName: schema,
          tableName: "rate_limits",
          tableCreated,
          clearExpiredByTimeout: true,
          keyPrefix,
          points: limits.points,
          duration: limits.durationSeconds,
        },
        (error?: Error) => created(error),
      );
      await ready;
      return rateLimiter;
    };
    const signInByIp = await limiter("sign-in-ip", signInRateLimits.perIp, false);
    const signInByAddress = await limiter("sign-in-address", signInRateLimits.perAddress, true);
    const authStores: AuthStores = {
      nonces: {
        issue: async (nonce, ttlMs) => {
          await sql`delete from ${table("sign_in_nonces")} where expires_at < now()`;
          await sql`insert into ${table("sign_in_nonces")} (nonce, expires_at) values (${nonce}, now() + ${ttlMs} * interval '1 millisecond')`;
        },
        // One statement: of two replicas redeeming the same nonce at once, exactly one deletes the row.
        consume: async (nonce) => (await sql`delete from ${table("sign_in_nonces")} where nonce = ${nonce} and expires_at > now() returning 1`).length === 1,
      },
      revocations: {
        revoke: async (sessionId, expiresAt) => {
          await sql`delete from ${table("session_revocations")} where expires_at < now()`;
          await sql`insert into ${table("session_revocations")} (session_id, expires_at) values (${sessionId}, ${expiresAt})
            on conflict (session_id) do nothing`;
        },
        // Postgres away is a 503 for the caller, like any other query, not a signed-out session.
        isRevoked: async (sessionId) => (await orUnavailable(() => activeRevocation(sql, revocationsTable, sessionId))).length > 0,
      },
      signInByIp,
      signInByAddress,
    };
    return {
      authStores,
      revocationsTable,
      budgetLedger: postgresBudgetLedger(sql, schema),
      noiseKey: await loadNoiseKey(sql, schema, noiseKey),
      close: async () => {
        await Promise.all([sql.end({ timeout: 5 }), pool.end()]);
      },
    };
  } catch (error) {
    await Promise.allSettled([sql.end({ timeout: 1 }), pool.end()]);
    throw error;
  }
}

async function createTables(sql: postgres.Sql, schema: string): Promise<void> {
  // Replicas may start together: a transaction-scoped advisory lock makes creation one at a time.
  await sql.begin(async (tx) => {
    await tx`select pg_advisory_xact_lock(hashtext(${`caretrail-api-state:${schema}`}))`;
    await tx.unsafe(`
      create schema if not exists ${schema};
      create table if not exists ${schema}.sign_in_nonces (nonce text primary key, expires_at timestamptz not null);
      create index if not exists sign_in_nonces_expiry on ${schema}.sign_in_nonces (expires_at);
      create table if not exists ${schema}.session_revocations (session_id text primary key, expires_at timestamptz not null);
      create table if not exists ${schema}.privacy_releases (
        caller text not null, day integer not null, release text not null, cost double precision not null,
        primary key (caller, day, release));
      create table if not exists ${schema}.settings (name text primary key, value text not null);
      -- One round trip per charge. A volatile function's statements each see what committed before them, so once
      -- the caller's lock is held the ledger is read as it stands at the moment of the release.
      create or replace function ${schema}.spend_privacy_budget(
        charged_caller text, charged_day integer, charged_release text, charged_cost double precision, day_limit double precision,
        out charged boolean, out spent double precision) volatile language plpgsql as $$
      begin
        perform pg_advisory_xact_lock(hashtext('privacy:' || charged_caller || ':' || charged_day));
        select coalesce(round(sum(r.cost)::numeric, 6)::float8, 0) into spent
          from ${schema}.privacy_releases r where r.caller = charged_caller and r.day = charged_day;
        if exists (select 1 from ${schema}.privacy_releases r where r.caller = charged_caller and r.day = charged_day and r.release = charged_release) then
          charged := true;
        elsif spent + charged_cost > day_limit then
          charged := false;
        else
          insert into ${schema}.privacy_releases (caller, day, release, cost) values (charged_caller, charged_day, charged_release, charged_cost);
          delete from ${schema}.privacy_releases r where r.day < charged_day - 1;
          charged := true;
          spent := round((spent + charged_cost)::numeric, 6)::float8;
        end if;
      end $$;
    `);
  });
}

/** Budgets per (caller, UTC day): a release is charged once; the caller's advisory lock serialises concurrent charges. */
function postgresBudgetLedger(sql: postgres.Sql, schema: string): BudgetLedger {
  const releases = sql(`${schema}.privacy_releases`);
  const spend = sql(`${schema}.spend_privacy_budget`);
  return {
    spend: async ({ caller, day, release, cost, limit }) => {
      const [outcome] = await sql<{ charged: boolean; spent: number }[]>`
        select charged, spent from ${spend}(${caller}::text, ${day}::integer, ${release}::text, ${cost}::float8, ${limit}::float8)`;
      return { charged: outcome!.charged, spent: outcome!.spent };
    },
    spentOn: async (caller, day) =>
      (
        await sql<{ spent: number | null }[]>`select round(sum(cost)::numeric, 6)::float8 as spent from ${releases} where caller = ${caller} and day = ${day}`
      )[0]?.spent ?? 0,
  };
}

async function loadNoiseKey(sql: postgres.Sql, schema: string, configured: string | undefined): Promise<Uint8Array> {
  if (configured !== undefined) {
    const bytes = /^(0x)?[0-9a-f]+$/i.test(configured) ? Buffer.from(configured.replace(/^0x/i, ""), "hex") : Buffer.from(configured, "base64");
    if (bytes.length < NOISE_KEY_BYTES) throw new Error(`CARETRAIL_PRIVACY_NOISE_KEY must hold at least ${NOISE_KEY_BYTES} random bytes (hex or base64).`);
    return new Uint8Array(bytes);
  }
  const settings = sql(`${schema}.settings`);
  // The first replica to start writes a key; every later one (and every restart) reads the same.
  const candidateKey = randomBytes(NOISE_KEY_BYTES).toString("base64");
  await sql`insert into ${settings} (name, value) values ('privacy_noise_key', ${candidateKey}) on conflict (name) do nothing`;
  const [row] = await sql<{ value: string }[]>`select value from ${settings} where name = 'privacy_noise_key'`;
  return new Uint8Array(Buffer.from(row!.value, "base64"));
}
