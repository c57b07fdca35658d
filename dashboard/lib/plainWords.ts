// Chain vocabulary in plain words: denial reasons, the contract's custom errors and ticket-void reasons.
// Each answer is a sentence for the user plus the raw detail (code, error, arguments) a view shows behind a
// disclosure, so nothing raw reaches the user first and nothing is lost for whoever needs the exact code.
import { DenialReasonNames, type DenialReasonName } from "@caretrail/sdk/codes";
import { displayName, type NameBook } from "./format";

/** A plain sentence, and the raw text it came from (shown one click away). */
export type Plain = { words: string; detail?: string };

// The contract's DenialReason names (contracts/contracts/CareTypes.sol), as the indexer stores them.
const DENIAL_WORDS: Record<Exclude<DenialReasonName, "None">, string> = {
  Unregistered: "The requester is not registered with CareTrail.",
  PatientNotEnrolled: "The patient is not enrolled with CareTrail.",
  NoConsent: "There was no consent for this requester.",
  ConsentRevoked: "The consent had been revoked.",
  ConsentExpired: "The consent had expired.",
  PurposeNotGranted: "The consent does not cover this purpose.",
  CategoryNotInScope: "The consent does not cover this kind of record.",
  ProviderSuspended: "The provider is suspended.",
  RecordNotFound: "No such record exists.",
  NotAProvider: "Only a credentialed provider may do this.",
  ConsentReplaced: "The consent was changed after this access was granted.",
};

/** Why an access was denied, e.g. "NoConsent" → "There was no consent for this requester." */
export function denialInWords(reason: string | null | undefined): Plain {
  if (!reason) return { words: "Access was denied (no reason was recorded)." };
  return { words: (DENIAL_WORDS as Record<string, string | undefined>)[reason] ?? "Access was denied.", detail: `Denial reason: ${reason}` };
}

// Why a ticket stopped being usable before its expiry. Accepts SCREAMING_CASE (GraphQL enums) or PascalCase.
const VOID_WORDS: Record<string, string> = {
  CONSENTREVOKED: "the patient revoked the consent",
  REVOKED: "the patient revoked the consent",
  CONSENTREPLACED: "the patient changed the consent",
  REPLACED: "the patient changed the consent",
  CONSENTEXPIRED: "the consent expired",
  EXPIRED: "it expired",
  PROVIDERSUSPENDED: "the provider was suspended",
  SUSPENDED: "the provider was suspended",
  PROVIDERREVOKED: "the provider's registration was withdrawn",
  DEREGISTERED: "the holder is no longer registered",
  UNREGISTERED: "the holder is no longer registered",
  PURPOSENOTGRANTED: "the consent no longer covers its purpose",
  CATEGORYNOTINSCOPE: "the consent no longer covers this kind of record",
  NOCONSENT: "there is no consent any more",
};

/** Why a ticket was voided, e.g. "CONSENT_REVOKED" → "Void: the patient revoked the consent." */
export function voidReasonInWords(reason: string | null | undefined): Plain {
  if (!reason) return { words: "No longer valid." };
  const words = VOID_WORDS[reason.replaceAll("_", "").toUpperCase()];
  return { words: words ? `No longer valid: ${words}.` : "No longer valid.", detail: `Void reason: ${reason}` };
}

type ErrorWords = (args: string[], name: (address: string | undefined) => string) => string;

