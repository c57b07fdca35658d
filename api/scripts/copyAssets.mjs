// tsc copies no .graphql or .html files: the built server reads its SDL and GraphiQL page from dist/.
import { cpSync } from "node:fs";

for (const folder of ["schema", "graphiql"]) {
  cpSync(new URL(`../src/${folder}`, import.meta.url), new URL(`../dist/${folder}`, import.meta.url), {
    recursive: true,
    filter: (source) => !/\.(ts|css)$/.test(source),
  });
}
