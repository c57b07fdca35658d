// `npm run lint`: typescript-eslint's type-checked rules over every workspace's TypeScript, the recommended rules over
// the plain JavaScript scripts. Generated files are left to their generators (each has a "stale" test instead).
import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  {
    ignores: [
      "**/node_modules/**",
      "**/dist/**",
      "**/.next/**",
      "**/next-env.d.ts",
      "contracts/artifacts/**",
      "contracts/cache/**",
      "contracts/typechain-types/**",
      "**/generated/**",
      "indexer/subql/src/types/**",
      "dashboard/test-results/**",
      "dashboard/playwright-report/**",
      // The benchmark's baselines are other indexers' projects written in their own idiom, not CareTrail code.
      "bench/baselines/ponder/**",
      "bench/baselines/subql-plain/**",
    ],
  },
  js.configs.recommended,
  {
    // Prettier wraps code at 160 columns but not strings, template literals or comments: this catches those.
    rules: { "max-len": ["error", { code: 160, tabWidth: 2, ignoreUrls: true }] },
  },
  {
    files: ["**/*.{ts,tsx,mts,cts}"],
    extends: [tseslint.configs.strictTypeChecked],
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ["indexer/subql/project.ts", "api/scripts/measureFreshness.ts"], defaultProject: "tsconfig.base.json" },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      // Numbers and booleans read naturally in messages; objects and nullish values still need an explicit String().
      "@typescript-eslint/restrict-template-expressions": ["error", { allowNumber: true, allowBoolean: true }],
      // `() => server.close()` is the idiom for a callback whose result nobody reads.
      "@typescript-eslint/no-confusing-void-expression": ["error", { ignoreArrowShorthand: true }],
      // `_name` marks a parameter an interface requires, and `{ dropped: _, ...rest }` removes a key.
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", ignoreRestSiblings: true }],
      // noUncheckedIndexedAccess is on, so an index the line before has checked (or a Map entry just set) still types
      // as possibly undefined; `!` records that check where a guard would repeat it.
      "@typescript-eslint/no-non-null-assertion": "off",
      // Stores, Apollo plugin hooks and fast-check commands implement Promise-returning interfaces; an in-memory
      // implementation is `async` without awaiting anything, which is what the interface asks of it.
      "@typescript-eslint/require-await": "off",
    },
  },
  {
    // node:test's test() and describe() return promises the runner itself awaits.
    files: ["**/*.{ts,tsx,mts,cts}"],
    rules: {
      "@typescript-eslint/no-floating-promises": [
        "error",
        {
          allowForKnownSafeCalls: [
            { from: "package", package: "node:test", name: ["test", "it", "describe", "suite", "before", "after", "beforeEach", "afterEach"] },
          ],
        },
      ],
    },
  },
  {
    // Tests read JSON answers (GraphQL, JSON-RPC, files) and assert on them: a wrong shape fails the assertion,
    // which is the check, so the any-flow rules would only add casts. Non-null assertions there state what the
    // test expects to exist.
    files: ["**/test/**", "**/e2e/**", "**/*.test.{ts,tsx}", "**/*.spec.ts", "bench/**", "**/scripts/**"],
    rules: {
      "@typescript-eslint/no-unsafe-member-access": "off",
      "@typescript-eslint/no-unsafe-assignment": "off",
      "@typescript-eslint/no-unsafe-argument": "off",
      "@typescript-eslint/no-unsafe-call": "off",
      "@typescript-eslint/no-unsafe-return": "off",
      "@typescript-eslint/no-explicit-any": "off",
      "@typescript-eslint/no-redundant-type-constituents": "off",
      "@typescript-eslint/restrict-plus-operands": "off",
      // An after() hook guards what a failed before() may not have assigned, which the types cannot see.
      "@typescript-eslint/no-unnecessary-condition": "off",
    },
  },
  {
    files: ["**/*.{js,mjs,cjs}"],
    languageOptions: {
      globals: {
        process: "readonly",
        console: "readonly",
        URL: "readonly",
        fetch: "readonly",
        structuredClone: "readonly",
        setTimeout: "readonly",
        clearTimeout: "readonly",
        performance: "readonly",
        Buffer: "readonly",
        require: "readonly",
        module: "writable",
        __dirname: "readonly",
      },
    },
  },
);
