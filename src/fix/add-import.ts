import type * as t from "@babel/types";
import { type CodeStyle, endOf, insertAfterStatement, insertBeforeStatement, quoted, startOf } from "./ast-tools.ts";
import { languageOfPath } from "./parse-source.ts";
import { type ModuleSystem, applyConvention, extensionConvention, importQuote, importSites, lastImportStatement, moduleSystem } from "./patterns/module-style.ts";
import { dirnameOf, relativeSpecifier } from "./posix-path.ts";
import type { Splice } from "./splice.ts";

// Importing a name into a file the way the file already imports: its module system (import or
// require), its quotes, and its extension convention for relative specifiers (`./a.js` for a .ts
// file, `./a.ts`, or `./a`). A name from a module the file already imports joins that import.

export interface ImportRequest {
  /** The name to bring in (its exported name; imported under the same local name). */
  name: string;
  /** Repo path of the module that exports it; ignored when `fromPackage` is set. */
  fromPath: string;
  /** A package specifier (`hono/http-exception`), written as it is. */
  fromPackage?: string;
  kind: "named" | "default";
  /** How the exporting module exports, used when the file itself shows no module system. */
  exporterSystem?: ModuleSystem;
  /** A file whose extension convention to follow when the importing file has no relative imports. */
  conventionFrom?: t.Program;
}

export interface PlannedImport {
  splice: Splice;
  specifier: string;
}

/** The splice that imports `request.name` into the file, or null when the file's style cannot be followed. */
export function importSplice(file: string, source: string, program: t.Program, style: CodeStyle, request: ImportRequest): PlannedImport | null {
  const system = moduleSystem(program, file) ?? (languageOfPath(file)?.startsWith("ts") ? "esm" : (request.exporterSystem ?? null));
  if (!system) return null;
  const convention =
    extensionConvention(program) ??
    (request.conventionFrom ? extensionConvention(request.conventionFrom) : null) ??
    (system === "esm" && /\.[cm]?jsx?$/.test(file) ? "source" : "none");
  const specifier = request.fromPackage ?? applyConvention(relativeSpecifier(dirnameOf(file), request.fromPath), convention);
  const importStyle = { ...style, quote: importQuote(program) ?? style.quote };
  const extend = extendExistingImport(program, specifier, request.name, request.kind, system);
  if (extend) return { splice: extend, specifier };
  const from = quoted(specifier, importStyle);
  const statement =
    system === "esm"
      ? request.kind === "named"
        ? `import { ${request.name} } from ${from}`
        : `import ${request.name} from ${from}`
      : request.kind === "named"
        ? `const { ${request.name} } = require(${from})`
        : `const ${request.name} = require(${from})`;
  const text = style.semicolons ? `${statement};` : statement;
  const last = lastImportStatement(program, system);
  const first = program.body.find((item) => !(item.type === "ExpressionStatement" && item.expression.type === "StringLiteral"));
  const directive = program.body.find((item) => item.type === "ExpressionStatement" && item.expression.type === "StringLiteral");
  if (last) return { splice: insertAfterStatement(source, last, [text], style), specifier };
  // After a 'use strict' directive, else before the first statement.
  if (directive && system === "cjs") return { splice: insertAfterStatement(source, directive, ["", text], style), specifier };
  if (first) return { splice: insertBeforeStatement(source, first, [text], style), specifier };
  return { splice: { start: source.length, end: source.length, text: text + style.eol }, specifier };
}

/** `import { a } from "./x.js"` already present: add the name in its braces, in order when they are sorted. */
function extendExistingImport(program: t.Program, specifier: string, name: string, kind: "named" | "default", system: ModuleSystem): Splice | null {
  if (kind !== "named") return null;
  for (const site of importSites(program)) {
    if (site.literal.value !== specifier) continue;
    const statement = site.statement;
    if (system === "esm" && statement.type === "ImportDeclaration" && statement.importKind !== "type") {
      const splice = addNamedImport(statement, name);
      if (splice) return splice;
    }
    if (system === "cjs" && statement.type === "VariableDeclaration") {
      const declarator = statement.declarations.find((item) => item.id.type === "ObjectPattern" && item.init?.type === "CallExpression");
      const pattern = declarator?.id.type === "ObjectPattern" ? declarator.id : null;
      const last = pattern?.properties[pattern.properties.length - 1];
      if (last && last.type === "ObjectProperty") return { start: endOf(last), end: endOf(last), text: `, ${name}` };
    }
  }
  return null;
}

/** `import { json, notFound } from "..."` + `badRequest`: kept in order when the list is sorted, else appended. */
export function addNamedImport(declaration: t.ImportDeclaration, name: string): Splice | null {
  const named = declaration.specifiers.filter((specifier): specifier is t.ImportSpecifier => specifier.type === "ImportSpecifier");
  if (named.length === 0 || named.length !== declaration.specifiers.length - (declaration.specifiers[0]?.type === "ImportDefaultSpecifier" ? 1 : 0)) return null;
  const names = named.map((specifier) => specifier.local.name);
  const key = (value: string): string => value.toLowerCase();
  const sorted = names.length > 1 && names.every((value, index) => index === 0 || key(names[index - 1]!) <= key(value));
  const before = sorted ? named.find((specifier) => key(specifier.local.name) > key(name)) : undefined;
  if (before) return { start: startOf(before), end: startOf(before), text: `${name}, ` };
  const last = named[named.length - 1]!;
  return { start: endOf(last), end: endOf(last), text: `, ${name}` };
}
