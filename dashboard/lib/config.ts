// Runtime settings, read per request on the server so one build serves any deployment.
import path from "node:path";
import { findRepoRoot, readDeployment, type Deployment } from "@caretrail/sdk";

/** The GraphQL API the dashboard reads (server-side): CARETRAIL_API_URL, default the demo's port. */
export function apiUrl(): string {
  return (process.env.CARETRAIL_API_URL ?? "http://127.0.0.1:4000").replace(/\/$/, "");
}

/** Where a browser can open the API (GraphiQL); differs from apiUrl() behind a proxy. */
export function publicApiUrl(): string {
  return (process.env.CARETRAIL_PUBLIC_API_URL ?? apiUrl()).replace(/\/$/, "");
}

/** Demo mode unlocks the persona picker, which signs with Hardhat's public development keys. */
export function isDemoMode(): boolean {
  return process.env.DEMO_MODE === "1";
}

export function personasFile(): string {
  return process.env.CARETRAIL_PERSONAS ?? path.join(findRepoRoot(), ".caretrail", "demo", "personas.json");
}

/** The deployment (CARETRAIL_DEPLOYMENT or .caretrail/deployment.json) and the JSON-RPC URL to reach it. */
export function chainAccess(): { deployment: Deployment; rpcUrl: string } {
  const deployment = readDeployment();
  return { deployment, rpcUrl: process.env.RPC_URL ?? deployment.rpcUrl };
}
