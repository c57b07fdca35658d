// A real Hardhat node with CareTrail deployed and a small cast: governance, a patient, a credentialed
// provider with a treatment consent, a second credentialed provider without consent, and a stranger.
import { devAccount, startLocalChain, type LocalChain } from "@caretrail/devstack";
import { JsonRpcProvider, Network, keccak256, toUtf8Bytes, type HDNodeWallet } from "ethers";
import { deployCareTrail } from "../chain/deployCareTrail.js";
import { FULL_SCOPE, Purpose } from "../chain/careTypes.js";
import type { Deployment } from "../chain/deployment.js";
import { generateEncryptionKeyPair, type EncryptionKeyPair } from "../crypto/encryptionKeys.js";
import type { CareTrail } from "../generated/typechain/index.js";
import type { RecordBundle } from "../record/recordBundle.js";
import type { ChainAccess } from "../verify/connectCareTrail.js";

export type CareTrailFixture = {
  chain: LocalChain;
  provider: JsonRpcProvider;
  deployment: Deployment;
  access: ChainAccess;
  /** The contract as each actor sees it. */
  as: (wallet: HDNodeWallet) => CareTrail;
  governance: HDNodeWallet;
  patient: HDNodeWallet;
  doctor: HDNodeWallet;
  otherDoctor: HDNodeWallet;
  stranger: HDNodeWallet;
  patientKeys: EncryptionKeyPair;
  doctorKeys: EncryptionKeyPair;
  /** Relays appendRecord for a signed bundle (from the stranger: anyone may relay). */
  append: (bundle: RecordBundle) => Promise<void>;
  stop: () => Promise<void>;
};

export async function startCareTrailFixture(): Promise<CareTrailFixture> {
  const chain = await startLocalChain();
  try {
    return await setUp(chain);
  } catch (error) {
    await chain.stop();
    throw error;
  }
}

async function setUp(chain: LocalChain): Promise<CareTrailFixture> {
  // No response cache: back-to-back transactions must see each other's nonces.
  const provider = new JsonRpcProvider(chain.rpcUrl, 31337, { staticNetwork: Network.from(31337), cacheTimeout: -1 });
  const [governance, patient, doctor, otherDoctor, stranger] = [0, 1, 2, 3, 4].map((index) => devAccount(index, provider)) as [
    HDNodeWallet,
    HDNodeWallet,
    HDNodeWallet,
    HDNodeWallet,
    HDNodeWallet,
  ];
  const { contract, deployment } = await deployCareTrail({ signer: governance, rpcUrl: chain.rpcUrl });
  const as = (wallet: HDNodeWallet) => contract.connect(wallet);
  const patientKeys = generateEncryptionKeyPair();
  const doctorKeys = generateEncryptionKeyPair();

  await (await as(patient).enrolPatient(patientKeys.publicKey)).wait();
  for (const [wallet, licence] of [
    [doctor, "licence-doctor"],
    [otherDoctor, "licence-other"],
  ] as const) {
    await (await as(governance).credentialProvider(wallet.address, keccak256(toUtf8Bytes(licence)), 207)).wait();
  }
  await (await as(doctor).setEncryptionKey(doctorKeys.publicKey)).wait();
  const block = await provider.getBlock("latest");
  await (await as(patient).grantConsent(doctor.address, FULL_SCOPE, Purpose.Treatment, BigInt(block!.timestamp + 86_400))).wait();

  const append = async (bundle: RecordBundle) => {
    const signed = bundle.authorSignature;
    if (!signed) throw new Error("bundle is not signed");
    await (await as(stranger).appendRecord(bundle.record, signed.author, signed.signature)).wait();
  };
  return {
    chain,
    provider,
    deployment,
    access: { rpcUrl: chain.rpcUrl, address: deployment.address, fromBlock: deployment.startBlock },
    as,
    governance,
    patient,
    doctor,
    otherDoctor,
    stranger,
    patientKeys,
    doctorKeys,
    append,
    stop: async () => {
      provider.destroy();
      await chain.stop();
    },
  };
}
