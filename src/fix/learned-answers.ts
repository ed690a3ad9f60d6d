import type * as t from "@babel/types";
import { type CodeStyle, type FunctionNode, type Node, detectStyle, findBinding, isFunctionNode, quoted, startOf, endOf, textOf, unwrapTs, walk } from "./ast-tools.ts";
import { type ImportRequest, importSplice } from "./add-import.ts";
import { type ErrorExit, REASONS, findErrorExits, guardNoun, likeness, roleOf } from "./error-exits.ts";
import type { SourceReader } from "./fix-context.ts";
import { resolveSpecifier } from "./module-resolution.ts";
import { parseSource } from "./parse-source.ts";
import { presentWhenFalsy } from "./soundness/nullish-facts.ts";
import { declaredReturnType } from "./patterns/shared.ts";
import { directoryDistance, dirnameOf, stemOf } from "./posix-path.ts";
import type { Splice } from "./splice.ts";

// A client-error answer written the way the codebase writes them: the exits found in the function
// itself, its siblings in the file, the files of its folder and the files that import it (the
// router and its fallback) are examples; the best-fitting one is rewritten for this status, record
// and words. Names it uses must resolve at the new place the same way: a handler parameter is
// renamed by position, a helper or error class is imported when the file does not have it yet.

export interface ExitLibrary {
  exits: readonly ErrorExit[];
  /** Repo files, to resolve the modules examples import from. */
  files: ReadonlySet<string>;
}

export interface AnswerNeed {
  status: number;
  kind: "not-found" | "bad-request";
  /** The record or field, for words: "vet", "owner". */
  noun: string;
  /** The sentence when no example's words can be adapted: "vet not found". */
  message: string;
  /** The sentence for a helper or an error that takes one (`badRequest("request body must be valid JSON")`); defaults to message. */
  helperMessage?: string;
  /** The guarded variable and the lookup that produced it, to prefer a sibling guarding a similar lookup. */
  variable: string | null;
  lookup: Node | null;
  /** Input that is there but unreadable (bad JSON), not missing: a sibling's words about a missing value do not carry over. */
  invalid?: boolean;
  /** The missing value by name and by the expression it came from: a sibling guarding the same expression is copied whole. */
  value?: { name: string; source: string } | null;
}

export interface AnswerTarget {
  file: string;
  source: string;
  program: t.Program;
  style: CodeStyle;
  /** The function that answers (a handler, or a function returning the error value). */
  fn: FunctionNode;
  fnAncestors: readonly Node[];
  /** Ancestors of the statement the answer goes next to; names must resolve there. */
  siteAncestors: readonly Node[];
  /** Where the answer goes: names it uses must be declared before. */
  offset: number;
}

export interface LearnedAnswer {
  /** Statements that answer and leave; the caller puts them behind its guard. */
  lines: string[];
  /** Whether the example wrote its guard with braces. */
  braced: boolean;
  /** Imports the answer needs, against the original source. */
  splices: Splice[];
  example: ErrorExit;
  /** 0..1: how closely the answer follows the code (its own function, its file, its folder). */
  fit: number;
  /** Where the example is, for the reviewer: "src/routes/pets.js:14". */
  exampleAt: string;
  status: number | null;
  /** The sibling's own test, for the same value under our name: its status and words are kept too. */
  condition: string | null;
}

const MAX_FILES = 16;
/** Files read (through the forge, on GitHub one API call each) when looking for the culprit's importers. */
const MAX_SCANNED = 150;
const MAX_FILE_CHARS = 200_000;
const EXCLUDED = /(^|\/)(node_modules|dist|build|out|coverage|\.next|\.git|vendor|__mocks__)\/|\.d\.ts$/;
const TEST_FILE = /(^|\/)(test|tests|__tests__|spec)\/|\.(test|spec)\.[cm]?[jt]sx?$/;
const SOURCE_FILE = /\.(ts|tsx|mts|cts|js|jsx|mjs|cjs)$/;

