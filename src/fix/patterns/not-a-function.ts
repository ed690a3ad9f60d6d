import type * as t from "@babel/types";
import { type Node, findAll, findBinding, isPureChain, memberPropertyName, startOf, endOf, textOf, unwrapTs, walk } from "../ast-tools.ts";
import { notAFunctionCallee } from "../../diagnose/classify.ts";
import type { FixCandidate } from "../fix-candidate.ts";
import type { FixContext, SourceReader } from "../fix-context.ts";
import { parseSource } from "../parse-source.ts";
import type { FixPattern } from "../fix-pattern.ts";
import { applySplices } from "../splice.ts";
import { change, parseCulprit, where } from "./shared.ts";

// Class 2: something called that is not a function on that value.
// - An array method on a single value (`readings.map is not a function` when a client sent one
//   reading rather than a list): the value is wrapped into a list, keeping it (`[v]`, never `[]`),
//   where it enters when it has a name (so every later use sees the list), else where it is read.
//   Not proposed when the code shows the value is really a string or a wrapper object
//   (`{ data: [...] }`): the right fix is different there and needs a person.
// - A hook the code treats as optional (`bot.onMessage is not a function` where only some entries
//   of the bots registry define it, `options.onProgress` typed `onProgress?: …`): called only
//   when it is there.

const ARRAY_METHODS = new Set([
  "map", "filter", "reduce", "reduceRight", "forEach", "find", "findIndex", "findLast", "findLastIndex", "some", "every",
  "flatMap", "flat", "includes", "join", "slice", "sort", "concat", "indexOf", "lastIndexOf", "at", "entries", "keys", "values", "toSorted", "toReversed", "fill", "reverse",
]);

/** Keys of the wrapper objects paginated APIs return (`{ data: [...] }`): the list is inside, not the value itself. */
const WRAPPER_KEYS = new Set(["data", "items", "results", "rows", "records", "list", "edges", "nodes", "hits", "docs", "entries", "values", "content", "payload"]);

function normalize(text: string): string {
  return text.replace(/\s+/g, "").replace(/\?\./g, ".");
}

/** Signs in the code that `name` holds a string or an object wrapping a list. */
function hasContraryEvidence(program: t.Program, source: string, object: Node, ancestors: readonly Node[]): boolean {
  const root = unwrapTs(object);
  if (root.type !== "Identifier") return false;
  const binding = findBinding(root.name, ancestors);
  if (binding && (binding.kind === "const" || binding.kind === "let" || binding.kind === "var")) {
    const id = binding.declarator.id;
    const annotation = id.type === "Identifier" && id.typeAnnotation?.type === "TSTypeAnnotation" ? id.typeAnnotation.typeAnnotation : null;
    if (annotation && isStringOrWrapperType(annotation)) return true;
    const init = binding.declarator.init ? unwrapTs(binding.declarator.init) : null;
    if (init && (init.type === "StringLiteral" || init.type === "TemplateLiteral")) return true;
    if (init && isStringProducingCall(init)) return true;
    if (init?.type === "ObjectExpression") return true;
  }
  if (binding?.kind === "param" && binding.param.type === "Identifier" && binding.param.typeAnnotation?.type === "TSTypeAnnotation") {
    if (isStringOrWrapperType(binding.param.typeAnnotation.typeAnnotation)) return true;
  }
  // Elsewhere in the file the same name is read as a wrapper (`users.data`) or tested as a string.
  let contrary = false;
  walk(program, (node) => {
    if (contrary) return false;
    if ((node.type === "MemberExpression" || node.type === "OptionalMemberExpression") && unwrapTs(node.object).type === "Identifier") {
      const objectName = (unwrapTs(node.object) as t.Identifier).name;
      const key = memberPropertyName(node);
      if (objectName === root.name && key && WRAPPER_KEYS.has(key)) contrary = true;
    }
    if (node.type === "BinaryExpression" && node.left.type === "UnaryExpression" && node.left.operator === "typeof" && node.right.type === "StringLiteral" && node.right.value === "string") {
      if (textOf(source, node.left.argument) === root.name) contrary = true;
    }
    return true;
  });
  return contrary;
}

function isStringOrWrapperType(type: t.TSType): boolean {
  if (type.type === "TSStringKeyword" || type.type === "TSTemplateLiteralType") return true;
  if (type.type === "TSLiteralType" && type.literal.type === "StringLiteral") return true;
  if (type.type === "TSTypeLiteral") {
    return type.members.some((member) => member.type === "TSPropertySignature" && member.key.type === "Identifier" && WRAPPER_KEYS.has(member.key.name));
  }
  return false;
}

