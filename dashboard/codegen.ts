import type { CodegenConfig } from "@graphql-codegen/cli";

/**
 * Typed documents from the API's SDL: `npm run codegen -w @caretrail/dashboard` after editing a query (graphql(...)
 * in lib, app or components), lib/fragments.graphql or api/src/schema/*.graphql (lib/generated.test.ts fails when stale).
 */
const config: CodegenConfig = {
  schema: "../api/src/schema/*.graphql",
  documents: ["lib/**/*.{ts,tsx,graphql}", "app/**/*.{ts,tsx}", "components/**/*.{ts,tsx}", "!lib/generated/**", "!**/*.test.ts"],
  ignoreNoDocuments: false,
  generates: {
    "lib/generated/": {
      preset: "client",
      // Off: the dashboard reads whole results, so a fragment's fields are part of the query's type.
      presetConfig: { fragmentMasking: false },
      config: {
        // Enums as string-literal unions (what `enumsAsTypes` was before typescript-operations 6).
        enumType: "string-literal",
        useTypeImports: true,
        skipTypename: true,
        // As they travel: DateTime is an ISO-8601 string on the wire.
        scalars: { DateTime: "string", Address: "string", JSON: "unknown" },
        strictScalars: true,
      },
    },
  },
};

export default config;
