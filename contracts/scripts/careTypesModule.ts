// Renders sdk/src/generated/careTypes.ts (and the contract tests' copy) from the solc AST of CareTypes.sol: the enums' members in order, and
// the Categories library's constants, so the SDK's codes cannot drift from the contract's.
import { readFileSync } from "node:fs";
import path from "node:path";

const TYPES_SOURCE = "contracts/CareTypes.sol";

interface AstNode {
  nodeType: string;
  name?: string;
  [key: string]: unknown;
}

/** The solc output of the build that compiled `artifactPath`, found through Hardhat's debug file. */
export function readBuildInfo(artifactPath: string): { output: { sources: Record<string, { ast: AstNode }> } } {
  const debugFile = artifactPath.replace(/\.json$/, ".dbg.json");
  const { buildInfo } = JSON.parse(readFileSync(debugFile, "utf8")) as { buildInfo: string };
  return JSON.parse(readFileSync(path.resolve(path.dirname(debugFile), buildInfo), "utf8"));
}

/** Evaluates the constant expressions CareTypes.sol uses: literals, other constants, `type(uintN).max`,
 *  casts, parentheses and integer arithmetic. Anything else is an error, so the generator never guesses. */
function evaluate(node: AstNode, constants: Map<string, bigint>): bigint {
  switch (node.nodeType) {
    case "Literal":
      return BigInt(node.value as string);
    case "Identifier": {
      const value = constants.get(node.name!);
      if (value === undefined) throw new Error(`CareTypes.sol: constant ${node.name} is used before it is defined`);
      return value;
    }
    case "TupleExpression":
      return evaluate((node.components as AstNode[])[0]!, constants);
    case "FunctionCall": // a type conversion such as uint8(x)
      return evaluate((node.arguments as AstNode[])[0]!, constants);
    case "MemberAccess": {
      const typeName = ((node.expression as AstNode).arguments as AstNode[] | undefined)?.[0]?.typeName as AstNode | undefined;
      const bits = /^uint(\d+)$/.exec(typeName?.name ?? "");
      if (node.memberName === "max" && bits) return (1n << BigInt(bits[1]!)) - 1n;
      break;
    }
    case "BinaryOperation": {
      const left = evaluate(node.leftExpression as AstNode, constants);
      const right = evaluate(node.rightExpression as AstNode, constants);
      const operations: Record<string, (a: bigint, b: bigint) => bigint> = {
        "+": (a, b) => a + b,
        "-": (a, b) => a - b,
        "*": (a, b) => a * b,
        "<<": (a, b) => a << b,
        "|": (a, b) => a | b,
      };
      const operation = operations[node.operator as string];
      if (operation) return operation(left, right);
      break;
    }
  }
  throw new Error(`CareTypes.sol: cannot evaluate a ${node.nodeType} constant expression`);
}

const pascalCase = (name: string) => name.toLowerCase().replace(/(^|_)([a-z])/g, (_, __, letter: string) => letter.toUpperCase());
/** The @notice of a NatSpec comment, or its untagged text (its @title and @dev parts are for Solidity readers). */
const docOf = (node: AstNode) => {
  const text = (node.documentation as { text?: string } | undefined)?.text ?? "";
  const notice = /(?:^|\s)@notice\s([\s\S]*?)(?=\s@\w|$)/.exec(text)?.[1] ?? /^[^@]*/.exec(text)![0];
  return notice.trim();
};
const jsDoc = (text: string) => (text ? [`/** ${text.replace(/\s*\n\s*/g, " ")} */`] : []);

/** An enum as a code table (name -> code), its names in code order (code -> name) and the union of its names. */
function renderEnum(name: string, members: string[], doc: string): string[] {
  const entries = members.map((member, value) => `  ${member}: ${value},`);
  return [
    ...jsDoc(doc),
    `export const ${name} = {`,
    ...entries,
    "} as const;",
    `export type ${name} = (typeof ${name})[keyof typeof ${name}];`,
    `/** ${name}'s names indexed by code, as events carry them. */`,
    `export const ${name}Names = [${members.map((member) => JSON.stringify(member)).join(", ")}] as const;`,
    `export type ${name}Name = (typeof ${name}Names)[number];`,
    "",
  ];
}

