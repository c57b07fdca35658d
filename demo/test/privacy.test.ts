// Privacy scan: seed the demo (records sealed, ciphertexts filed in the vault), index it, serve it, then look
// for the records' clinical plaintext everywhere the stack keeps or sends data: every Postgres table, every
// API answer of a scripted session per persona, the vault's files, and the chain's calldata and logs.
// A control plants plaintext in a table, a transaction and a vault file, and the same scan must find it.
import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import { JsonRpcProvider, hexlify, toUtf8Bytes } from "ethers";
import postgres from "postgres";
import { startApi, type StartedApi } from "@caretrail/api";
import { devAccount, startChainAndDatabase, Stoppers, waitForIndexedHeight, type Database, type LocalChain } from "@caretrail/devstack";
import { indexedHeightReader, startIndexer, type IndexerProcess } from "@caretrail/indexer";
import { openRecord, signInToApi, type Deployment, type Hex } from "@caretrail/sdk";
import { fileInVault } from "../src/seed/fileInVault.js";
import { seedDemo, type SeedDemoReturnType } from "../src/seed/seedDemo.js";

const DB_SCHEMA = "privacy";
const VAULT_OPERATOR_ACCOUNT = 1;

let chain: LocalChain;
let database: Database;
let provider: JsonRpcProvider;
let deployment: Deployment;
let indexer: IndexerProcess;
let api: StartedApi;
let seeded: SeedDemoReturnType;
let workDir: string;
let vaultDir: string;
let needles: string[];
let responses: { persona: string; request: string; body: string }[];

const stoppers = new Stoppers((line) => console.error(`privacy test: ${line}`));

before(async () => {
  workDir = mkdtempSync(path.join(tmpdir(), "caretrail-privacy-"));
  stoppers.push("work folder", () => rmSync(workDir, { recursive: true, force: true }));
  vaultDir = path.join(workDir, "vault");
  ({ chain, database, provider, deployment } = await startChainAndDatabase(stoppers));
  seeded = await seedDemo({ provider, deployment, outputDir: path.join(workDir, "demo"), patients: 8, days: 90, seed: 2020 });
  await fileInVault(seeded.bundles, vaultDir);
  needles = clinicalPlaintext(seeded, path.join(workDir, "demo"));

  indexer = await startIndexer({
    target: { chainId: deployment.chainId, address: deployment.address, startBlock: deployment.startBlock, endpoint: chain.rpcUrl },
    database,
    dbSchema: DB_SCHEMA,
  });
  stoppers.push("indexer", indexer.stop);
  const heights = indexedHeightReader(database.url, DB_SCHEMA);
  stoppers.push("progress reader", heights.close);
  await waitForIndexedHeight({ height: () => provider.getBlockNumber(), readHeight: heights.read, isRunning: indexer.running, timeoutMs: 300_000 });
  api = await startApi({
    databaseUrl: database.url,
    dbSchema: DB_SCHEMA,
    sessionSecret: "privacy-session-secret",
    deployment: { chainId: deployment.chainId, address: deployment.address },
    vaultDir,
    vaultOperator: devAccount(VAULT_OPERATOR_ACCOUNT, provider),
    log: () => {},
  });
  stoppers.push("API", api.stop);
  responses = await personaSessions();
});

after(() => stoppers.stopAll());

test("the seeder's records hold clinical plaintext to look for", () => {
  assert.ok(seeded.bundles.length >= 20, `only ${seeded.bundles.length} records`);
  for (const text of ["Body temperature", "Productive cough for four days; crackles at the right base."])
    assert.ok(needles.includes(text), `${text} is not a needle`);
  console.log(`privacy: ${needles.length} distinct plaintexts from ${seeded.bundles.length} records`);
});

test("no Postgres table, API answer, vault file, calldata or log holds any record plaintext", async () => {
  const findings = await scanEverything();
  console.log(
    `privacy: scanned ${findings.scanned.tables} tables (${findings.scanned.rows} rows), ${responses.length} API answers, ` +
      `${findings.scanned.vaultFiles} vault files, ${findings.scanned.transactions} transactions and ${findings.scanned.logs} logs: ` +
      `${findings.found.length} findings`,
  );
  assert.ok(
    responses.length >= 20 && findings.scanned.rows > 100 && findings.scanned.vaultFiles >= seeded.bundles.length && findings.scanned.transactions > 100,
  );
  assert.deepEqual(findings.found, []);
});

