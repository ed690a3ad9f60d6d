import type * as t from "@babel/types";
import { classifyError } from "../diagnose/classify.ts";
import { boundNames, isFunctionNode, lineOf, unwrapTs, walk } from "../fix/ast-tools.ts";
import type { AppHandle } from "./app-access.ts";
import { jsLiteral, type LiteralStyle, RepoCode } from "./js-literal.ts";
import { parseRequestUrl } from "./lambda-event.ts";
import { exportValue, type ModuleFacts } from "./module-facts.ts";
import type { Exercise } from "./request-harness.ts";
import type { RecordedRequest } from "./reproduction.ts";
import { extractSetup, referencedNames, type SetupExtraction } from "./test-setup.ts";

// Strategy 2: call the exported culprit function, or the nearest exported caller on the stack,
// with arguments built from the failing path. Static reading of the culprit says which argument
// carries the missing value and how it is reached (`order.settings.rate` with `settings`
// missing; `items.map` on a value that is a single string; `JSON.parse(body)` of text that is
// not JSON; a lookup by an id that matches nothing). Arguments start from what the repository's
// own tests pass to the function (when they pass literals), or from the failing request's
// values, and are changed only along that path. The oracle decides whether any of them
// reproduces the incident.

export interface EntryInput {
  modules: ReadonlyMap<string, ModuleFacts>;
  tests: readonly string[];
  culprit: { file: string; function: string | null; line: number; column: number | null };
  /** In-app frames, nearest the throw first. */
  stack: ReadonlyArray<{ file: string; function: string | null }>;
  error: { type: string; message: string };
  failingRequests: readonly RecordedRequest[];
  literal: LiteralStyle;
  semicolons: boolean;
}

export interface EntryAttempt {
  handle: AppHandle;
  exercise: Exercise;
  description: string;
  title: string;
  label: string;
}

const MAX_TARGETS = 3;
const MAX_VECTORS_PER_TARGET = 5;
const UNKNOWN_ID = "does-not-exist";

type Arg = { kind: "value"; value: unknown } | { kind: "undefined" };

interface Target {
  file: string;
  facts: ModuleFacts;
  exportName: string;
  system: "esm" | "cjs";
  fn: t.Function;
  /** How to call it: a function, a method of an exported object, or of a new instance. */
  via: { kind: "function" } | { kind: "method"; method: string } | { kind: "instance"; method: string };
  name: string;
}

interface Vector {
  args: Arg[];
  description: string;
}

/** Arguments a test of the repository passes, and the setup (from that test) they need. */
interface Baseline {
  args: Arg[];
  setup: SetupExtraction | null;
  testFile: string | null;
}

export function planEntryAttempts(input: EntryInput): EntryAttempt[] {
  const attempts: EntryAttempt[] = [];
  for (const target of entryTargets(input)) {
    const baseline = baselineArgs(target, input);
    const vectors = vectorsFor(target, input, baseline.args).slice(0, MAX_VECTORS_PER_TARGET);
    for (const vector of vectors) attempts.push(attemptOf(target, vector, input, baseline));
  }
  return attempts;
}

function attemptOf(target: Target, vector: Vector, input: EntryInput, baseline: Baseline): EntryAttempt {
  const end = input.semicolons ? ";" : "";
  const local = target.exportName === "default" ? safeLocal(target.name) : target.exportName;
  const args = trimTrailingUndefined(vector.args).map((arg) => (arg.kind === "undefined" ? "undefined" : jsLiteral(arg.value, input.literal, 0)));
  const callee =
    target.via.kind === "function" ? local : target.via.kind === "method" ? `${local}.${target.via.method}` : `new ${local}().${target.via.method}`;
  const result = local === "result" ? "answer" : "result";
  const label = `${target.name}(${clip(args.join(", "), 60)})`;
  const usesSetup = baseline.setup !== null && vector.args.some((arg) => arg.kind === "value" && containsCode(arg.value));
  const setup = usesSetup ? baseline.setup! : null;
  return {
    handle: {
      imports: [...(setup?.imports ?? []), { module: target.file, name: target.exportName, local, system: target.system }],
      statements: setup?.statements ?? [],
      teardown: setup?.teardown ?? [],
      expression: local,
      testFile: setup ? baseline.testFile : null,
    },
    exercise: { builtins: [], prepare: [], lines: [`const ${result} = await ${callee}(${args.join(", ")})${end}`], cleanup: [], answer: { kind: "value", value: result } },
    description: `${target.name}() from ${target.file} ${vector.description}`,
    title: `${target.name}() does not throw ${titleWord(input.error.type)} ${vector.description}`,
    label,
  };
}

