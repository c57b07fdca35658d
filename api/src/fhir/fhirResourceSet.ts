import { stableUuid, urnOf } from "./fhirIds.js";
import { ADDRESS_SYSTEM } from "./fhirVocabulary.js";

/** FHIR R4 resources as plain JSON; the tests validate them with the `fhir` package and the BALP checks. */
export type FhirResource = { resourceType: string; id?: string; [field: string]: unknown };
export type FhirReference = { reference: string; type: string; identifier?: { system: string; value: string }; display?: string };
export type BundleEntry = { fullUrl: string; resource: FhirResource; search?: { mode: "match" | "include" } };

/** What a chain address stands for in FHIR: the registry role decides the resource type. */
export type ParticipantKind = "Patient" | "Practitioner" | "Organization" | "Device";

const roleNames: Record<string, string> = { Provider: "provider", Insurer: "insurer", Auditor: "auditor", Researcher: "researcher", Patient: "patient" };

export function participantKindOf(role: string | null | undefined): ParticipantKind {
  if (role === "Patient") return "Patient";
  if (role === "Provider") return "Practitioner";
  if (role === "Insurer" || role === "Auditor" || role === "Researcher") return "Organization";
  // An address with no registry role is all CareTrail knows of it: a key, so a Device (the account's client).
  return "Device";
}

/**
 * The resources one bundle refers to, each added once under a stable urn:uuid, so every reference in the bundle
 * resolves to an entry of the type the reference names.
 */
export class FhirResourceSet {
  private readonly entries = new Map<string, BundleEntry>();

  constructor(private readonly chainId: number | undefined) {}

  add(key: string, build: (id: string) => FhirResource, search?: BundleEntry["search"]): FhirReference {
    const id = stableUuid(key);
    const fullUrl = urnOf(id);
    let entry = this.entries.get(fullUrl);
    if (!entry) {
      entry = { fullUrl, resource: build(id), ...(search ? { search } : {}) };
      this.entries.set(fullUrl, entry);
    }
    const resource = entry.resource;
    const identifier = (resource.identifier as { system: string; value: string }[] | undefined)?.[0];
    return { reference: fullUrl, type: resource.resourceType, ...(identifier ? { identifier } : {}) };
  }

  list(): BundleEntry[] {
    return [...this.entries.values()];
  }

  /** The network address of an account or contract: a CAIP-10 account id (a URI, network type 5). */
  networkOf(address: string): { address: string; type: "5" } {
    return { address: this.chainId === undefined ? `urn:caretrail:address:${address}` : `eip155:${this.chainId}:${address}`, type: "5" };
  }

  participant(address: string, role: string | null | undefined, search?: BundleEntry["search"]): FhirReference {
    const kind = participantKindOf(role);
    if (kind === "Device") return this.client(address);
    const identifier = [{ system: ADDRESS_SYSTEM, value: address }];
    const label = roleNames[role ?? ""] ?? "unregistered account";
    return this.add(
      `${kind}:${address}`,
      (id): FhirResource => {
        switch (kind) {
          case "Patient":
            return { resourceType: "Patient", id, identifier, active: true };
          case "Practitioner":
            return { resourceType: "Practitioner", id, identifier, active: true };
          case "Organization":
            return { resourceType: "Organization", id, identifier, active: true, name: `CareTrail ${label} ${address}` };
        }
      },
      search,
    );
  }

  /** The client application that signs for an account (BALP agent[client]): CareTrail only knows its key. */
  client(address: string): FhirReference {
    return this.add(`client:${address}`, (id) => clientDevice(id, address, "account"));
  }

  /**
   * The organisation an access requester acts for (BALP AuthZconsent agent[userorg]). CareTrail registers accounts,
   * not employers: an insurer's, auditor's or researcher's account is the organisation itself; a provider's
   * account stands for the practice it was credentialed as.
   */
  requesterOrganization(address: string, role: string | null | undefined): FhirReference {
    return this.add(`Organization:${address}`, (id) => ({
      resourceType: "Organization",
      id,
      identifier: [{ system: ADDRESS_SYSTEM, value: address }],
      active: true,
      name: `CareTrail ${roleNames[role ?? ""] ?? "account"} ${address}`,
    }));
  }

  /** The CareTrail deployment: the contract decides access and logs the vault's reads; the indexer observed it. */
  careTrail(contract: string | undefined): FhirReference {
    const address = contract ?? "unknown";
    return this.add(`caretrail:${this.chainId ?? "?"}:${address}`, (id) => ({
      resourceType: "Device",
      id,
      identifier: [{ system: ADDRESS_SYSTEM, value: address }],
      deviceName: [{ name: `CareTrail contract ${address}${this.chainId === undefined ? "" : ` on chain ${this.chainId}`}`, type: "user-friendly-name" }],
      type: { text: "CareTrail access-control contract and vault (authorization server, audit source)" },
    }));
  }
}

function clientDevice(id: string, address: string, label: string): FhirResource {
  return {
    resourceType: "Device",
    id,
    identifier: [{ system: ADDRESS_SYSTEM, value: address }],
    deviceName: [{ name: `Client of ${label} ${address}`, type: "user-friendly-name" }],
    type: { text: "client application signing with this account's key" },
  };
}
