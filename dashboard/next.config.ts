import type { NextConfig } from "next";

const config: NextConfig = {
  // The SDK, ethers and ws run only on the server (verification, demo signing, the live feed): keep them out of the bundle.
  serverExternalPackages: ["@caretrail/sdk", "ws", "graphql-ws"],
  poweredByHeader: false,
  reactStrictMode: true,
};

export default config;
