import { Command } from "commander";
import { isAddress, type ContractTransactionResponse } from "ethers";
import { generateEncryptionKeyPair } from "../crypto/encryptionKeys.js";
import { buildDisclosure } from "../disclosure/buildDisclosure.js";
import { DISCLOSURE_TYPE, parseDisclosure } from "../disclosure/disclosure.js";
import { CareTrail__factory, type CareTrail } from "../generated/typechain/index.js";
import { ZERO_BYTES32, type Hex } from "../hex.js";
import { createRecord, parseRecord } from "../record/careRecord.js";
import { exampleResources, type ExampleName } from "../record/exampleResources.js";
import { openRecord } from "../record/openRecord.js";
import { parseRecordBundle, RECORD_BUNDLE_TYPE } from "../record/recordBundle.js";
import { sealRecord } from "../record/sealRecord.js";
import { signRecordBundle } from "../signing/signRecordBundle.js";
import { connectCareTrail } from "../verify/connectCareTrail.js";
import { verifyDisclosure } from "../verify/verifyDisclosure.js";
import { verifyRecord } from "../verify/verifyRecord.js";
import { chainAccessOf, deploymentOf, signerKeyOf, type ChainOptions } from "./chainOptions.js";
import { CliInputError, readJsonFile, readKeyFile, writeJson } from "./cliIo.js";
import { formatVerdict } from "./formatVerdict.js";

type GlobalOptions = ChainOptions & { json?: boolean };

const EXAMPLES = `
Examples:
  $ caretrail keys new --out patient.key.json
  $ CARETRAIL_PRIVATE_KEY=0x... caretrail enrol --key patient.key.json
  $ caretrail record example bloodPressure --patient 0x7099...79C8 > record.json
  $ caretrail record encrypt record.json --to 0x7099...79C8 --to 0x<grantee X25519 key> --out bundle.json
  $ CARETRAIL_PRIVATE_KEY=0x... caretrail record sign bundle.json --out bundle.json
  $ CARETRAIL_PRIVATE_KEY=0x... caretrail record append bundle.json
  $ caretrail verify bundle.json --key patient.key.json
  $ caretrail disclose bundle.json --key patient.key.json --fields component.0.valueQuantity,status --out disclosure.json
  $ caretrail verify disclosure.json --json

Chain access: --rpc or RPC_URL (default: the deployment's rpcUrl); --deployment or CARETRAIL_DEPLOYMENT
(default: .caretrail/deployment.json at the repository root, written by \`npm run deploy\`).
Exit codes: 0 valid / done, 1 a verification check failed, 2 bad input.`;

