import type * as t from "@babel/types";
import { type Node, unwrapTs, walk } from "../ast-tools.ts";
import { extensionOf } from "../posix-path.ts";

// How a file writes its imports: module system, quote character, and the extension convention of
// relative specifiers (`./a.js` for a .ts file, `./a.ts`, or `./a`). New and corrected imports
// follow the file's convention so they resolve the same way its other imports do.

export interface ImportSite {
  /** The string literal holding the specifier. */
  literal: t.StringLiteral;
  /** The top-level statement it belongs to. */
  statement: t.Statement;
  kind: "import" | "export-from" | "require" | "dynamic-import" | "import-equals";
}

function isRequireCall(node: Node): boolean {
  return node.type === "CallExpression" && node.callee.type === "Identifier" && node.callee.name === "require" && node.arguments.length === 1 && node.arguments[0]!.type === "StringLiteral";
}

/** Every static specifier in the file: imports, re-exports, require(), import(). */
export function importSites(program: t.Program): ImportSite[] {
  const sites: ImportSite[] = [];
  for (const statement of program.body) {
    if (statement.type === "ImportDeclaration") sites.push({ literal: statement.source, statement, kind: "import" });
    else if ((statement.type === "ExportNamedDeclaration" || statement.type === "ExportAllDeclaration") && statement.source) {
      sites.push({ literal: statement.source, statement, kind: "export-from" });
    } else if (statement.type === "TSImportEqualsDeclaration" && statement.moduleReference.type === "TSExternalModuleReference") {
      sites.push({ literal: statement.moduleReference.expression, statement, kind: "import-equals" });
    }
  }
  for (const statement of program.body) {
    walk(statement, (node) => {
      if (isRequireCall(node)) sites.push({ literal: (node as t.CallExpression).arguments[0] as t.StringLiteral, statement, kind: "require" });
      if (node.type === "CallExpression" && node.callee.type === "Import" && node.arguments[0]?.type === "StringLiteral") {
        sites.push({ literal: node.arguments[0], statement, kind: "dynamic-import" });
      }
      if (node.type === "ImportExpression" && node.source.type === "StringLiteral") sites.push({ literal: node.source, statement, kind: "dynamic-import" });
    });
  }
  return sites;
}

export function isRelativeSpecifier(specifier: string): boolean {
  return specifier.startsWith("./") || specifier.startsWith("../") || specifier === "." || specifier === "..";
}

export type ExtensionConvention = "js-for-ts" | "source" | "none";

/** The extension convention of relative specifiers in a file, or null when it has none. */
export function extensionConvention(program: t.Program): ExtensionConvention | null {
  let js = 0;
  let source = 0;
  let none = 0;
  for (const site of importSites(program)) {
    const specifier = site.literal.value;
    if (!isRelativeSpecifier(specifier)) continue;
    const extension = extensionOf(specifier);
    if (extension === ".js" || extension === ".mjs" || extension === ".cjs" || extension === ".jsx") js += 1;
    else if (extension === ".ts" || extension === ".tsx" || extension === ".mts" || extension === ".cts") source += 1;
    else if (extension === "" || extension === ".") none += 1;
  }
  if (js + source + none === 0) return null;
  if (source >= js && source >= none) return "source";
  if (js >= none) return "js-for-ts";
  return "none";
}

const TS_TO_JS: Record<string, string> = { ".ts": ".js", ".tsx": ".js", ".mts": ".mjs", ".cts": ".cjs", ".jsx": ".js" };

/** A specifier for `relative` (with its real extension) written in the given convention. */
export function applyConvention(relative: string, convention: ExtensionConvention): string {
  const extension = extensionOf(relative);
  const stem = extension ? relative.slice(0, -extension.length) : relative;
  if (convention === "none") return stem.endsWith("/index") && stem !== "./index" ? stem.slice(0, -"/index".length) : stem;
  if (convention === "js-for-ts") return stem + (TS_TO_JS[extension] ?? extension);
  return relative;
}

/** The quote character the file's import specifiers use, or null when it has none. */
export function importQuote(program: t.Program): '"' | "'" | null {
  for (const site of importSites(program)) {
    const raw = (site.literal.extra as { raw?: string } | undefined)?.raw;
    if (raw?.startsWith("'")) return "'";
    if (raw?.startsWith('"')) return '"';
  }
  return null;
}

export type ModuleSystem = "esm" | "cjs";

/** ESM when the file imports or exports; CommonJS when it requires or assigns module.exports. */
export function moduleSystem(program: t.Program, path: string): ModuleSystem | null {
  if (/\.(mjs|mts)$/.test(path)) return "esm";
  if (/\.(cjs|cts)$/.test(path)) return "cjs";
  const esm = program.body.some((statement) => statement.type === "ImportDeclaration" || statement.type.startsWith("Export"));
  if (esm) return "esm";
  const cjs = program.body.some((statement) => {
    let found = false;
    walk(statement, (node) => {
      if (found) return false;
      if (isRequireCall(node)) found = true;
      if (node.type === "MemberExpression" && node.object.type === "Identifier" && node.object.name === "module" && node.property.type === "Identifier" && node.property.name === "exports") found = true;
      return true;
    });
    return found;
  });
  return cjs ? "cjs" : null;
}

/** The last top-level statement that imports (ESM) or requires (CJS): new imports go after it. */
export function lastImportStatement(program: t.Program, system: ModuleSystem): t.Statement | null {
  let last: t.Statement | null = null;
  for (const statement of program.body) {
    if (system === "esm" && (statement.type === "ImportDeclaration" || statement.type === "TSImportEqualsDeclaration")) last = statement;
    if (system === "cjs" && statement.type === "VariableDeclaration" && statement.declarations.every((item) => item.init && isRequireInit(item.init))) last = statement;
  }
  return last;
}

function isRequireInit(init: Node): boolean {
  const value = unwrapTs(init);
  // `const x = require("./x").default` and `require("./x")(options)`.
  if (value.type === "CallExpression") return isRequireCall(value as Node) || isRequireInit(value.callee);
  if (value.type === "MemberExpression") return isRequireInit(value.object);
  return false;
}
