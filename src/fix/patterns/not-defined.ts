import type * as t from "@babel/types";
import { importSplice } from "../add-import.ts";
import { type Node, findBinding, walk } from "../ast-tools.ts";
import { languageOfPath, parseSource } from "../parse-source.ts";
import type { FixCandidate } from "../fix-candidate.ts";
import type { FixPattern } from "../fix-pattern.ts";
import type { SourceReader } from "../fix-context.ts";
import { applySplices } from "../splice.ts";
import type { ModuleSystem } from "./module-style.ts";
import { change, parseCulprit, where } from "./shared.ts";

// Class 3: `X is not defined` where exactly one module of the repo exports X. The import is added
// after the file's last import, in its module system, quotes and extension convention. Names that
// no module exports, or several export, are left to a person.

const CONFIDENCE = 0.93;

/** Runtime globals: "not defined" there is an environment problem, not a missing import. */
const RUNTIME_GLOBALS = new Set(["require", "module", "exports", "process", "Buffer", "__dirname", "__filename", "Deno", "Bun", "window", "document", "global", "globalThis", "self", "navigator", "fetch", "structuredClone"]);

/** Directories that hold generated, vendored or test code: never a source of an import. */
const EXCLUDED_PATH = /(^|\/)(node_modules|dist|build|out|coverage|\.next|\.git|vendor|__tests__|__mocks__)\/|\.(test|spec)\.[cm]?[jt]sx?$|\.d\.ts$/;

type ExportKind = "named" | "default";

interface Exporter {
  path: string;
  kind: ExportKind;
  system: ModuleSystem;
  /** Re-exported from another module (a barrel) rather than declared here. */
  reexport: boolean;
  program: t.Program;
}

function declaresName(declaration: Node | null | undefined, name: string): boolean {
  if (!declaration) return false;
  if (declaration.type === "FunctionDeclaration" || declaration.type === "ClassDeclaration") return declaration.id?.name === name && !("declare" in declaration && declaration.declare);
  if (declaration.type === "TSEnumDeclaration") return declaration.id.name === name && !declaration.declare;
  if (declaration.type === "VariableDeclaration") {
    if (declaration.declare) return false;
    return declaration.declarations.some((item) => item.id.type === "Identifier" && item.id.name === name);
  }
  return false;
}

function exportedName(node: t.Identifier | t.StringLiteral): string {
  return node.type === "Identifier" ? node.name : node.value;
}

/** How a module exports `name`, if it does. */
export function exportOf(program: t.Program, name: string): { kind: ExportKind; system: ModuleSystem; reexport: boolean } | null {
  for (const statement of program.body) {
    if (statement.type === "ExportNamedDeclaration" && statement.exportKind !== "type") {
      if (declaresName(statement.declaration, name)) return { kind: "named", system: "esm", reexport: false };
      for (const specifier of statement.specifiers) {
        if (specifier.type !== "ExportSpecifier" || specifier.exportKind === "type") continue;
        if (exportedName(specifier.exported) === name) return { kind: "named", system: "esm", reexport: statement.source !== null && statement.source !== undefined };
      }
    }
    if (statement.type === "ExportDefaultDeclaration") {
      const declaration = statement.declaration;
      if ((declaration.type === "FunctionDeclaration" || declaration.type === "ClassDeclaration") && declaration.id?.name === name) {
        return { kind: "default", system: "esm", reexport: false };
      }
    }
    if (statement.type === "ExpressionStatement" && statement.expression.type === "AssignmentExpression" && statement.expression.operator === "=") {
      const { left, right } = statement.expression;
      const target = left.type === "MemberExpression" ? memberPath(left) : null;
      if (target === `module.exports.${name}` || target === `exports.${name}`) return { kind: "named", system: "cjs", reexport: false };
      if (target === "module.exports") {
        if (right.type === "ObjectExpression" && right.properties.some((property) => property.type === "ObjectProperty" && !property.computed && property.key.type === "Identifier" && property.key.name === name)) {
          return { kind: "named", system: "cjs", reexport: false };
        }
        if ((right.type === "FunctionExpression" || right.type === "ClassExpression") && right.id?.name === name) return { kind: "default", system: "cjs", reexport: false };
        if (right.type === "Identifier" && right.name === name) return { kind: "default", system: "cjs", reexport: false };
      }
    }
  }
  return null;
}

