import { enumName, inScope, ProviderStatus, Purpose, Role } from "../chain/careTypes.js";
import type { Check } from "./verdict.js";
import { fail, pass } from "./verdict.js";
import type { CareTrailConnection } from "./connectCareTrail.js";

export const AUTHOR_AUTHORISED = "author-authorised";

export type CheckAuthorAuthorityParameters = {
  connection: CareTrailConnection;
  patient: string;
  author: string;
  category: number;
  /** The block whose state is read (the record's block); "latest" to ask whether the author may write now. */
  blockTag: number | "latest";
};

/**
 * Whether `author` could write `patient`'s `category` records at `blockTag`, by the contract's rule: the
 * patient themself, or an active credentialed provider holding a live Treatment or Emergency consent that
 * covers the category. The views are read at that block (eth_call with blockTag), i.e. the state after it.
 */
export async function checkAuthorAuthority({ connection, patient, author, category, blockTag }: CheckAuthorAuthorityParameters): Promise<Check> {
  const { contract, provider } = connection;
  const at = { blockTag };
  const where = blockTag === "latest" ? "now" : `at block ${blockTag}`;
  const authorRole = Number(await contract.roleOf(author, at));
  if (author.toLowerCase() === patient.toLowerCase()) {
    return authorRole === Role.Patient
      ? pass(AUTHOR_AUTHORISED, `the author is the patient, enrolled ${where}`)
      : fail(AUTHOR_AUTHORISED, `the author is the patient but was not an enrolled patient ${where}`);
  }
  if (authorRole !== Role.Provider) {
    return fail(AUTHOR_AUTHORISED, `the author ${author} is neither the patient nor a credentialed provider ${where} (role ${enumName(Role, authorRole)})`);
  }
  const [status] = await contract.providerOf(author, at);
  if (Number(status) !== ProviderStatus.Active) {
    return fail(AUTHOR_AUTHORISED, `the provider ${author} was ${enumName(ProviderStatus, Number(status))}, not Active, ${where}`);
  }
  const consent = await contract.consentOf(patient, author, at);
  const block = await provider.getBlock(blockTag);
  const timestamp = BigInt(block!.timestamp);
  const purpose = Number(consent.purpose);
  const problem =
    consent.version === 0n
      ? "the patient never granted this provider consent"
      : !consent.active
        ? "the patient had revoked this provider's consent"
        : consent.expiresAt <= timestamp
          ? `the consent had expired (at ${new Date(Number(consent.expiresAt) * 1000).toISOString()})`
          : purpose !== Purpose.Treatment && purpose !== Purpose.Emergency
            ? `the consent is for ${enumName(Purpose, purpose)}, which does not allow writing records`
            : !inScope(Number(consent.scope), category)
              ? `the consent's scope does not cover category ${category}`
              : undefined;
  if (problem) return fail(AUTHOR_AUTHORISED, `${problem} ${where}`);
  return pass(AUTHOR_AUTHORISED, `an active credentialed provider holding a live ${enumName(Purpose, purpose)} consent (version ${consent.version}) ${where}`);
}