function isStringProducingCall(node: Node): boolean {
  if (node.type !== "CallExpression") return false;
  const callee = unwrapTs(node.callee);
  if (callee.type === "Identifier") return callee.name === "String";
  if (callee.type !== "MemberExpression" || callee.property.type !== "Identifier") return false;
  const method = callee.property.name;
  if (callee.object.type === "Identifier" && callee.object.name === "JSON" && method === "stringify") return true;
  return ["toString", "toLowerCase", "toUpperCase", "trim", "readFileSync", "padStart", "padEnd", "toFixed", "toISOString"].includes(method);
}

/** The receiver names a module (`stats` of `import * as stats`, `require("./stats")`): a missing method there is a renamed export. */
function isModuleNamespace(object: Node, ancestors: readonly Node[]): boolean {
  const root = unwrapTs(object);
  if (root.type !== "Identifier") return false;
  const binding = findBinding(root.name, ancestors);
  if (!binding) return false;
  if (binding.kind === "import") return true;
  if ((binding.kind === "const" || binding.kind === "let" || binding.kind === "var") && binding.declarator.init) {
    const init = unwrapTs(binding.declarator.init);
    return init.type === "CallExpression" && init.callee.type === "Identifier" && init.callee.name === "require";
  }
  return false;
}

const SOURCE_FILE = /\.(ts|tsx|mts|cts|js|jsx|mjs|cjs)$/;
const EXCLUDED = /(^|\/)(node_modules|dist|build|out|coverage|\.next|\.git|vendor)\/|\.d\.ts$/;
const MAX_FILES = 60;
/** Files read looking for the hook's definitions (on GitHub one API call each). */
const MAX_SCANNED = 150;

function definesKey(object: t.ObjectExpression, name: string): boolean {
  return object.properties.some((property) => (property.type === "ObjectMethod" || property.type === "ObjectProperty") && !property.computed && ((property.key.type === "Identifier" && property.key.name === name) || (property.key.type === "StringLiteral" && property.key.value === name)));
}

/** A registry (an object or list of objects) where some entries define the hook and others do not. */
function registryWithOptionalHook(program: t.Program, name: string): boolean {
  let found = false;
  walk(program, (node) => {
    if (found) return false;
    const entries = node.type === "ObjectExpression" ? node.properties.flatMap((property) => (property.type === "ObjectProperty" && property.value.type === "ObjectExpression" ? [property.value] : [])) : node.type === "ArrayExpression" ? node.elements.flatMap((element) => (element?.type === "ObjectExpression" ? [element] : [])) : [];
    if (entries.length < 2) return true;
    const defining = entries.filter((entry) => definesKey(entry, name)).length;
    if (defining > 0 && defining < entries.length) found = true;
    return !found;
  });
  return found;
}

/** `onProgress?: (done: number) => void` in a type or interface: the code itself says the hook may be absent. */
function declaredOptional(program: t.Program, name: string): boolean {
  let found = false;
  walk(program, (node) => {
    if (found) return false;
    if ((node.type === "TSPropertySignature" || node.type === "TSMethodSignature") && node.optional && !node.computed && node.key.type === "Identifier" && node.key.name === name) {
      const type = node.type === "TSMethodSignature" ? null : node.typeAnnotation?.typeAnnotation;
      if (node.type === "TSMethodSignature" || type?.type === "TSFunctionType") found = true;
    }
    return !found;
  });
  return found;
}

async function hookIsOptional(repo: SourceReader, name: string, own: t.Program): Promise<boolean> {
  if (registryWithOptionalHook(own, name) || declaredOptional(own, name)) return true;
  let read = 0;
  let scanned = 0;
  for (const path of await repo.listFiles()) {
    if (!SOURCE_FILE.test(path) || EXCLUDED.test(path)) continue;
    if (read >= MAX_FILES || scanned >= MAX_SCANNED) break;
    scanned += 1;
    const text = await repo.readFile(path);
    if (text === null || !text.includes(name)) continue;
    read += 1;
    try {
      const program = parseSource(path, text).program;
      if (registryWithOptionalHook(program, name) || declaredOptional(program, name)) return true;
    } catch {
      continue;
    }
  }
  return false;
}

function optionalHookCall(ctx: FixContext, call: t.CallExpression, ancestors: readonly Node[], method: string): FixCandidate | null {
  const member = unwrapTs(call.callee);
  if (member.type !== "MemberExpression" || member.computed) return null;
  // Only a call whose result is dropped: a missing hook then means "nothing to do".
  const parent = ancestors[ancestors.length - 1];
  if (!parent || parent.type !== "ExpressionStatement") return null;
  const object = textOf(ctx.source, member.object);
  const after = applySplices(ctx.source, [{ start: endOf(member), end: endOf(member), text: "?." }]);
  return {
    patternId: notAFunctionPattern.id,
    baseConfidence: 0.864,
    summary: `Calls ${object}.${method}() only when ${object} defines it (the code defines ${method} as optional); nothing else changes.`,
    rootCause: `${where(ctx, member.property.loc?.start.line)}: ${object} has no ${method}, which the code treats as optional, and it was called unconditionally.`,
    changes: change(ctx, after),
    style: "optional-call",
    expectation: { outcome: "completes", description: `an entry without ${method} is skipped and the code completes` },
    rank: { strategy: "optional", fit: 0.7 },
  };
}