function memberPath(node: Node): string | null {
  if (node.type === "Identifier") return node.name;
  if (node.type === "MemberExpression" && !node.computed && node.property.type === "Identifier") {
    const object = memberPath(node.object);
    return object ? `${object}.${node.property.name}` : null;
  }
  return null;
}

async function findExporters(repo: SourceReader, importer: string, name: string): Promise<Exporter[]> {
  const exporters: Exporter[] = [];
  const files = (await repo.listFiles()).filter((path) => path !== importer && languageOfPath(path) !== null && !EXCLUDED_PATH.test(path));
  for (const path of files) {
    const text = await repo.readFile(path);
    // Cheap text prefilter before parsing: a module that exports X mentions X and exports something.
    if (!text || !text.includes(name) || !/\bexport|\bmodule\.exports|\bexports\./.test(text)) continue;
    let program: t.Program;
    try {
      program = parseSource(path, text).program;
    } catch {
      continue;
    }
    const found = exportOf(program, name);
    if (found) exporters.push({ path, program, ...found });
  }
  return exporters;
}

function chooseExporter(exporters: readonly Exporter[]): Exporter | null {
  const declared = exporters.filter((item) => !item.reexport);
  if (declared.length === 1) return declared[0]!;
  if (declared.length === 0 && exporters.length === 1) return exporters[0]!;
  return null;
}

/** References to the name in value position (not property keys or member properties). */
function referencesName(program: t.Program, name: string): { line: number; ancestors: readonly Node[] }[] {
  const found: { line: number; ancestors: readonly Node[] }[] = [];
  walk(program, (node, ancestors) => {
    if (node.type !== "Identifier" || node.name !== name) return;
    const parent = ancestors[ancestors.length - 1];
    if (parent && (parent.type === "MemberExpression" || parent.type === "OptionalMemberExpression") && parent.property === node && !parent.computed) return;
    if (parent && (parent.type === "ObjectProperty" || parent.type === "ObjectMethod" || parent.type === "ClassMethod" || parent.type === "ClassProperty") && parent.key === node && !("computed" in parent && parent.computed) && !(parent.type === "ObjectProperty" && parent.shorthand)) return;
    if (parent && (parent.type.startsWith("TS") || parent.type === "ImportSpecifier" || parent.type === "ExportSpecifier")) return;
    found.push({ line: node.loc?.start.line ?? 0, ancestors: [...ancestors] });
  });
  return found;
}

export const notDefinedPattern: FixPattern = {
  id: "not-defined",
  errorClass: "not-defined",
  baseConfidence: CONFIDENCE,
  description: "An identifier used without an import: import it from the one module of the repo that exports it.",
  async generate(ctx) {
    const name = ctx.classification.subject;
    if (!name || !/^[A-Za-z_$][\w$]*$/.test(name) || RUNTIME_GLOBALS.has(name)) return [];
    const parsed = parseCulprit(ctx);
    if (!parsed) return [];
    const references = referencesName(parsed.program, name);
    const atCulprit = references.filter((item) => item.line === ctx.culprit.line);
    const used = atCulprit.length > 0 ? atCulprit : references;
    // Already declared where it is used: the error is something else (a shadowing or ordering bug).
    if (used.length === 0 || used.some((item) => findBinding(name, item.ancestors) !== null)) return [];

    const exporter = chooseExporter(await findExporters(ctx.repo, ctx.culprit.file, name));
    if (!exporter) return [];
    const program = parsed.program;
    const planned = importSplice(ctx.culprit.file, ctx.source, program, parsed.style, { name, fromPath: exporter.path, kind: exporter.kind, exporterSystem: exporter.system, conventionFrom: exporter.program });
    if (!planned) return [];
    const specifier = planned.specifier;
    const after = applySplices(ctx.source, [planned.splice]);
    const candidate: FixCandidate = {
      patternId: notDefinedPattern.id,
      baseConfidence: CONFIDENCE,
      summary: `Imports ${name} from ${specifier}, the only module in the repository that exports it; no other line changes.`,
      rootCause: `${where(ctx)}: ${name} is used but never imported; ${exporter.path} exports it.`,
      changes: change(ctx, after),
      style: "import-added",
      expectation: { outcome: "completes", description: `${name} resolves to the export of ${exporter.path}, and the code that called it runs` },
      rank: { strategy: "repair", fit: 0.95 },
    };
    return [candidate];
  },
};