/** Error exits of the culprit file, the files of its folder, and the files that import it. */
export async function learnExits(file: string, source: string, program: t.Program, repo: SourceReader): Promise<ExitLibrary> {
  const all = await repo.listFiles();
  const files = new Set(all);
  const exits: ErrorExit[] = findErrorExits(file, source, program);
  const folder = dirnameOf(file);
  const sources = all.filter((path) => path !== file && SOURCE_FILE.test(path) && !EXCLUDED.test(path) && !TEST_FILE.test(path));
  const near = sources.filter((path) => dirnameOf(path) === folder);
  const stem = stemOf(file) === "index" || stemOf(file) === "route" ? (folder.split("/").pop() ?? "") : stemOf(file);
  const readCount = { value: 0 };
  const read = async (path: string): Promise<{ text: string; program: t.Program } | null> => {
    if (readCount.value >= MAX_FILES * 4) return null;
    readCount.value += 1;
    const text = await repo.readFile(path);
    if (text === null || text.length > MAX_FILE_CHARS) return null;
    try {
      return { text, program: parseSource(path, text).program };
    } catch {
      return null;
    }
  };
  const taken = new Set<string>();
  const take = async (path: string, parsed: { text: string; program: t.Program } | null): Promise<void> => {
    if (!parsed || taken.has(path) || taken.size >= MAX_FILES) return;
    taken.add(path);
    exits.push(...findErrorExits(path, parsed.text, parsed.program));
  };
  for (const path of near) await take(path, await read(path));
  // Files that import the culprit: the router, the app and its fallback. Nearest folders first.
  let scanned = 0;
  const byDistance = [...sources].sort((a, b) => directoryDistance(folder, dirnameOf(a)) - directoryDistance(folder, dirnameOf(b)));
  for (const path of byDistance) {
    if (taken.size >= MAX_FILES || scanned >= MAX_SCANNED) break;
    if (taken.has(path)) continue;
    scanned += 1;
    const text = await repo.readFile(path);
    if (text === null || text.length > MAX_FILE_CHARS || !text.includes(stem)) continue;
    let parsed: t.Program;
    try {
      parsed = parseSource(path, text).program;
    } catch {
      continue;
    }
    const importsCulprit = specifiersOf(parsed).some((specifier) => resolveSpecifier(path, specifier, (candidate) => files.has(candidate)) === file);
    if (importsCulprit) await take(path, { text, program: parsed });
  }
  return { exits, files };
}

function specifiersOf(program: t.Program): string[] {
  const found: string[] = [];
  walk(program, (node) => {
    if (node.type === "ImportDeclaration" || ((node.type === "ExportNamedDeclaration" || node.type === "ExportAllDeclaration") && node.source)) found.push(node.source!.value);
    if (node.type === "CallExpression" && ((node.callee.type === "Identifier" && node.callee.name === "require") || node.callee.type === "Import") && node.arguments[0]?.type === "StringLiteral") found.push(node.arguments[0].value);
    if (node.type === "ImportExpression" && node.source.type === "StringLiteral") found.push(node.source.value);
  });
  return found;
}

// ---- words ---------------------------------------------------------------------------------------

const CODES: ReadonlyMap<number, string> = new Map([
  [400, "bad_request"],
  [401, "unauthorized"],
  [403, "forbidden"],
  [404, "not_found"],
  [409, "conflict"],
  [422, "unprocessable_entity"],
]);

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function snake(noun: string): string {
  return noun.trim().replace(/\s+/g, "_");
}

function literalText(node: t.StringLiteral | t.TemplateLiteral | t.BinaryExpression): string {
  if (node.type === "StringLiteral") return node.value;
  if (node.type === "TemplateLiteral") return node.quasis.map((quasi) => quasi.value.cooked ?? "").join("");
  const parts: string[] = [];
  walk(node, (inner) => {
    if (inner.type === "StringLiteral") parts.push(inner.value);
  });
  return parts.join("");
}

