export { careTrailAbi, careTrailBytecode } from "./generated/careTrail.js";
export { CareTrail__factory, type CareTrail } from "./generated/typechain/index.js";
export * from "./chain/deployment.js";
export * from "./chain/deployCareTrail.js";
export * from "./chain/localChain.js";
export * from "./chain/devAccounts.js";