// The contract's custom errors (contracts/contracts/*.sol); arguments arrive as strings in declaration order.
const ERROR_WORDS: Record<string, ErrorWords> = {
  RegistryAlreadyRegistered: ([account], name) => `${name(account)} is already registered.`,
  RegistryNotRegistered: ([account], name) => `${name(account)} is not registered with CareTrail.`,
  RegistryInvalidEncryptionKey: () => "The encryption key is not valid.",
  RegistryInvalidThirdPartyRole: () => "That role cannot be registered as a third party.",
  RegistryNotAThirdParty: ([account], name) => `${name(account)} is not a third party.`,
  RegistryNotAProvider: ([account], name) => `${name(account)} is not a provider.`,
  RegistryProviderStatus: ([provider], name) => `${name(provider)} is not in a state that allows this.`,
  RegistryInvalidReasonCode: () => "That reason code is not valid.",
  RecordInvalidId: () => "The record id does not belong to this patient.",
  RecordInvalidCategory: () => "That record category does not exist.",
  RecordAlreadyExists: () => "A record with this id already exists.",
  RecordPatientNotEnrolled: ([patient], name) => `${name(patient)} is not enrolled as a patient.`,
  RecordInvalidSignature: () => "The record's signature does not match its author.",
  RecordAuthorNotProvider: ([author], name) => `${name(author)} is not a provider, so cannot author records.`,
  RecordProviderNotActive: ([author], name) => `${name(author)} is not an active provider.`,
  RecordConsentMissing: ([patient, author], name) => `${name(author)} has no consent from ${name(patient)} for this kind of record.`,
  RecordSupersedesUnknown: () => "The record it replaces does not exist.",
  RecordSupersedesOtherPatient: () => "The record it replaces belongs to another patient.",
  RecordAlreadySuperseded: () => "That record has already been replaced.",
  ConsentPatientNotEnrolled: ([patient], name) => `${name(patient)} is not enrolled as a patient.`,
  ConsentGranteeNotRegistered: ([grantee], name) => `${name(grantee)} is not registered with CareTrail, so cannot be given access.`,
  ConsentGranteeSuspended: ([grantee], name) => `${name(grantee)} is suspended, so cannot be given access.`,
  ConsentSelfGrant: () => "You cannot give consent to yourself.",
  ConsentInvalidScope: () => "Pick at least one valid kind of record.",
  ConsentInvalidPurpose: () => "That purpose is not valid.",
  ConsentExpiryInPast: () => "The expiry must be in the future.",
  ConsentNotActive: ([, grantee], name) => `${name(grantee)} has no active consent to revoke.`,
  ConsentSignatureExpired: () => "The signed consent has expired: sign it again.",
  ConsentInvalidSignature: () => "The consent was not signed by the patient.",
  AccessInvalidCategory: () => "That record category does not exist.",
  AccessInvalidPurpose: () => "That purpose is not valid.",
  AccessEmergencyReasonRequired: () => "Emergency access needs a reason.",
  AccessTicketNotIssued: () => "There is no access ticket for this: request access first.",
  AccessTicketExpired: () => "The access ticket has expired: request access again.",
  AccessRecordNotCovered: () => "The access ticket does not cover this record.",
  AccessReaderNotPermitted: ([, reason]) => `This read is not allowed: ${denialInWords(DENIAL_BY_CODE[Number(reason)] ?? reason).words.toLowerCase()}`,
};

// DenialReason codes as they arrive inside AccessReaderNotPermitted, indexed by code (generated from CareTypes.sol).
export const DENIAL_BY_CODE: readonly string[] = DenialReasonNames;

/** A custom error by name and arguments, e.g. ConsentGranteeNotRegistered(0xab…) → "Dr. Lee is not registered …". */
export function contractErrorInWords(errorName: string, args: unknown[], names: NameBook = {}): Plain {
  const strings = args.map(String);
  const detail = `${errorName}(${strings.join(", ")})`;
  const words = ERROR_WORDS[errorName];
  return { words: words ? words(strings, (address) => displayName(address ?? "", names)) : "The contract refused this change.", detail };
}

// "Name(arg, arg)" anywhere in a message, the shape ethers and our routes print custom errors in.
const CUSTOM_ERROR = /\b([A-Z][A-Za-z]+)\(([^()]*)\)/;

/**
 * Any error message in plain words: a known custom error inside it is translated (the message kept as detail);
 * a message without one is already words (our own routes' messages) and passes through.
 */
export function errorInWords(message: string, names: NameBook = {}): Plain {
  const match = CUSTOM_ERROR.exec(message);
  const [, errorName = "", argList = ""] = match ?? [];
  if (errorName in ERROR_WORDS) {
    const args = argList
      .split(",")
      .map((arg) => arg.trim())
      .filter(Boolean);
    return { words: contractErrorInWords(errorName, args, names).words, detail: message };
  }
  if (/0x[0-9a-fA-F]{40,}/.test(message) || message.length > 200) return { words: "Something went wrong on the chain.", detail: message };
  return { words: message };
}