function codeFor(example: ErrorExit, value: string, need: AnswerNeed): string {
  const upper = value === value.toUpperCase();
  const separator = value.includes("-") && !value.includes("_") ? "-" : "_";
  const siblingNoun = guardNoun(example);
  let code: string;
  if (example.status === need.status && siblingNoun && siblingNoun !== "record" && new RegExp(escapeRegExp(snake(siblingNoun)), "i").test(value)) {
    code = value.replace(new RegExp(escapeRegExp(snake(siblingNoun)), "gi"), snake(need.noun));
  } else if (example.status === need.status && !/[a-z]/i.test(value.replace(/not[_-]?found|invalid|bad[_-]?request|missing|required/gi, "").replace(/[_-]/g, ""))) {
    code = value;
  } else if (/(^|[_-])(not[_-]?found|required|missing|invalid|unknown|exists)([_-]|$)/i.test(value)) {
    code = `${snake(need.noun)}_${need.kind === "not-found" ? "not_found" : "required"}`;
  } else {
    code = CODES.get(need.status) ?? (need.kind === "not-found" ? "not_found" : "bad_request");
  }
  code = code.replace(/[_-]/g, separator);
  return upper ? code.toUpperCase() : code.toLowerCase();
}

/** The literal (text and all) an example's message slot takes for this need, or null when it cannot be written safely. */
function messageLiteral(example: ErrorExit, need: AnswerNeed, style: CodeStyle, lookupKey: string | null): string | null {
  const slot = example.message;
  if (!slot) return null;
  if (slot.role === "noun") return quoted(need.noun, style);
  const value = literalText(slot.node);
  if (slot.role === "code") return quoted(codeFor(example, value, need), style);
  const siblingNoun = guardNoun(example);
  const capital = /^[A-Z]/.test(value);
  const sameSituation = !need.invalid && example.status === need.status && siblingNoun !== null && siblingNoun !== "record";
  if (sameSituation && slot.node.type === "StringLiteral" && new RegExp(`\\b${escapeRegExp(siblingNoun!)}\\b`, "i").test(value)) {
    return quoted(renameNoun(value, siblingNoun!, need.noun), style);
  }
  // `Pet ${petId} not found` → `Vet ${vetId} not found`: only when each placeholder is the sibling's lookup key.
  if (sameSituation && slot.node.type === "TemplateLiteral" && lookupKey && example.guard?.lookup) {
    const keys = lookupArguments(example.guard.lookup, example.source);
    const template = slot.node;
    if (template.expressions.length > 0 && template.expressions.every((expression) => keys.includes(textOf(example.source, expression)))) {
      let out = "";
      template.quasis.forEach((quasi, index) => {
        out += renameNoun(quasi.value.raw, siblingNoun!, need.noun).replace(/`/g, "\\`");
        if (index < template.expressions.length) out += `\${${lookupKey}}`;
      });
      if (new RegExp(`\\b${escapeRegExp(need.noun)}\\b`, "i").test(out)) return `\`${out}\``;
    }
  }
  const sentence = need.helperMessage ?? need.message;
  const words = capital ? sentence[0]!.toUpperCase() + sentence.slice(1) : sentence;
  return quoted(value.endsWith(".") ? `${words}.` : words, style);
}

function renameNoun(value: string, from: string, to: string): string {
  return value.replace(new RegExp(`\\b${escapeRegExp(from)}\\b`, "gi"), (match) => (match[0] !== match[0]!.toLowerCase() ? to[0]!.toUpperCase() + to.slice(1) : to));
}

/** Argument texts of a lookup (`store.pets.get(petId)` → ["petId"]; `vets.find((v) => v.id === vetId)` → ["vetId"]). */
function lookupArguments(lookup: Node, source: string): string[] {
  let value = unwrapTs(lookup);
  if (value.type === "AwaitExpression") value = unwrapTs(value.argument);
  const texts: string[] = [];
  if (value.type === "CallExpression") {
    for (const argument of value.arguments) {
      if (isFunctionNode(argument)) {
        walk(argument, (node) => {
          if (node.type === "BinaryExpression" && (node.operator === "===" || node.operator === "==")) texts.push(textOf(source, node.left), textOf(source, node.right));
        });
      } else texts.push(textOf(source, argument));
    }
  } else if (value.type === "MemberExpression" && value.computed) {
    texts.push(textOf(source, value.property));
  }
  return texts;
}

/** The key our own lookup is made with, when it is one plain name or member chain. */
export function lookupKeyOf(lookup: Node | null, source: string): string | null {
  if (!lookup) return null;
  const keys = lookupArguments(lookup, source).filter((text) => /^[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)*$/.test(text));
  const distinct = [...new Set(keys.filter((text) => !/^[a-z]\.[A-Za-z_$][\w$]*$/.test(text)))];
  return distinct.length === 1 ? distinct[0]! : null;
}

// ---- rewriting an example for the target ----------------------------------------------------------

function isValuePosition(node: t.Identifier, parent: Node | undefined): boolean {
  if (!parent) return true;
  if ((parent.type === "MemberExpression" || parent.type === "OptionalMemberExpression") && parent.property === node && !parent.computed) return false;
  if ((parent.type === "ObjectProperty" || parent.type === "ObjectMethod") && parent.key === node && !parent.computed && !(parent.type === "ObjectProperty" && parent.shorthand)) return false;
  if (parent.type.startsWith("TS") && parent.type !== "TSNonNullExpression" && parent.type !== "TSAsExpression") return false;
  return true;
}

function requireSpecifier(declarator: t.VariableDeclarator): string | null {
  const init = declarator.init ? unwrapTs(declarator.init) : null;
  if (!init) return null;
  const call = init.type === "MemberExpression" ? unwrapTs(init.object) : init;
  if (call.type !== "CallExpression" || call.callee.type !== "Identifier" || call.callee.name !== "require") return null;
  const first = call.arguments[0];
  return first?.type === "StringLiteral" ? first.value : null;
}

/** How a name reaches the example: a global, a parameter, a module-level binding, or an import from a repo module. */
type Origin =
  | { kind: "global" }
  | { kind: "param"; index: number }
  | { kind: "module"; identifier: t.Identifier; exported: boolean }
  | { kind: "import"; path: string; imported: "named" | "default" }
  | { kind: "package"; specifier: string; imported: "named" | "default" }
  | { kind: "local" };

function originOf(example: ErrorExit, name: string, ancestors: readonly Node[], files: ReadonlySet<string>): Origin {
  const binding = findBinding(name, ancestors);
  if (!binding) return { kind: "global" };
  if (binding.kind === "param") {
    if (binding.fn !== example.fn || !example.fn) return { kind: "module", identifier: binding.identifier, exported: false };
    const index = (example.fn.params as Node[]).indexOf(binding.param);
    return index >= 0 && binding.param.type === "Identifier" ? { kind: "param", index } : { kind: "local" };
  }
  if (binding.kind === "import") {
    const specifier = binding.declaration.source?.value;
    const spec = binding.declaration.specifiers?.find((item) => item.local.name === name);
    if (!specifier || !spec) return { kind: "local" };
    const imported = spec.type === "ImportDefaultSpecifier" ? "default" : spec.type === "ImportSpecifier" && (spec.imported.type === "Identifier" ? spec.imported.name : spec.imported.value) === name ? "named" : null;
    if (!imported) return { kind: "local" };
    if (isPackage(specifier)) return { kind: "package", specifier, imported };
    const path = resolveSpecifier(example.file, specifier, (candidate) => files.has(candidate));
    // A module the repository listing does not show: usable only where that same import is in scope.
    return path ? { kind: "import", path, imported } : { kind: "module", identifier: binding.identifier, exported: false };
  }
  if ((binding.kind === "const" || binding.kind === "let" || binding.kind === "var") && binding.owner.type === "Program") {
    const specifier = requireSpecifier(binding.declarator);
    if (specifier !== null) {
      const imported = binding.declarator.id.type === "ObjectPattern" ? "named" : "default";
      if (isPackage(specifier)) return { kind: "package", specifier, imported };
      const path = resolveSpecifier(example.file, specifier, (candidate) => files.has(candidate));
      if (!path) return { kind: "local" };
      return { kind: "import", path, imported };
    }
    return { kind: "module", identifier: binding.identifier, exported: false };
  }
  if ((binding.kind === "function" || binding.kind === "class") && binding.identifier) {
    const program = ancestors[0];
    const topLevel = program?.type === "Program" && program.body.some((statement) => statement === binding.node || ((statement.type === "ExportNamedDeclaration" || statement.type === "ExportDefaultDeclaration") && statement.declaration === binding.node));
    return topLevel ? { kind: "module", identifier: binding.identifier, exported: false } : { kind: "local" };
  }
  return { kind: "local" };
}

/** The same name at the target resolves to the same thing, or can be imported there. */
function reachAtTarget(origin: Origin, name: string, example: ErrorExit, target: AnswerTarget, files: ReadonlySet<string>): { rename?: string; importRequest?: ImportRequest } | null {
  const here = findBinding(name, target.siteAncestors);
  switch (origin.kind) {
    case "global":
      return here ? null : {};
    case "param": {
      const param = target.fn.params[origin.index];
      if (!param || param.type !== "Identifier") return null;
      const resolved = findBinding(param.name, target.siteAncestors);
      if (!resolved || resolved.kind !== "param" || resolved.fn !== target.fn) return null;
      return param.name === name ? {} : { rename: param.name };
    }
    case "module":
      if (example.file === target.file) return here && here.identifier === origin.identifier ? {} : null;
      return null;
    case "import": {
      if (here) {
        if (here.kind === "import") {
          const specifier = here.declaration.source?.value;
          return specifier && resolveSpecifier(target.file, specifier, (candidate) => files.has(candidate)) === origin.path ? {} : null;
        }
        if ((here.kind === "const" || here.kind === "let" || here.kind === "var") && here.owner.type === "Program") {
          const specifier = requireSpecifier(here.declarator);
          return specifier && resolveSpecifier(target.file, specifier, (candidate) => files.has(candidate)) === origin.path ? {} : null;
        }
        return null;
      }
      if (origin.path === target.file) return null;
      return { importRequest: { name, fromPath: origin.path, kind: origin.imported } };
    }
    case "package": {
      if (here) {
        if (here.kind === "import") return here.declaration.source?.value === origin.specifier ? {} : null;
        if ((here.kind === "const" || here.kind === "let" || here.kind === "var") && here.owner.type === "Program") return requireSpecifier(here.declarator) === origin.specifier ? {} : null;
        return null;
      }
      return { importRequest: { name, fromPath: "", fromPackage: origin.specifier, kind: origin.imported } };
    }
    case "local":
      return null;
  }
}

function isPackage(specifier: string): boolean {
  return !specifier.startsWith(".") && !specifier.startsWith("/");
}

function hasStringLiteral(program: t.Program): boolean {
  let found = false;
  walk(program, (node) => {
    if (found) return false;
    if (node.type === "StringLiteral" && !(node.extra as { raw?: string } | undefined)?.raw?.startsWith("`")) found = true;
    return !found;
  });
  return found;
}

function dedent(text: string, indent: string): string[] {
  return text.split(/\r?\n/).map((line, index) => (index > 0 && line.startsWith(indent) ? line.slice(indent.length) : index > 0 ? line.trimStart() : line));
}

function lineIndent(source: string, offset: number): string {
  const start = source.lastIndexOf("\n", offset - 1) + 1;
  let end = start;
  while (source[end] === " " || source[end] === "\t") end += 1;
  return source.slice(start, end);
}

/** The example rewritten for the target, or null when some part of it cannot be carried over. */
export function instantiate(example: ErrorExit, need: AnswerNeed, target: AnswerTarget, files: ReadonlySet<string>, sameValue: string | null = null): Omit<LearnedAnswer, "fit" | "exampleAt"> | null {
  // A status named only by a helper or class (`notFound()`, `NotFoundError`) fits that status alone.
  if (!sameValue && example.status !== null && example.status !== need.status && !example.statusNode) return null;
  const lookupKey = lookupKeyOf(need.lookup, target.source);
  // A file with no string literal of its own says nothing about quotes: the example's file does.
  const quoting = hasStringLiteral(target.program) ? target.style : { ...target.style, quote: detectStyle(example.source, example.program).quote };
  const message = sameValue ? null : messageLiteral(example, need, quoting, lookupKey);
  if (!sameValue && example.message && message === null) return null;
  // The same value guarded elsewhere: that test and that answer, as they are.
  const condition = sameValue && example.guard ? rewriteCondition(example, example.guard.test, sameValue, need.value!.name, target, files) : null;
  if (sameValue && condition === null) return null;
  const importRequests = new Map<string, ImportRequest>();
  const lines: string[] = [];
  for (const statement of example.statements) {
    const splices: { start: number; end: number; text: string }[] = [];
    const slotRanges: Array<[number, number]> = [];
    const inside = (node: Node): boolean => startOf(node) >= startOf(statement) && endOf(node) <= endOf(statement);
    if (example.statusNode && !sameValue) {
      for (const node of example.statusNodes.filter(inside)) {
        splices.push({ start: startOf(node), end: endOf(node), text: String(need.status) });
        slotRanges.push([startOf(node), endOf(node)]);
      }
      const reason = REASONS.get(need.status);
      for (const node of example.reasonNodes.filter(inside)) {
        if (!reason) return null;
        splices.push({ start: startOf(node), end: endOf(node), text: quoted(reason, quoting) });
        slotRanges.push([startOf(node), endOf(node)]);
      }
    }
    if (!sameValue && example.details && example.details.start >= startOf(statement) && example.details.end <= endOf(statement)) {
      splices.push({ start: example.details.start, end: example.details.end, text: "" });
      slotRanges.push([example.details.start, example.details.end]);
    }
    if (example.message && message !== null && startOf(example.message.node) >= startOf(statement) && endOf(example.message.node) <= endOf(statement)) {
      splices.push({ start: startOf(example.message.node), end: endOf(example.message.node), text: message });
      slotRanges.push([startOf(example.message.node), endOf(example.message.node)]);
    }
    if (!sameValue && example.code && startOf(example.code) >= startOf(statement) && endOf(example.code) <= endOf(statement)) {
      splices.push({ start: startOf(example.code), end: endOf(example.code), text: quoted(codeFor(example, example.code.value, need), quoting) });
      slotRanges.push([startOf(example.code), endOf(example.code)]);
    }
    let failed = false;
    const statementAncestors = example.ancestors;
    walk(statement, (node, inner) => {
      if (failed) return false;
      if (slotRanges.some(([start, end]) => startOf(node) >= start && endOf(node) <= end)) return false;
      if (node.type !== "Identifier") return true;
      const parent = inner[inner.length - 1];
      if (!isValuePosition(node, parent)) return true;
      const origin = originOf(example, node.name, [...statementAncestors, ...inner], files);
      const reach = reachAtTarget(origin, node.name, example, target, files);
      if (!reach) {
        failed = true;
        return false;
      }
      if (reach.rename) {
        const shorthand = parent?.type === "ObjectProperty" && parent.shorthand;
        splices.push({ start: startOf(node), end: endOf(node), text: shorthand ? `${node.name}: ${reach.rename}` : reach.rename });
      }
      if (reach.importRequest) importRequests.set(reach.importRequest.name, reach.importRequest);
      return true;
    });
    if (failed) return null;
    const base = startOf(statement);
    let text = example.source.slice(base, endOf(statement));
    for (const splice of [...splices].sort((a, b) => b.start - a.start)) text = text.slice(0, splice.start - base) + splice.text + text.slice(splice.end - base);
    text = text.replace(/;$/, "");
    if (target.style.semicolons) text = `${text};`;
    lines.push(...dedent(text, lineIndent(example.source, base)));
  }
  const splices: Splice[] = [];
  for (const request of importRequests.values()) {
    const planned = importSplice(target.file, target.source, target.program, target.style, request);
    if (!planned) return null;
    splices.push(planned.splice);
  }
  return { lines, braced: example.guard?.braced ?? lines.length > 1, splices, example, status: example.status === null ? null : sameValue ? example.status : need.status, condition };
}

/** The sibling's test with its variable renamed to ours; null when another name in it does not resolve here. */
function rewriteCondition(example: ErrorExit, test: Node, subject: string, ours: string, target: AnswerTarget, files: ReadonlySet<string>): string | null {
  const splices: { start: number; end: number; text: string }[] = [];
  let failed = false;
  const ifAncestors = example.ancestors.slice(0, example.ancestors.findIndex((node) => node.type === "IfStatement" && (node as t.IfStatement).test === test) + 1);
  walk(test, (node, inner) => {
    if (failed || node.type !== "Identifier") return !failed;
    const parent = inner[inner.length - 1];
    if (!isValuePosition(node, parent)) return true;
    if (node.name === subject) {
      if (ours !== subject) splices.push({ start: startOf(node), end: endOf(node), text: /^[A-Za-z_$][\w$]*$/.test(ours) ? ours : `(${ours})` });
      return true;
    }
    const origin = originOf(example, node.name, [...ifAncestors, ...inner], files);
    const reach = reachAtTarget(origin, node.name, example, target, files);
    if (!reach || reach.importRequest) {
      failed = true;
      return false;
    }
    if (reach.rename) splices.push({ start: startOf(node), end: endOf(node), text: reach.rename });
    return true;
  });
  if (failed) return null;
  const base = startOf(test);
  let text = example.source.slice(base, endOf(test));
  for (const splice of [...splices].sort((a, b) => b.start - a.start)) text = text.slice(0, splice.start - base) + splice.text + text.slice(splice.end - base);
  return text.replace(/\s+/g, " ");
}

// ---- choosing -------------------------------------------------------------------------------------

function lookupShape(lookup: Node, source: string): string {
  let value = unwrapTs(lookup);
  if (value.type === "AwaitExpression") value = unwrapTs(value.argument);
  if (value.type === "CallExpression") return textOf(source, value.callee).replace(/\s+/g, "");
  if (value.type === "MemberExpression") return textOf(source, value.object).replace(/\s+/g, "");
  return "";
}

/** What a returned value says it is: an answer object with a status (`{status}`), a result (`{ok}`), or a call of one helper. */
function returnSignatures(value: Node, source: string): Set<string> {
  let node = unwrapTs(value);
  if (node.type === "AwaitExpression") node = unwrapTs(node.argument);
  if (node.type === "ObjectExpression") {
    const keys = node.properties.flatMap((property) => (property.type === "ObjectProperty" && !property.computed && property.key.type === "Identifier" ? [property.key.name] : []));
    return new Set(keys.filter((key) => ["ok", "status", "statusCode", "success"].includes(key)).map((key) => `{${key}}`));
  }
  if (node.type === "CallExpression" || node.type === "NewExpression") return new Set([`${textOf(source, node.callee).replace(/\s+/g, "")}()`]);
  return new Set();
}

/** Two functions of a file that return the same kind of value: the same declared type, or returns of the same shape. */
function returnsAlike(example: ErrorExit, target: AnswerTarget): boolean {
  if (!example.fn) return false;
  const typeOf = (fn: FunctionNode, source: string): string | null => {
    const declared = declaredReturnType(fn);
    return declared ? textOf(source, declared).replace(/\s+/g, "") : null;
  };
  const exampleType = typeOf(example.fn, example.source);
  const targetType = typeOf(target.fn, target.source);
  if (exampleType && targetType) return exampleType === targetType;
  const exit = example.statements[0];
  const wanted = exit?.type === "ReturnStatement" && exit.argument ? returnSignatures(exit.argument, example.source) : new Set<string>();
  if (wanted.size === 0) return false;
  let found = false;
  walk(target.fn.body, (node) => {
    if (found) return false;
    if (isFunctionNode(node)) return false;
    if (node.type === "ReturnStatement" && node.argument && [...returnSignatures(node.argument, target.source)].some((signature) => wanted.has(signature))) found = true;
    return !found;
  });
  return found;
}

/** Within a synchronous array callback inside the answering function, only a throw still answers. */
function siteIsInside(target: AnswerTarget): "direct" | "callback" | "other" {
  for (let index = target.siteAncestors.length - 1; index >= 0; index -= 1) {
    const node = target.siteAncestors[index]!;
    if (node === target.fn) return "direct";
    if (isFunctionNode(node)) {
      const call = target.siteAncestors[index - 1];
      if (node.async || !call || call.type !== "CallExpression") return "other";
      const callee = unwrapTs(call.callee);
      const method = callee.type === "MemberExpression" && callee.property.type === "Identifier" ? callee.property.name : null;
      if (!method || !["map", "forEach", "filter", "flatMap", "some", "every", "find", "reduce", "sort"].includes(method)) return "other";
    }
  }
  return "other";
}

/**
 * The answers the codebase's own exits give for this need, best first: the function's own exits,
 * then its siblings (by how alike they are, the same status, a guard after a similar lookup), then
 * its folder and its router. At most `limit`, with distinct texts.
 */
export function learnedAnswers(library: ExitLibrary, need: AnswerNeed, target: AnswerTarget, limit = 2): LearnedAnswer[] {
  const where = siteIsInside(target);
  if (where === "other") return [];
  const targetRole = roleOf(target.fn, target.fnAncestors, target.source);
  const scored: { example: ErrorExit; score: number; fit: number; sameValue: string | null }[] = [];
  for (const example of library.exits) {
    if (!example.fn) continue;
    if (where === "callback" && example.via !== "throw") continue;
    const own = example.fn === target.fn;
    const sameFile = example.file === target.file;
    const alike = own ? 3 : Math.max(likeness(roleOf(example.fn, example.fnAncestors, example.source), targetRole), returnsAlike(example, target) ? 1 : 0);
    if (!own && alike === 0) continue;
    let score = alike * 10 + (own ? 30 : 0) + (sameFile ? 5 : 0);
    if (example.status === need.status) score += 4;
    else if (example.status !== null && Math.floor(example.status / 100) !== 4) score -= 10;
    if (need.kind === "not-found" && example.guard?.lookup) score += 3;
    if (need.kind === "bad-request" && (example.status === 400 || example.status === 422) && !example.guard?.lookup) score += 2;
    if (need.variable && example.guard?.variable === need.variable) score += 2;
    if (need.lookup && example.guard?.lookup && lookupShape(example.guard.lookup, example.source) === lookupShape(need.lookup, target.source)) score += 2;
    // The same input guarded by another function, by a test that lets the code go on only when it is there.
    const guardedSubject = !own && need.value && example.guard ? example.guard.subjects.find((subject) => subject.source === need.value!.source) : undefined;
    const sameValue = guardedSubject && presentWhenFalsy(example.guard!.test).has(guardedSubject.name) ? guardedSubject.name : null;
    if (sameValue) score += 25;
    // Simpler examples carry less of their own situation along.
    const extra = example.statements.reduce((sum, statement) => sum + textOf(example.source, statement).length, 0);
    score -= Math.min(3, extra / 80);
    // The function's own exits fit best; a sibling's that needs no other status fits nearly as well.
    const fit = own ? 0.92 : (sameFile ? 0.88 : 0.82) + (example.status === need.status ? 0.03 : 0);
    scored.push({ example, score, fit: sameValue ? Math.min(1, fit + 0.06) : fit, sameValue });
  }
  scored.sort((a, b) => b.score - a.score || Math.abs(startOf(a.example.statements[0]!) - target.offset) - Math.abs(startOf(b.example.statements[0]!) - target.offset));
  const answers: LearnedAnswer[] = [];
  const seen = new Set<string>();
  for (const { example, fit, sameValue } of scored) {
    if (answers.length >= limit) break;
    const made = instantiate(example, need, target, library.files, sameValue);
    if (!made) continue;
    const key = `${made.condition ?? ""}|${made.lines.join("\n")}`;
    if (seen.has(key)) continue;
    seen.add(key);
    answers.push({ ...made, fit, exampleAt: `${example.file}:${example.statements[0]!.loc?.start.line ?? 0}` });
  }
  return answers;
}


