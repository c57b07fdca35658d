import type { CodegenConfig } from "@graphql-codegen/cli";

/** Resolver types from the SDL: `npm run codegen -w api` after editing src/schema/*.graphql (a test fails when stale). */
const config: CodegenConfig = {
  schema: "src/schema/*.graphql",
  generates: {
    "src/generated/resolvers.ts": {
      plugins: ["typescript", "typescript-resolvers"],
      config: {
        contextType: "../context.js#ApiContext",
        useTypeImports: true,
        enumsAsTypes: true,
        defaultMapper: "Partial<{T}>",
        mappers: {
          CareRecord: "../data/records.js#RecordParent",
          RecordVersion: "../data/records.js#RecordVersionParent",
          Analytics: "../data/analytics.js#AnalyticsParent",
          AccessEvent: "../data/accessEvents.js#AccessEventParent",
        },
        scalars: { DateTime: "Date", Address: "string", JSON: "unknown" },
        avoidOptionals: { field: true, inputValue: false, object: false, defaultValue: false },
      },
    },
  },
};

export default config;
