// `npm run codegen -w api` step: rewrites api/src/generated/rows.ts from schema.graphql.
import { writeFileSync } from "node:fs";
import { renderRowTypesFromSchema, rowTypesPath } from "./rowTypes.ts";

writeFileSync(rowTypesPath, renderRowTypesFromSchema());
console.log(`wrote ${rowTypesPath}`);
