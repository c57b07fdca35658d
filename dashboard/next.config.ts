import type { NextConfig } from "next";
import { MAX_REQUEST_BODY_BYTES } from "./lib/requestGuard";
import { API_CONTENT_SECURITY_POLICY, STATIC_SECURITY_HEADERS } from "./lib/securityHeaders";

const config: NextConfig = {
  // The SDK, devstack's development keys, ethers and ws run only on the server (verification, demo signing, the live
  // feed): keep them out of the bundle.
  serverExternalPackages: ["@caretrail/sdk", "@caretrail/devstack", "ws", "graphql-ws"],
  poweredByHeader: false,
  reactStrictMode: true,
  // `npm run lint` lints the whole repository with one config; the build does not lint a second time.
  eslint: { ignoreDuringBuilds: true },
  // `npm run lint` type-checks the dashboard first (its `typecheck` task, `next typegen && tsc --noEmit`), and CI runs
  // it; the build skips a second check, which cost the demo's cold start about 6 s.
  typescript: { ignoreBuildErrors: true },
  experimental: {
    // With middleware, Next keeps a copy of each request body for it (10 MB by default, truncated silently past it).
    // Bound the copy just above the largest accepted body, so a body over the cap still reaches its route's 413.
    middlewareClientMaxBodySize: MAX_REQUEST_BODY_BYTES + 1024 * 1024,
  },
  // middleware.ts sets these (and the CSP) on pages and routes; this covers the static files it does not see.
  async headers() {
    const headers = Object.entries(STATIC_SECURITY_HEADERS).map(([key, value]) => ({ key, value }));
    return [
      { source: "/:path*", headers },
      { source: "/_next/static/:path*", headers: [{ key: "Content-Security-Policy", value: API_CONTENT_SECURITY_POLICY }] },
    ];
  },
};

export default config;