test("control: plaintext planted in a table, a transaction and a vault file is found by the same scan", async () => {
  const planted = needles.find((needle) => needle.includes("cough"))!;
  const sql = postgres(database.url, { max: 1, onnotice: () => {} });
  await sql`create schema privacy_control`;
  await sql`create table privacy_control.leak (note text)`;
  await sql`insert into privacy_control.leak values (${`copied by mistake: ${planted}`})`;
  await sql.end();
  const sender = devAccount(15, provider);
  await (await sender.sendTransaction({ to: devAccount(16).address, data: hexlify(toUtf8Bytes(planted)) })).wait();
  writeFileSync(path.join(vaultDir, "leaked.txt"), planted);
  const findings = await scanEverything();
  const where = findings.found.map((finding) => finding.where.split(":")[0]).sort();
  assert.deepEqual(where, ["calldata", "postgres", "vault"], JSON.stringify(findings.found));
});

/** Every distinct text of the records' FHIR resources (displays, notes, conclusions, dosage) and each measured value with its unit. */
function clinicalPlaintext(result: SeedDemoReturnType, demoDir: string): string[] {
  const keys = JSON.parse(readFileSync(path.join(demoDir, "encryption-keys.json"), "utf8")) as Record<string, Hex>;
  const keyOf = (address: string) => Object.entries(keys).find(([owner]) => owner.toLowerCase() === address.toLowerCase())?.[1];
  const found = new Set<string>();
  const walk = (value: unknown, key: string) => {
    if (typeof value === "string") {
      // Codes, systems, URLs and dates appear in public places (FHIR exports, block times) by design.
      if (value.length >= 8 && /[a-z]{3}/i.test(value) && !/^(https?|ipfs):|^\d{4}-\d{2}-\d{2}/.test(value)) found.add(value);
    } else if (Array.isArray(value)) value.forEach((item) => walk(item, key));
    else if (value && typeof value === "object") {
      if (key === "valueQuantity" || key === "doseQuantity") found.add(JSON.stringify(value));
      for (const [child, inner] of Object.entries(value)) walk(inner, child);
    }
  };
  for (const bundle of result.bundles) {
    const privateKey = keyOf(bundle.record.patient);
    assert.ok(privateKey, `no key for patient ${bundle.record.patient}`);
    const opened = openRecord({ bundle, privateKey });
    walk(opened.record.resource, "resource");
  }
  return [...found];
}

type Finding = { where: string; needle: string };

/** Looks for each needle as text and as hex-encoded UTF-8 (how it would sit in calldata, logs or bytea). */
function matcher(): (where: string, haystack: string | Buffer) => Finding[] {
  const forms = needles.map((needle) => ({ needle, text: needle.toLowerCase(), hex: hexlify(toUtf8Bytes(needle)).slice(2).toLowerCase() }));
  return (where, haystack) => {
    const text = (typeof haystack === "string" ? haystack : haystack.toString("latin1")).toLowerCase();
    const buffer = typeof haystack === "string" ? undefined : haystack;
    return forms
      .filter(({ needle, text: plain, hex }) => text.includes(plain) || text.includes(hex) || (buffer?.includes(Buffer.from(needle, "utf8")) ?? false))
      .map(({ needle }) => ({ where, needle }));
  };
}

async function scanEverything() {
  const match = matcher();
  const found: Finding[] = [];
  const scanned = { tables: 0, rows: 0, vaultFiles: 0, transactions: 0, logs: 0 };

  const sql = postgres(database.url, { max: 1, onnotice: () => {} });
  try {
    const tables = await sql<{ schema: string; name: string }[]>`
      select table_schema as schema, table_name as name from information_schema.tables
       where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema') and table_schema not like 'pg_toast%'`;
    for (const { schema, name } of tables) {
      const rows = await sql<{ row: string }[]>`select row_to_json(t)::text as row from ${sql(schema)}.${sql(name)} t`;
      scanned.tables++;
      scanned.rows += rows.length;
      for (const { row } of rows) found.push(...match(`postgres:${schema}.${name}`, row));
    }
  } finally {
    await sql.end();
  }

  for (const { persona, request, body } of responses) found.push(...match(`api:${persona} ${request}`, body));

  const files = (dir: string): string[] =>
    readdirSync(dir).flatMap((entry) => (statSync(path.join(dir, entry)).isDirectory() ? files(path.join(dir, entry)) : [path.join(dir, entry)]));
  for (const file of files(vaultDir)) {
    scanned.vaultFiles++;
    found.push(...match(`vault:${path.relative(vaultDir, file)}`, readFileSync(file)));
  }

  const head = await provider.getBlockNumber();
  for (let number = 0; number <= head; number++) {
    const block = (await provider.send("eth_getBlockByNumber", [`0x${number.toString(16)}`, true])) as { transactions: { hash: string; input: string }[] };
    for (const transaction of block.transactions) {
      scanned.transactions++;
      found.push(...match(`calldata:${transaction.hash}`, transaction.input));
    }
  }
  for (let from = 0; from <= head; from += 20) {
    const logs = (await provider.send("eth_getLogs", [{ fromBlock: `0x${from.toString(16)}`, toBlock: `0x${Math.min(from + 19, head).toString(16)}` }])) as {
      data: string;
      topics: string[];
      transactionHash: string;
    }[];
    for (const log of logs) {
      scanned.logs++;
      found.push(...match(`log:${log.transactionHash}`, log.data + log.topics.join("")));
    }
  }
  return { found, scanned };
}

