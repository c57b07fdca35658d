// Runtime settings, read per request on the server so one build serves any deployment.
import path from "node:path";
import { findRepoRoot, readDeployment, type Deployment } from "@caretrail/sdk";
import { dashboardSettings } from "./settings";

/** The GraphQL API the dashboard reads (server-side): CARETRAIL_API_URL, default the demo's port. */
export function apiUrl(): string {
  return dashboardSettings().CARETRAIL_API_URL.replace(/\/$/, "");
}

/** Where a browser can open the API (GraphiQL); differs from apiUrl() behind a proxy. */
export function publicApiUrl(): string {
  return (dashboardSettings().CARETRAIL_PUBLIC_API_URL ?? apiUrl()).replace(/\/$/, "");
}

/** Demo mode unlocks the persona picker, which signs with Hardhat's public development keys. */
export function isDemoMode(): boolean {
  return dashboardSettings().DEMO_MODE;
}

export function personasFile(): string {
  return dashboardSettings().CARETRAIL_PERSONAS ?? path.join(findRepoRoot(), ".caretrail", "demo", "personas.json");
}

/** The deployment (CARETRAIL_DEPLOYMENT or .caretrail/deployment.json) and the JSON-RPC URL to reach it. */
export function chainAccess(): { deployment: Deployment; rpcUrl: string } {
  const settings = dashboardSettings();
  const deployment = readDeployment(settings.CARETRAIL_DEPLOYMENT);
  return { deployment, rpcUrl: settings.RPC_URL ?? deployment.rpcUrl };
}