interface CareTypes {
  enums: { name: string; members: string[]; doc: string }[];
  categories: { name: "RecordCategory"; members: string[]; doc: string };
  constants: Map<string, bigint>;
}

/** The enums of CareTypes.sol in source order, and the Categories library's constants and category names. */
function readCareTypes(buildInfo: ReturnType<typeof readBuildInfo>): CareTypes {
  const source = buildInfo.output.sources[TYPES_SOURCE];
  if (!source) throw new Error(`the build holds no ${TYPES_SOURCE}`);
  const enums = (source.ast.nodes as AstNode[])
    .filter((node) => node.nodeType === "EnumDefinition")
    .map((node) => ({ name: node.name!, members: (node.members as AstNode[]).map((member) => member.name!), doc: docOf(node) }));
  const categories = (source.ast.nodes as AstNode[]).find((node) => node.nodeType === "ContractDefinition" && node.name === "Categories");
  if (!categories) throw new Error("CareTypes.sol has no Categories library");
  const constants = new Map<string, bigint>();
  for (const node of categories.nodes as AstNode[]) {
    if (node.nodeType === "VariableDeclaration" && node.constant) constants.set(node.name!, evaluate(node.value as AstNode, constants));
  }
  const count = Number(constants.get("COUNT"));
  const categoryNames = [...constants].filter(([name, value]) => !["COUNT", "ALL", "FULL_SCOPE"].includes(name) && value < BigInt(count));
  const members = Array.from({ length: count }, (_, value) => {
    const match = categoryNames.find(([, code]) => code === BigInt(value));
    if (!match) throw new Error(`CareTypes.sol: no Categories constant names category ${value}`);
    return pascalCase(match[0]);
  });
  return { enums, categories: { name: "RecordCategory", members, doc: docOf(categories) }, constants };
}

export function renderCareTypesModule(buildInfo: ReturnType<typeof readBuildInfo>): string {
  const { enums, categories, constants } = readCareTypes(buildInfo);
  const lines = ["// Generated by contracts/scripts/exportArtifacts.ts from contracts/CareTypes.sol. Do not edit.", ""];
  for (const { name, members, doc } of [...enums, categories]) lines.push(...renderEnum(name, members, doc));
  lines.push("/** How many record categories exist (Categories.COUNT). */", `export const RECORD_CATEGORY_COUNT = ${constants.get("COUNT")};`);
  lines.push("/** The category of an emergency ticket: every category at once (Categories.ALL). */", `export const ALL_CATEGORIES = ${constants.get("ALL")};`);
  lines.push("/** The consent scope that covers every category (Categories.FULL_SCOPE). */", `export const FULL_SCOPE = ${constants.get("FULL_SCOPE")};`, "");
  return lines.join("\n");
}

/** contracts/test/generated/careTypes.ts: the same codes for the contract tests, which do not depend on the SDK. One line an enum. */
export function renderTestCareTypesModule(buildInfo: ReturnType<typeof readBuildInfo>): string {
  const { enums, categories, constants } = readCareTypes(buildInfo);
  const table = ({ name, members }: { name: string; members: string[] }) =>
    `export const ${name} = { ${members.map((member, value) => `${member}: ${value}`).join(", ")} } as const;`;
  return [
    "// Generated by contracts/scripts/exportArtifacts.ts from contracts/CareTypes.sol. Do not edit.",
    ...[...enums, categories].map(table),
    `export const ALL_CATEGORIES = ${constants.get("ALL")};`,
    `export const FULL_SCOPE = ${constants.get("FULL_SCOPE")};`,
    "",
  ].join("\n");
}
