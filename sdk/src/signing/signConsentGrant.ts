import { verifyTypedData, type Signer } from "ethers";
import type { Address, Hex } from "../hex.js";
import { careTrailDomain, consentGrantTypes, type CareTrailDomainParameters, type ConsentGrantStruct } from "./careTrailTypedData.js";

export type SignConsentGrantParameters = CareTrailDomainParameters & { signer: Signer; grant: ConsentGrantStruct };
export type SignConsentGrantReturnType = Hex;

/** The patient's EIP-712 signature for grantConsentBySig; `grant.nonce` must be consentNonce(patient). */
export async function signConsentGrant({ signer, grant, ...domain }: SignConsentGrantParameters): Promise<SignConsentGrantReturnType> {
  return (await signer.signTypedData(careTrailDomain(domain), consentGrantTypes, grant)) as Hex;
}

export type RecoverConsentGrantSignerParameters = CareTrailDomainParameters & { grant: ConsentGrantStruct; signature: string };

/** Who signed `grant` for this domain, or undefined when the signature is malformed. */
export function recoverConsentGrantSigner({ grant, signature, ...domain }: RecoverConsentGrantSignerParameters): Address | undefined {
  try {
    return verifyTypedData(careTrailDomain(domain), consentGrantTypes, grant, signature) as Address;
  } catch {
    return undefined;
  }
}
