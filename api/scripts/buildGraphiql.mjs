// GraphiQL 5 ships ES modules that import CSS and start Monaco's web workers: bundle the page script, its styles and
// the three workers into dist/graphiql/assets, which the API serves itself (no CDN, nothing resolved at run time).
import { build } from "esbuild";

const outdir = new URL("../dist/graphiql/assets", import.meta.url).pathname;
const common = { bundle: true, minify: true, legalComments: "linked", target: "es2022", logLevel: "warning" };

await Promise.all([
  build({
    ...common,
    entryPoints: { graphiql: new URL("../src/graphiql/main.ts", import.meta.url).pathname },
    outdir,
    format: "esm",
    // Monaco is imported lazily (after the first render): it stays in its own chunks.
    splitting: true,
    chunkNames: "chunks/[name]-[hash]",
    assetNames: "fonts/[name]-[hash]",
    loader: { ".ttf": "file" },
    define: { "process.env.NODE_ENV": '"production"' },
  }),
  build({
    ...common,
    entryPoints: {
      "editor.worker": "monaco-editor/esm/vs/editor/editor.worker.js",
      "json.worker": "monaco-editor/esm/vs/language/json/json.worker.js",
      "graphql.worker": "monaco-graphql/esm/graphql.worker.js",
    },
    outdir,
    format: "iife",
  }),
]);
