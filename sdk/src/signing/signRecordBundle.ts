import { getAddress, type Signer } from "ethers";
import type { Address } from "../hex.js";
import type { RecordBundle } from "../record/recordBundle.js";
import type { CareTrailDomainParameters } from "./careTrailTypedData.js";
import { signRecord } from "./signRecord.js";

export type SignRecordBundleParameters = CareTrailDomainParameters & { bundle: RecordBundle; signer: Signer };
export type SignRecordBundleReturnType = RecordBundle;

/** The bundle with its author's EIP-712 signature for the given chain and CareTrail contract. */
export async function signRecordBundle({ bundle, signer, chainId, verifyingContract }: SignRecordBundleParameters): Promise<SignRecordBundleReturnType> {
  const { author, signature } = await signRecord({ signer, record: bundle.record, chainId, verifyingContract });
  return {
    ...bundle,
    authorSignature: { chainId: Number(chainId), verifyingContract: getAddress(verifyingContract) as Address, author, signature },
  };
}