function titleWord(type: string): string {
  return /^[A-Z][\w]{0,60}$/.test(type) ? type : "an error";
}

function safeLocal(name: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(name) ? name : "subject";
}

function trimTrailingUndefined(args: Arg[]): Arg[] {
  const out = [...args];
  while (out.length > 0 && out[out.length - 1]!.kind === "undefined") out.pop();
  return out;
}

// ---- which functions to call ------------------------------------------------------------------

function entryTargets(input: EntryInput): Target[] {
  const targets: Target[] = [];
  const seen = new Set<string>();
  for (const frame of input.stack) {
    if (targets.length >= MAX_TARGETS) break;
    const facts = input.modules.get(frame.file);
    if (!facts || facts.listensAtLoad) continue;
    const name = frame.function ? baseName(frame.function) : enclosingFunctionName(facts, frame.file === input.culprit.file ? input.culprit.line : null);
    if (!name) continue;
    const target = exportedTarget(facts, name);
    if (!target) continue;
    const key = `${target.file}:${target.exportName}:${target.via.kind === "function" ? "" : target.via.method}`;
    if (seen.has(key)) continue;
    seen.add(key);
    targets.push(target);
  }
  return targets;
}

function baseName(name: string): string | null {
  const base = name.replace(/^async\s+/, "").replace(/^new\s+/, "").replace(/\s*\[as [^\]]*\]$/, "");
  const short = base.slice(base.lastIndexOf(".") + 1);
  return short === "" || short === "<anonymous>" ? null : short;
}

function enclosingFunctionName(facts: ModuleFacts, line: number | null): string | null {
  if (line === null) return null;
  let name: string | null = null;
  walk(facts.program, (node) => {
    if (!isFunctionNode(node) || !node.loc || node.loc.start.line > line || node.loc.end.line < line) return undefined;
    if (node.type === "FunctionDeclaration" && node.id) name = node.id.name;
    return undefined;
  });
  return name;
}

function exportedTarget(facts: ModuleFacts, name: string): Target | null {
  for (const exported of facts.exports) {
    const value = exportValue(facts, exported);
    const base = { file: facts.path, facts, exportName: exported.name, system: exported.system, name };
    if ((exported.name === name || exported.local === name) && isFunctionNode(value)) {
      return { ...base, fn: value, via: { kind: "function" } };
    }
    if (value.type === "ObjectExpression") {
      for (const property of value.properties) {
        const key = property.type !== "SpreadElement" && !property.computed && property.key.type === "Identifier" ? property.key.name : null;
        if (key !== name) continue;
        const fn = property.type === "ObjectMethod" ? property : property.type === "ObjectProperty" && isFunctionNode(property.value) ? property.value : null;
        if (fn && exported.name !== name) return { ...base, fn, via: { kind: "method", method: name } };
      }
    }
    if (value.type === "ClassDeclaration" || value.type === "ClassExpression") {
      const ctor = value.body.body.find((member) => member.type === "ClassMethod" && member.kind === "constructor") as t.ClassMethod | undefined;
      if (ctor && ctor.params.some((param) => param.type !== "AssignmentPattern")) continue;
      for (const member of value.body.body) {
        if (member.type === "ClassMethod" && !member.static && member.key.type === "Identifier" && member.key.name === name) {
          return { ...base, fn: member, via: { kind: "instance", method: name } };
        }
      }
    }
  }
  return null;
}

// ---- which arguments --------------------------------------------------------------------------

/** Where the missing value sits, relative to the function's parameters. */
type Trace = { kind: "param"; index: number; path: string[] } | { kind: "lookup"; keys: Array<{ index: number; path: string[] }> };

type Fault = "nullish" | "not-array" | "not-json";