/** What each featured persona looks at in the dashboard, as API calls; every answer is kept for the scan. */
async function personaSessions(): Promise<{ persona: string; request: string; body: string }[]> {
  const featured = (role: string) => seeded.personas.find((persona) => persona.role === role && persona.featured)!;
  const patient = featured("patient");
  const providerPersona = featured("provider");
  const authored =
    seeded.bundles.find((bundle) => bundle.authorSignature?.author.toLowerCase() === providerPersona.address.toLowerCase()) ?? seeded.bundles[0]!;
  const ofPatient = seeded.bundles.find((bundle) => bundle.record.patient.toLowerCase() === patient.address.toLowerCase())!;
  const recordFields =
    "id patient category versionCount latest { id version contentId contentHash signatureValid } " +
    "versions { id author contentHash } accesses { kind outcome actor }";
  const timeline = (filter: string) =>
    `{ auditTimeline(${filter} first: 200) { totalCount edges { node { id kind outcome patient actor purpose category recordId denialReason } } } }`;
  const scripts: Record<string, { account: number; requests: string[] }> = {
    patient: {
      account: patient.devAccountIndex,
      requests: [
        "{ viewer { address roles } }",
        `{ records(patient: "${patient.address}") { ${recordFields} } }`,
        `{ consents(patient: "${patient.address}") { grantee purpose live scope version } }`,
        `{ consentHistory(patient: "${patient.address}") { version action grantee } }`,
        timeline(`filter: { patient: "${patient.address}" },`),
        `{ alerts(filter: { patient: "${patient.address}" }) { rule detail } }`,
        `{ fhirConsents(patient: "${patient.address}") }`,
        `{ fhirAuditEvents(filter: { patient: "${patient.address}" }) }`,
        `{ record(id: "${ofPatient.record.recordId}") { ${recordFields} } }`,
      ],
    },
    provider: {
      account: providerPersona.devAccountIndex,
      requests: [
        "{ viewer { address roles } }",
        `{ record(id: "${authored.record.recordId}") { ${recordFields} } }`,
        `{ fhirProvenance(record: "${authored.record.recordId}") }`,
        timeline(`filter: { patient: "${authored.record.patient}" },`),
        `GET /vault/${authored.record.recordId}`,
      ],
    },
    insurer: {
      account: featured("insurer").devAccountIndex,
      requests: [
        "{ viewer { address roles } }",
        `{ record(id: "${ofPatient.record.recordId}") { ${recordFields} } }`,
        `{ fhirProvenance(record: "${ofPatient.record.recordId}") }`,
      ],
    },
    auditor: {
      account: featured("auditor").devAccountIndex,
      requests: [
        "{ viewer { address roles } }",
        timeline(""),
        timeline("filter: { kinds: [DENIAL] },"),
        "{ alerts(first: 500) { rule detail event { actor patient kind } } }",
        `{ record(id: "${authored.record.recordId}") { ${recordFields} } }`,
        "{ fhirAuditEvents(first: 200) }",
        "GET /export/audit.csv",
        "GET /export/audit.jsonl",
        "{ contract { address chainId indexedHeight } }",
      ],
    },
    researcher: {
      account: featured("researcher").devAccountIndex,
      requests: [
        "{ viewer { address roles } }",
        "{ analytics { k accesses(bucket: WEEK) { outcome actorRole count patients suppressed } denialRate { value suppressed } " +
          "consents { action count suppressed } busiestAccessors { actor accesses } } }",
      ],
    },
  };
  const answers: { persona: string; request: string; body: string }[] = [];
  for (const [persona, { account, requests }] of Object.entries(scripts)) {
    const token = await signIn(account);
    for (const request of requests) {
      const headers = { authorization: `Bearer ${token}`, "content-type": "application/json" };
      const response = request.startsWith("GET ")
        ? await fetch(`${api.url}${request.slice(4)}`, { headers })
        : await fetch(`${api.url}/graphql`, { method: "POST", headers, body: JSON.stringify({ query: request }) });
      answers.push({ persona, request, body: await response.text() });
    }
  }
  return answers;
}

async function signIn(accountIndex: number): Promise<string> {
  return (await signInToApi(api.url, devAccount(accountIndex))).token;
}
