export * from "./startApi.js";
export * from "./server.js";
export * from "./db.js";
export * from "./auth/sessionToken.js";
export { defaultAlertRules, type AlertRules } from "./data/alerts.js";
export { K_ANONYMITY } from "./data/analytics.js";
export { defaultQueryLimits, type QueryLimits } from "./limits.js";
export type { DeploymentRef } from "./context.js";
export { createVaultStore } from "./vault/vaultStore.js";