function vectorsFor(target: Target, input: EntryInput, baseline: Arg[]): Vector[] {
  const classification = classifyError(input.error.type, input.error.message);
  const isCulprit = target.file === input.culprit.file && containsLine(target.fn, input.culprit.line);
  const vectors: Vector[] = [];
  if (isCulprit && classification.kind === "code-bug") {
    const fault = faultOf(classification.errorClass);
    const site = fault ? faultSite(target, input, fault, classification.subject) : null;
    if (site && fault) {
      const trace = traceToParams(site, target.fn);
      if (trace) vectors.push(...faultVectors(target, trace, fault, classification.nullish, baseline, input));
    }
  }
  vectors.push(...requestVectors(target, baseline, input));
  vectors.push(...genericVectors(target, baseline, classification.kind === "code-bug" ? faultOf(classification.errorClass) : null));
  const seen = new Set<string>();
  return vectors.filter((vector) => {
    const key = JSON.stringify(vector.args);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function faultOf(errorClass: string): Fault | null {
  if (errorClass === "property-of-nullish" || errorClass === "destructure-nullish") return "nullish";
  if (errorClass === "not-a-function") return "not-array";
  if (errorClass === "json-parse-body") return "not-json";
  return null;
}

function containsLine(fn: t.Node, line: number): boolean {
  return fn.loc !== null && fn.loc !== undefined && fn.loc.start.line <= line && fn.loc.end.line >= line;
}

/** The expression at the culprit whose value is wrong: the nullish object, the non-array, the non-JSON text. */
function faultSite(target: Target, input: EntryInput, fault: Fault, subject: string | null): t.Node | null {
  const line = input.culprit.line;
  const column = input.culprit.column;
  const candidates: Array<{ node: t.Node; distance: number }> = [];
  const property = subject ? subject.slice(subject.lastIndexOf(".") + 1) : null;
  walk(target.fn, (node) => {
    if (lineOf(node) !== line) return undefined;
    const distance = column === null ? 0 : Math.abs((node.loc?.start.column ?? 0) + 1 - column);
    if (fault === "nullish" && (node.type === "MemberExpression" || node.type === "OptionalMemberExpression") && !node.computed && node.property.type === "Identifier" && (property === null || node.property.name === property)) {
      candidates.push({ node: node.object, distance });
    }
    if (fault === "nullish" && node.type === "VariableDeclarator" && node.id.type === "ObjectPattern" && node.init) candidates.push({ node: node.init, distance });
    if (fault === "not-array" && node.type === "CallExpression") {
      const callee = unwrapTs(node.callee);
      if ((callee.type === "MemberExpression" || callee.type === "OptionalMemberExpression") && !callee.computed && callee.property.type === "Identifier" && (property === null || callee.property.name === property)) {
        candidates.push({ node: callee.object, distance });
      }
    }
    if (fault === "not-json" && node.type === "CallExpression") {
      const callee = node.callee;
      if (callee.type === "MemberExpression" && callee.object.type === "Identifier" && callee.object.name === "JSON" && node.arguments[0]) candidates.push({ node: node.arguments[0], distance });
    }
    return undefined;
  });
  // A destructuring parameter is itself the site when the function destructures its argument.
  if (candidates.length === 0 && fault === "nullish" && lineOf(target.fn) === line) {
    const index = target.fn.params.findIndex((param) => param.type === "ObjectPattern" || (param.type === "AssignmentPattern" && param.left.type === "ObjectPattern"));
    if (index >= 0) return target.fn.params[index]!;
  }
  candidates.sort((a, b) => a.distance - b.distance);
  return candidates[0]?.node ?? null;
}

/** Follows an expression back to the parameters it comes from, through member reads and locals. */
function traceToParams(site: t.Node, fn: t.Function, depth = 0): Trace | null {
  if (depth > 6) return null;
  const paramIndex = (fn.params as t.Node[]).indexOf(site);
  if (paramIndex >= 0) return { kind: "param", index: paramIndex, path: [] };
  let node = unwrapTs(site);
  if (node.type === "AwaitExpression") node = unwrapTs(node.argument);
  const path: string[] = [];
  while ((node.type === "MemberExpression" || node.type === "OptionalMemberExpression") && !node.computed && node.property.type === "Identifier") {
    path.unshift(node.property.name);
    node = unwrapTs(node.object);
  }
  if (node.type === "MemberExpression" || node.type === "OptionalMemberExpression" || node.type === "CallExpression" || node.type === "OptionalCallExpression") {
    // A lookup: `items[id]`, `db.find(id)`, `list.find((x) => x.id === id)`, `load(event.pathParameters.id)`.
    const keys = lookupKeys(node, fn, depth);
    return keys.length > 0 ? { kind: "lookup", keys } : null;
  }
  if (node.type !== "Identifier") return null;
  const name = node.name;
  for (const [index, param] of fn.params.entries()) {
    const target = param.type === "AssignmentPattern" ? param.left : param;
    if (target.type === "Identifier" && target.name === name) return { kind: "param", index, path };
    if (target.type === "ObjectPattern") {
      for (const property of target.properties) {
        if (property.type !== "ObjectProperty" || property.key.type !== "Identifier") continue;
        if (boundNames(property.value).some((id) => id.name === name)) return { kind: "param", index, path: [property.key.name, ...path] };
      }
    }
  }
  const element = elementSource(fn, name);
  if (element !== null) {
    const inner = traceToParams(element, fn, depth + 1);
    if (inner === null || inner.kind !== "param") return inner;
    return { kind: "param", index: inner.index, path: [...inner.path, EACH, ...path] };
  }
  const init = localInit(fn, name);
  if (init === null) return null;
  const inner = traceToParams(init, fn, depth + 1);
  if (inner === null) return null;
  return inner.kind === "param" ? { kind: "param", index: inner.index, path: [...inner.path, ...path] } : inner;
}

/** In a path, "each element of this list". */
const EACH = "*";
const ITERATING = new Set(["forEach", "map", "filter", "find", "findIndex", "some", "every", "flatMap", "reduce"]);

/** The list a name walks over: `list.forEach((name) => …)` or `for (const name of list)`. */
function elementSource(fn: t.Function, name: string): t.Node | null {
  let found: t.Node | null = null;
  walk(fn.body, (node) => {
    if (found) return false;
    if (node.type === "ForOfStatement" && node.left.type === "VariableDeclaration" && node.left.declarations.some((d) => boundNames(d.id).some((id) => id.name === name))) {
      found = node.right;
    }
    if (node.type === "CallExpression") {
      const callee = unwrapTs(node.callee);
      if ((callee.type === "MemberExpression" || callee.type === "OptionalMemberExpression") && !callee.computed && callee.property.type === "Identifier" && ITERATING.has(callee.property.name)) {
        const callback = node.arguments[0];
        const position = callee.property.name === "reduce" ? 1 : 0;
        if (callback && isFunctionNode(callback) && callback.params[position] && boundNames(callback.params[position]).some((id) => id.name === name)) found = callee.object;
      }
    }
    return undefined;
  });
  return found;
}

function localInit(fn: t.Function, name: string): t.Node | null {
  let found: t.Node | null = null;
  walk(fn.body, (node) => {
    if (found) return false;
    if (node.type === "VariableDeclarator" && node.id.type === "Identifier" && node.id.name === name && node.init) found = node.init;
    if (node.type === "VariableDeclarator" && node.id.type === "ObjectPattern" && node.init) {
      for (const property of node.id.properties) {
        if (property.type === "ObjectProperty" && property.key.type === "Identifier" && boundNames(property.value).some((id) => id.name === name)) {
          found = { type: "MemberExpression", object: node.init, property: property.key, computed: false } as t.MemberExpression;
        }
      }
    }
    return undefined;
  });
  return found;
}

/** The parameters (and the paths inside them) a lookup's key comes from. */
function lookupKeys(node: t.Node, fn: t.Function, depth: number): Array<{ index: number; path: string[] }> {
  const args: t.Node[] = [];
  if (node.type === "CallExpression" || node.type === "OptionalCallExpression") args.push(...node.arguments);
  if ((node.type === "MemberExpression" || node.type === "OptionalMemberExpression") && node.computed) args.push(node.property);
  const keys: Array<{ index: number; path: string[] }> = [];
  const visit = (arg: t.Node): void => {
    const traced = traceToParams(arg, fn, depth + 1);
    if (traced?.kind === "param") keys.push({ index: traced.index, path: traced.path });
    else if (traced?.kind === "lookup") keys.push(...traced.keys);
  };
  for (const arg of args) {
    if (isFunctionNode(arg)) {
      // `list.find((x) => x.id === id)`: the key is what the callback compares with.
      walk(arg.body, (inner) => {
        if (inner.type === "Identifier" && fn.params.some((param) => boundNames(param).some((id) => id.name === inner.name))) visit(inner);
        return undefined;
      });
    } else {
      visit(arg);
    }
  }
  const seen = new Set<string>();
  return keys.filter((key) => {
    const id = `${key.index}:${key.path.join(".")}`;
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}

function faultVectors(target: Target, trace: Trace, fault: Fault, nullish: "undefined" | "null" | null, baseline: Arg[], input: EntryInput): Vector[] {
  const args = padArgs(baseline, target.fn.params.length);
  if (trace.kind === "lookup") {
    const vectors: Vector[] = [];
    for (const id of candidateIds(input, trace.keys[0]!, baseline)) {
      const changed = [...args];
      for (const key of trace.keys) {
        const current = changed[key.index]!;
        const value = key.path.length === 0 ? id : withPath(current.kind === "value" ? structuredCopy(current.value) : undefined, key.path, id);
        changed[key.index] = { kind: "value", value };
      }
      vectors.push({ args: changed, description: `for an id that matches nothing (${clip(String(id), 40)})` });
    }
    return vectors;
  }
  const paramName = boundNames(target.fn.params[trace.index])[0]?.name ?? `argument ${trace.index + 1}`;
  const where = [paramName, ...trace.path].join(".").replace(/\.\*/g, "[]");
  const current = args[trace.index]!;
  const root = current.kind === "value" ? structuredCopy(current.value) : undefined;
  if (fault === "nullish") {
    const value = trace.path.length === 0 ? (nullish === "null" ? null : undefined) : withPath(root, trace.path, nullish === "null" ? null : undefined);
    const changed = [...args];
    changed[trace.index] = value === undefined ? { kind: "undefined" } : { kind: "value", value };
    return [{ args: changed, description: `when \`${where}\` is ${nullish === "null" ? "null" : "missing"}` }];
  }
  if (fault === "not-array") {
    const single = singleValueFromRequest(input) ?? "value";
    const changed = [...args];
    changed[trace.index] = { kind: "value", value: trace.path.length === 0 ? single : withPath(root, trace.path, single) };
    return [{ args: changed, description: `when \`${where}\` is a single value rather than a list` }];
  }
  const text = notJsonFromRequest(input) ?? "not json";
  const changed = [...args];
  changed[trace.index] = { kind: "value", value: trace.path.length === 0 ? text : withPath(root, trace.path, text) };
  return [{ args: changed, description: `when \`${where}\` is not JSON` }];
}

function requestVectors(target: Target, baseline: Arg[], input: EntryInput): Vector[] {
  const request = input.failingRequests[0];
  if (!request) return [];
  const url = parseRequestUrl(request.url);
  const segments = url.pathname.split("/").filter((segment) => segment !== "");
  const last = segments[segments.length - 1];
  const args = padArgs(baseline, target.fn.params.length);
  const changed = [...args];
  let used = false;
  target.fn.params.forEach((param, index) => {
    const name = boundNames(param)[0]?.name ?? "";
    if (/id$/i.test(name) && last !== undefined) {
      changed[index] = { kind: "value", value: decode(last) };
      used = true;
    } else if (/^(?:body|payload|data|input|text|raw\w*)$/i.test(name) && request.body !== null) {
      changed[index] = { kind: "value", value: parsedOrText(request.body) };
      used = true;
    } else if (/^(?:query|params|filters?|options)$/i.test(name) && url.query.length > 0) {
      changed[index] = { kind: "value", value: Object.fromEntries(url.query) };
      used = true;
    } else if (url.query.some(([key]) => key === name)) {
      changed[index] = { kind: "value", value: url.query.filter(([key]) => key === name).map(([, value]) => value).join(",") };
      used = true;
    }
  });
  return used ? [{ args: changed, description: "with the failing request's values" }] : [];
}

function genericVectors(target: Target, baseline: Arg[], fault: Fault | null): Vector[] {
  const count = target.fn.params.length;
  const args = padArgs(baseline, count);
  const vectors: Vector[] = [];
  if (count === 0) return [{ args: [], description: "when called as the stack shows" }];
  for (let index = 0; index < count; index += 1) {
    const name = boundNames(target.fn.params[index])[0]?.name ?? `argument ${index + 1}`;
    const missing = [...args];
    missing[index] = { kind: "undefined" };
    vectors.push({ args: missing, description: `when \`${name}\` is missing` });
    const wrong = [...args];
    if (fault === "not-array") wrong[index] = { kind: "value", value: "value" };
    else if (fault === "not-json") wrong[index] = { kind: "value", value: "not json" };
    else wrong[index] = { kind: "value", value: {} };
    vectors.push({ args: wrong, description: fault === "not-array" ? `when \`${name}\` is a single string` : fault === "not-json" ? `when \`${name}\` is not JSON` : `when \`${name}\` is an empty object` });
  }
  return vectors;
}

/**
 * Arguments the repository's tests pass to the function: literals, with expressions that only
 * use globals or names the test defines (`Date.UTC(…)`, `now`) kept verbatim, with their setup.
 */
function baselineArgs(target: Target, input: EntryInput): Baseline {
  for (const path of input.tests) {
    const test = input.modules.get(path);
    if (!test) continue;
    const fact = test.imports.find((imp) => imp.resolved === target.file);
    const binding = fact?.bindings.find((b) => b.imported === target.exportName || (target.exportName === "default" && b.imported === "*"));
    if (!binding) continue;
    let found: Baseline | null = null;
    walk(test.program, (node) => {
      if (found || node.type !== "CallExpression") return found ? false : undefined;
      const callee = unwrapTs(node.callee);
      const calls =
        target.via.kind === "function"
          ? callee.type === "Identifier" && callee.name === binding.local
          : callee.type === "MemberExpression" && !callee.computed && callee.property.type === "Identifier" && callee.property.name === target.via.method;
      if (!calls) return undefined;
      const names = new Set<string>();
      const values = node.arguments.map((arg) => literalValue(arg, test.source, names));
      if (!values.every((value) => value.ok)) return undefined;
      let setup: SetupExtraction | null = null;
      if (names.size > 0) {
        const [first, ...rest] = [...names];
        const extracted = extractSetup(test, first!, node, rest);
        if (!extracted.ok) return undefined;
        setup = extracted.setup;
      }
      found = {
        args: values.map((value) => (value.ok && value.value !== undefined ? { kind: "value", value: value.value } : { kind: "undefined" })),
        setup,
        testFile: path,
      };
      return undefined;
    });
    if (found) return found;
  }
  return { args: [], setup: null, testFile: null };
}

type Literal = { ok: true; value: unknown } | { ok: false };

/** Names a copied expression may use without setup. */
const PLAIN_GLOBALS = new Set(["Date", "Math", "JSON", "Number", "String", "Boolean", "Array", "Object", "BigInt", "Symbol", "Infinity", "NaN", "undefined", "Map", "Set", "URL", "Buffer"]);

function literalValue(node: t.Node, source: string, names: Set<string>): Literal {
  const value = unwrapTs(node);
  switch (value.type) {
    case "StringLiteral":
    case "NumericLiteral":
    case "BooleanLiteral":
      return { ok: true, value: value.value };
    case "NullLiteral":
      return { ok: true, value: null };
    case "Identifier":
      if (value.name === "undefined") return { ok: true, value: undefined };
      names.add(value.name);
      return { ok: true, value: new RepoCode(value.name) };
    case "TemplateLiteral":
      if (value.expressions.length === 0) return { ok: true, value: value.quasis[0]?.value.cooked ?? "" };
      return codeLeaf(value, source, names);
    case "UnaryExpression":
      return value.operator === "-" && value.argument.type === "NumericLiteral" ? { ok: true, value: -value.argument.value } : codeLeaf(value, source, names);
    case "ArrayExpression": {
      const items: unknown[] = [];
      for (const element of value.elements) {
        if (element === null || element.type === "SpreadElement") return { ok: false };
        const item = literalValue(element, source, names);
        if (!item.ok) return item;
        items.push(item.value);
      }
      return { ok: true, value: items };
    }
    case "ObjectExpression": {
      const out: Record<string, unknown> = {};
      for (const property of value.properties) {
        if (property.type !== "ObjectProperty" || property.computed) return { ok: false };
        const key = property.key.type === "Identifier" ? property.key.name : property.key.type === "StringLiteral" ? property.key.value : null;
        if (key === null) return { ok: false };
        const item = literalValue(property.value, source, names);
        if (!item.ok) return item;
        if (item.value !== undefined) out[key] = item.value;
      }
      return { ok: true, value: out };
    }
    case "CallExpression":
    case "NewExpression":
    case "MemberExpression":
    case "BinaryExpression":
      return codeLeaf(value, source, names);
    default:
      return { ok: false };
  }
}

function codeLeaf(node: t.Node, source: string, names: Set<string>): Literal {
  if (/Function|ArrowFunction|Class/.test(node.type)) return { ok: false };
  let nested = false;
  walk(node, (inner) => {
    if (isFunctionNode(inner) || inner.type === "AwaitExpression") nested = true;
    return nested ? false : undefined;
  });
  if (nested) return { ok: false };
  for (const name of referencedNames(node)) if (!PLAIN_GLOBALS.has(name)) names.add(name);
  return { ok: true, value: new RepoCode(source.slice(node.start ?? 0, node.end ?? 0)) };
}

function containsCode(value: unknown): boolean {
  if (value instanceof RepoCode) return true;
  if (Array.isArray(value)) return value.some(containsCode);
  if (typeof value === "object" && value !== null) return Object.values(value).some(containsCode);
  return false;
}

function padArgs(args: Arg[], count: number): Arg[] {
  const out = args.slice(0, Math.max(count, args.length));
  while (out.length < count) out.push({ kind: "undefined" });
  return out;
}

/** A copy of `root` with the value at `path` replaced (created along the way when missing). */
function withPath(root: unknown, path: readonly string[], value: unknown): unknown {
  if (root instanceof RepoCode) root = undefined;
  if (path[0] === EACH) {
    const items = Array.isArray(root) && root.length > 0 ? root : [undefined];
    return items.map((item) => withPath(item, path.slice(1), value));
  }
  const base: Record<string, unknown> = typeof root === "object" && root !== null && !Array.isArray(root) ? { ...(root as Record<string, unknown>) } : {};
  const [head, ...rest] = path;
  if (head === undefined) return value;
  if (rest.length === 0) {
    if (value === undefined) delete base[head];
    else base[head] = value;
    return base;
  }
  base[head] = withPath(base[head], rest, value);
  return base;
}

function structuredCopy(value: unknown): unknown {
  if (value instanceof RepoCode || value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map(structuredCopy);
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, structuredCopy(item)]));
}

function candidateIds(input: EntryInput, key: { index: number; path: string[] }, baseline: Arg[]): unknown[] {
  const ids: unknown[] = [];
  const request = input.failingRequests[0];
  if (request) {
    const segments = parseRequestUrl(request.url).pathname.split("/").filter((segment) => segment !== "");
    const last = segments[segments.length - 1];
    if (last !== undefined) ids.push(decode(last));
  }
  const current = baseline[key.index];
  const numeric = current?.kind === "value" && typeof valueAt(current.value, key.path) === "number";
  ids.push(numeric ? 999_999 : UNKNOWN_ID);
  return [...new Set(ids)];
}

function valueAt(root: unknown, path: readonly string[]): unknown {
  let value = root;
  for (const segment of path) {
    if (typeof value !== "object" || value === null) return undefined;
    value = (value as Record<string, unknown>)[segment];
  }
  return value;
}

function singleValueFromRequest(input: EntryInput): string | null {
  const request = input.failingRequests[0];
  if (!request) return null;
  const query = parseRequestUrl(request.url).query;
  return query[0]?.[1] ?? null;
}

function notJsonFromRequest(input: EntryInput): string | null {
  const body = input.failingRequests[0]?.body ?? null;
  if (body === null) return null;
  try {
    JSON.parse(body);
    return null;
  } catch {
    return body;
  }
}

function parsedOrText(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    return body;
  }
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
