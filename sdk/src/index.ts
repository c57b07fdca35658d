export { careTrailAbi, careTrailBytecode } from "./generated/careTrail.js";
export { CareTrail__factory, type CareTrail } from "./generated/typechain/index.js";
export * from "./chain/deployment.js";
export * from "./chain/deployCareTrail.js";
export * from "./chain/jsonRpc.js";
export * from "./chain/probeRpc.js";
export * from "./api/signInToApi.js";
export * from "./errors/careTrailError.js";
export * from "./hex.js";
export * from "./chain/careTypes.js";
export * from "./chain/accessTicket.js";
export * from "./record/fhirResources.js";
export * from "./record/careRecord.js";
export * from "./record/canonicalBytes.js";
export * from "./record/exampleResources.js";
export * from "./record/recordBundle.js";
export * from "./record/sealRecord.js";
export * from "./record/openRecord.js";
export * from "./disclosure/flattenFields.js";
export * from "./disclosure/fieldTree.js";
export * from "./disclosure/commitFields.js";
export * from "./disclosure/disclosure.js";
export * from "./disclosure/buildDisclosure.js";
export * from "./disclosure/verifyDisclosedFields.js";
export * from "./signing/careTrailTypedData.js";
export * from "./signing/signRecord.js";
export * from "./signing/signConsentGrant.js";
export * from "./signing/signRecordBundle.js";
export * from "./crypto/encryptionKeys.js";
export * from "./crypto/encryptContent.js";
export * from "./crypto/wrapDataKey.js";
export * from "./crypto/contentAddress.js";
export * from "./storage/blobStore.js";
export * from "./storage/fileBlobStore.js";
export * from "./storage/postgresBlobStore.js";
export { verdictOf, type Check, type CheckStatus, type Verdict } from "./verify/verdict.js";
export * from "./verify/connectCareTrail.js";
export * from "./verify/readOnChainRecord.js";
export * from "./verify/checkAuthorAuthority.js";
export * from "./verify/verifyRecord.js";
export * from "./verify/verifyDisclosure.js";
export {
  defineSettings,
  readSettings,
  setting,
  settingNames,
  SettingsError,
  type Environment,
  type RetiredSettings,
  type SettingsOf,
} from "./settings/readSettings.js";