export function createProgram(): Command {
  const program = new Command("caretrail")
    .description("Sign, encrypt, disclose and verify CareTrail health records")
    .option("--rpc <url>", "JSON-RPC URL of the CareTrail chain (env RPC_URL)")
    .option("--deployment <file>", "CareTrail deployment file (env CARETRAIL_DEPLOYMENT)")
    .option("--json", "print machine-readable JSON")
    .addHelpText("after", EXAMPLES)
    .showHelpAfterError("(run caretrail --help for usage and examples)")
    .exitOverride();
  const globals = () => program.opts<GlobalOptions>();

  const keys = program.command("keys").description("X25519 encryption keys (the encryptionKey registered on-chain)");
  keys
    .command("new")
    .description("make an X25519 key pair; register its public key with enrolPatient or setEncryptionKey")
    .option("--out <file>", "write the pair to this file (mode 600) and print only the public key")
    .action((options: { out?: string }) => {
      const pair = generateEncryptionKeyPair();
      if (!options.out) {
        writeJson(pair, undefined);
        return;
      }
      writeJson(pair, options.out, 0o600);
      if (globals().json) writeJson({ publicKey: pair.publicKey, file: options.out }, undefined);
      else console.log(`public key ${pair.publicKey}\nwrote      ${options.out} (keep it private)`);
    });

  program
    .command("enrol")
    .description("enrol the CARETRAIL_PRIVATE_KEY account as a patient, registering the key file's public key")
    .requiredOption("--key <file>", "the patient's key file (caretrail keys new --out)")
    .action(async (options: { key: string }) => {
      const { publicKey } = readKeyFile(options.key);
      const receipt = await sendTransaction(globals(), (contract) => contract.enrolPatient(publicKey));
      if (globals().json) writeJson(receipt, undefined);
      else console.log(`enrolled ${receipt.from} with encryption key ${publicKey} in block ${receipt.blockNumber}`);
    });

  const record = program.command("record").description("make, encrypt, sign, append and decrypt records");
  record
    .command("example")
    .description(`print an example record to edit: ${Object.keys(exampleResources).join(", ")}`)
    .argument("<kind>", "which example")
    .requiredOption("--patient <address>", "the patient's account address")
    .action((kind: string, options: { patient: string }) => {
      const example = (exampleResources as Partial<Record<string, (typeof exampleResources)[ExampleName]>>)[kind];
      if (!example) throw new CliInputError(`No example called ${kind}; choose one of ${Object.keys(exampleResources).join(", ")}.`);
      writeJson(createRecord({ patient: options.patient, ...example }), undefined);
    });

  record
    .command("encrypt")
    .description("validate a record, commit its fields and encrypt it to the patient and grantees")
    .argument("<record.json>", "the plaintext record")
    .requiredOption("--to <key-or-address...>", "X25519 public keys, or addresses whose registered key is read on-chain")
    .option("--out <file>", "where to write the bundle (default: stdout)")
    .action(async (file: string, options: { to: string[]; out?: string }) => {
      const plain = parseRecord(readJsonFile(file, "record"));
      const recipients = await resolveRecipients(options.to, globals());
      writeJson(sealRecord({ record: plain, recipients }).bundle, options.out);
    });

  record
    .command("sign")
    .description("sign a bundle as its author (EIP-712 for the deployment's chain and contract); key in CARETRAIL_PRIVATE_KEY")
    .argument("<bundle.json>")
    .option("--out <file>", "where to write the signed bundle (default: stdout)")
    .action(async (file: string, options: { out?: string }) => {
      const bundle = parseRecordBundle(readJsonFile(file, "record bundle"));
      const { chainId, address } = deploymentOf(globals());
      writeJson(await signRecordBundle({ bundle, signer: signerKeyOf(), chainId, verifyingContract: address }), options.out);
    });

  record
    .command("append")
    .description("relay a signed bundle to the contract's appendRecord (anyone may relay); key in CARETRAIL_PRIVATE_KEY")
    .argument("<bundle.json>")
    .action(async (file: string) => {
      const bundle = parseRecordBundle(readJsonFile(file, "record bundle"));
      const signed = bundle.authorSignature;
      if (!signed) throw new CliInputError(`${file} is not signed yet: run caretrail record sign first.`);
      const receipt = await sendTransaction(globals(), (contract) => contract.appendRecord(bundle.record, signed.author, signed.signature));
      const result = { recordId: bundle.record.recordId, ...receipt };
      if (globals().json) writeJson(result, undefined);
      else console.log(`appended ${result.recordId} in block ${result.blockNumber} (transaction ${result.transactionHash})`);
    });

  record
    .command("decrypt")
    .description("decrypt a bundle with your key file; prints the record and its field salts")
    .argument("<bundle.json>")
    .requiredOption("--key <file>", "your key file (caretrail keys new --out)")
    .option("--out <file>", "where to write the plaintext (default: stdout)")
    .action((file: string, options: { key: string; out?: string }) => {
      const bundle = parseRecordBundle(readJsonFile(file, "record bundle"));
      writeJson(openRecord({ bundle, privateKey: readKeyFile(options.key).privateKey }), options.out, 0o600);
    });

  program
    .command("disclose")
    .description("reveal chosen fields of a signed record, with proofs, keeping the rest hidden")
    .argument("<bundle.json>", "a signed record bundle you can decrypt")
    .requiredOption("--key <file>", "your key file")
    .requiredOption("--fields <paths>", "comma-separated dotted paths; a path also selects every field under it")
    .option("--out <file>", "where to write the disclosure (default: stdout)")
    .action((file: string, options: { key: string; fields: string; out?: string }) => {
      const bundle = parseRecordBundle(readJsonFile(file, "record bundle"));
      const opened = openRecord({ bundle, privateKey: readKeyFile(options.key).privateKey });
      const paths = options.fields
        .split(",")
        .map((path) => path.trim())
        .filter(Boolean);
      writeJson(buildDisclosure({ bundle, opened, paths }), options.out);
    });

  program
    .command("verify")
    .description("check a record bundle or a disclosure against the chain; exits 1 if any check fails")
    .argument("<file>", "a record bundle or a disclosure")
    .option("--key <file>", "a reader's key file: also decrypt the record and recompute its fields root")
    .action(async (file: string, options: { key?: string }) => {
      const input = readJsonFile(file, "record bundle or disclosure");
      const type = (input as { type?: unknown } | null)?.type;
      const chain = chainAccessOf(globals());
      const verdict =
        type === RECORD_BUNDLE_TYPE
          ? await verifyRecord({ bundle: parseRecordBundle(input), chain, privateKey: options.key ? readKeyFile(options.key).privateKey : undefined })
          : type === DISCLOSURE_TYPE
            ? await verifyDisclosure({ disclosure: parseDisclosure(input), chain })
            : undefined;
      if (!verdict) throw new CliInputError(`${file} is neither a record bundle ("${RECORD_BUNDLE_TYPE}") nor a disclosure ("${DISCLOSURE_TYPE}").`);
      if (globals().json) writeJson(verdict, undefined);
      else console.log(formatVerdict(verdict));
      if (!verdict.valid) process.exitCode = 1;
    });

  return program;
}

