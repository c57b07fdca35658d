// The demo's people: deterministic wallets from Hardhat's public development mnemonic, deterministic
// X25519 keys, and display names from a seeded faker. Names live only in the personas file.
import { createHash } from "node:crypto";
import { Faker, en } from "@faker-js/faker";
import type { HDNodeWallet, JsonRpcProvider } from "ethers";
import { devAccount } from "@caretrail/devstack";
import { encryptionPublicKeyOf, type Hex } from "@caretrail/sdk";

export type PersonaRole = "governance" | "vault" | "patient" | "provider" | "insurer" | "auditor" | "researcher" | "unregistered";

export type Member = {
  role: PersonaRole;
  name: string;
  wallet: HDNodeWallet;
  devAccountIndex: number;
  encryptionPrivateKey: Hex;
  encryptionPublicKey: Hex;
  /** Providers only. */
  specialty?: { code: number; name: string };
  hospital?: string;
};

export type Cast = {
  governance: Member;
  vault: Member;
  patients: Member[];
  providers: Member[];
  insurers: Member[];
  auditors: Member[];
  researchers: Member[];
  strangers: Member[];
  everyone: Member[];
};

/** Provider specialty codes are NUCC-style taxonomy numbers, shortened. */
export const SPECIALTIES = [
  { code: 207, name: "Cardiology" },
  { code: 208, name: "Family medicine" },
  { code: 261, name: "Radiology" },
  { code: 163, name: "Nursing" },
  { code: 282, name: "Emergency medicine" },
  { code: 246, name: "Laboratory medicine" },
] as const;

const HOSPITALS = ["St Mary's General", "Riverside Clinic", "Northgate University Hospital"] as const;

export type CastSize = { patients: number; providers: number };

export function buildCast(seed: number, size: CastSize, provider: JsonRpcProvider): Cast {
  const faker = new Faker({ locale: [en] });
  faker.seed(seed);
  let index = 0;
  const member = (role: PersonaRole, name: string, extra: Partial<Member> = {}): Member => {
    const wallet = devAccount(index, provider);
    const encryptionPrivateKey: Hex = `0x${createHash("sha256").update(`caretrail-demo-x25519:${seed}:${wallet.address}`).digest("hex")}`;
    return { role, name, wallet, devAccountIndex: index++, encryptionPrivateKey, encryptionPublicKey: encryptionPublicKeyOf(encryptionPrivateKey), ...extra };
  };
  const governance = member("governance", "Registry governance");
  const vault = member("vault", "Vault operator");
  const insurers = ["Meridian Health Insurance", "Harbor Mutual"].map((name) => member("insurer", name));
  const auditors = ["Office of Health Audit", "Hospital compliance"].map((name) => member("auditor", name));
  const researchers = [member("researcher", "Cardiovascular outcomes study")];
  const strangers = ["Unknown data broker", "Unregistered app"].map((name) => member("unregistered", name));
  const providers = Array.from({ length: size.providers }, (_, i) => {
    const specialty = SPECIALTIES[i % SPECIALTIES.length]!;
    return member("provider", `Dr. ${faker.person.firstName()} ${faker.person.lastName()}`, { specialty, hospital: HOSPITALS[i % HOSPITALS.length] });
  });
  // faker's fullName sometimes adds a title ("Dr.", "Mrs.") or a suffix ("MD", "PhD"): a patient titled "Dr." reads
  // as a provider. Stripped after the draw, so the seeded sequence (and every later name) stays the same.
  const patients = Array.from({ length: size.patients }, () => member("patient", plainPersonName(faker.person.fullName())));
  const everyone = [governance, vault, ...insurers, ...auditors, ...researchers, ...strangers, ...providers, ...patients];
  return { governance, vault, patients, providers, insurers, auditors, researchers, strangers, everyone };
}

/** A name without a title or a professional/generational suffix: "Dr. Ada Lee MD" → "Ada Lee". */
export function plainPersonName(name: string): string {
  return name
    .replace(/^(Dr|Mr|Mrs|Ms|Miss|Mx|Prof)\.?\s+/i, "")
    .replace(/,?\s+(MD|PhD|DDS|DVM|Jr\.?|Sr\.?|I{2,3}|IV|V)$/i, "")
    .trim();
}