/** `Array.isArray(x) ? x : [x]`: a single value becomes a list of one, a list stays as it is. */
function wrapText(text: string): string {
  return `Array.isArray(${text}) ? ${text} : [${text}]`;
}

function wrapCandidates(ctx: FixContext, object: Node, member: t.MemberExpression, ancestors: readonly Node[], method: string): FixCandidate[] {
  const candidates: FixCandidate[] = [];
  const objectText = textOf(ctx.source, object);
  const rootCause = `${where(ctx, member.property.loc?.start.line)}: ${objectText} is a single value, not a list, when .${method}() is called on it.`;
  // Where the value enters: every later use of the name sees the list.
  if (object.type === "Identifier") {
    const binding = findBinding(object.name, ancestors);
    const declared = binding && (binding.kind === "const" || binding.kind === "let") && binding.declarator.id.type === "Identifier" && binding.declaration.declarations.length === 1 ? binding : null;
    const init = declared ? declared.declarator.init : null;
    if (init && isPureChain(unwrapTs(init))) {
      const value = unwrapTs(init);
      const valueText = textOf(ctx.source, value);
      const after = applySplices(ctx.source, [{ start: startOf(value), end: endOf(value), text: wrapText(valueText) }]);
      candidates.push({
        patternId: notAFunctionPattern.id,
        baseConfidence: 0.87,
        summary: `Wraps ${valueText} into a list of one when it is a single value, where ${object.name} is declared, so .${method}() and every later use of ${object.name} see every value that was sent.`,
        rootCause,
        changes: change(ctx, after),
        style: "array-wrap",
        expectation: { outcome: "completes", description: `a single value is handled as a list of one: nothing the client sent is dropped` },
        rank: { strategy: "normalize", fit: 0.75 },
      });
    }
  }
  // Where it is read.
  const parenthesized = object === unwrapTs(member.object) && (object.extra as { parenthesized?: boolean } | undefined)?.parenthesized === true;
  const guard = `(${wrapText(objectText)})`;
  const after = applySplices(ctx.source, [{ start: startOf(object), end: endOf(object), text: parenthesized ? guard.slice(1, -1) : guard }]);
  candidates.push({
    patternId: notAFunctionPattern.id,
    baseConfidence: 0.864,
    summary: `Calls .${method}() on ${objectText} as a list of one when it is a single value, keeping that value, and leaves the rest of the expression as it was.`,
    rootCause,
    changes: change(ctx, after),
    style: "array-wrap",
    expectation: { outcome: "completes", description: `a single value is handled as a list of one: nothing the client sent is dropped` },
    rank: { strategy: "normalize", fit: 0.7 },
  });
  return candidates;
}

export const notAFunctionPattern: FixPattern = {
  id: "not-a-function",
  errorClass: "not-a-function",
  baseConfidence: 0.87,
  description: "A single value where a list is iterated: wrap it into a list of one (never drop it); a hook only some registry entries define: call it when present.",
  async generate(ctx) {
    const callee = notAFunctionCallee(ctx.message);
    if (!callee) return [];
    const parsed = parseCulprit(ctx);
    if (!parsed) return [];
    const wanted = callee.object && callee.object !== "(intermediate value)" ? normalize(callee.object) : null;
    const calls = findAll(parsed.program, (node): node is t.CallExpression => node.type === "CallExpression" || node.type === "OptionalCallExpression").filter(({ node }) => {
      const target = unwrapTs(node.callee);
      if (target.type !== "MemberExpression" && target.type !== "OptionalMemberExpression") return false;
      if (memberPropertyName(target) !== callee.method) return false;
      if (target.property.loc?.start.line !== ctx.culprit.line && node.loc?.start.line !== ctx.culprit.line) return false;
      return wanted === null || normalize(textOf(ctx.source, unwrapTs(target.object))) === wanted;
    });
    // Two calls of the same method on the line with no way to tell them apart: do not guess.
    if (calls.length !== 1) return [];
    const { node: call, ancestors } = calls[0]!;
    const member = unwrapTs(call.callee) as t.MemberExpression;
    const object = unwrapTs(member.object);
    if (!isPureChain(object)) return [];
    if (!ARRAY_METHODS.has(callee.method)) {
      if (isModuleNamespace(object, ancestors) || !(await hookIsOptional(ctx.repo, callee.method, parsed.program))) return [];
      const hook = optionalHookCall(ctx, call, ancestors, callee.method);
      return hook ? [hook] : [];
    }
    if (hasContraryEvidence(parsed.program, ctx.source, object, ancestors)) return [];
    return wrapCandidates(ctx, object, member, ancestors, callee.method);
  },
};
