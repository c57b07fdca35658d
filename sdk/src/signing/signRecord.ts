import { verifyTypedData, type Signer } from "ethers";
import type { Address, Hex } from "../hex.js";
import { careTrailDomain, recordTypes, type CareTrailDomainParameters, type RecordStruct } from "./careTrailTypedData.js";

export type SignRecordParameters = CareTrailDomainParameters & { signer: Signer; record: RecordStruct };
export type SignRecordReturnType = { author: Address; signature: Hex };

/** The author's EIP-712 signature over `record`, as the contract's appendRecord expects it. */
export async function signRecord({ signer, record, ...domain }: SignRecordParameters): Promise<SignRecordReturnType> {
  const signature = (await signer.signTypedData(careTrailDomain(domain), recordTypes, record)) as Hex;
  return { author: (await signer.getAddress()) as Address, signature };
}

export type RecoverRecordSignerParameters = CareTrailDomainParameters & { record: RecordStruct; signature: string };
export type RecoverRecordSignerReturnType = Address | undefined;

/** Who signed `record` for this domain, or undefined when the signature is malformed. */
export function recoverRecordSigner({ record, signature, ...domain }: RecoverRecordSignerParameters): RecoverRecordSignerReturnType {
  try {
    return verifyTypedData(careTrailDomain(domain), recordTypes, record, signature) as Address;
  } catch {
    return undefined;
  }
}