/** Public keys as given; addresses replaced by the X25519 key they registered on-chain. */
async function resolveRecipients(values: string[], options: ChainOptions): Promise<Hex[]> {
  const keys: Hex[] = [];
  const addresses = values.filter((value) => isAddress(value));
  for (const value of values) {
    if (/^0x[0-9a-fA-F]{64}$/.test(value)) keys.push(value.toLowerCase() as Hex);
    else if (!isAddress(value)) throw new CliInputError(`--to ${value as string} is neither an X25519 public key (0x + 64 hex digits) nor an account address.`);
  }
  if (addresses.length === 0) return keys;
  const connection = await connectCareTrail(chainAccessOf(options));
  try {
    for (const account of addresses) {
      const key = (await connection.contract.encryptionKeyOf(account)) as Hex;
      if (key === ZERO_BYTES32) throw new CliInputError(`${account} has no encryption key registered on-chain; pass its X25519 public key instead.`);
      keys.push(key);
    }
  } finally {
    connection.close();
  }
  return keys;
}

type SentTransaction = { from: string; transactionHash: string; blockNumber: number };

/** Sends one CareTrail transaction from CARETRAIL_PRIVATE_KEY; a revert becomes the contract's error name. */
async function sendTransaction(options: ChainOptions, send: (contract: CareTrail) => Promise<ContractTransactionResponse>): Promise<SentTransaction> {
  const connection = await connectCareTrail(chainAccessOf(options));
  try {
    const signer = signerKeyOf().connect(connection.provider);
    const contract = CareTrail__factory.connect(connection.address, signer);
    try {
      const receipt = await (await send(contract)).wait();
      return { from: signer.address, transactionHash: receipt!.hash, blockNumber: receipt!.blockNumber };
    } catch (error) {
      const data = (error as { data?: string }).data;
      const decoded = data ? contract.interface.parseError(data) : null;
      if (!decoded) throw error;
      throw new CliInputError(`The contract rejected the transaction: ${decoded.name}(${decoded.args.join(", ")}).`);
    }
  } finally {
    connection.close();
  }
}
