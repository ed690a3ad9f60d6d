import type * as t from "@babel/types";
import { boundNames, isFunctionNode, startOf, textOf, unwrapTs, walk } from "../fix/ast-tools.ts";
import type { ModuleFacts } from "./module-facts.ts";

// Reusing an existing test's setup verbatim: the statements that give a name (the app, a
// server, a handler) its value in that test, found by following what the name needs back
// through the test's scopes (the file, enclosing describe blocks, their before hooks, and the
// test itself up to the point where it uses the name), plus the imports those statements use
// and the after hooks that tear them down. A new test built from them constructs the app
// exactly the way the repository's own tests do.

export interface SetupExtraction {
  /** Import statements (or top-level requires), verbatim, in source order. */
  imports: string[];
  /** Statements that construct the value, verbatim (indentation removed), in source order. */
  statements: string[];
  /** After-hook statements that release it (`await app.close()`), verbatim. */
  teardown: string[];
}

export type SetupResult = { ok: true; setup: SetupExtraction } | { ok: false; reason: string };

const TEST_CALLS = new Set(["test", "it", "specify"]);
const SUITE_CALLS = new Set(["describe", "suite", "context"]);
const SETUP_HOOKS = new Set(["before", "beforeAll", "beforeEach", "setup"]);
const TEARDOWN_HOOKS = new Set(["after", "afterAll", "afterEach", "teardown"]);
const ASSERTION_ROOTS = new Set(["assert", "expect", "t", "should"]);

/** Names a script may use without declaring them. */
const GLOBALS = new Set([
  "undefined", "NaN", "Infinity", "globalThis", "process", "Buffer", "console", "URL", "URLSearchParams", "Request", "Response", "Headers",
  "fetch", "FormData", "Blob", "AbortController", "AbortSignal", "TextEncoder", "TextDecoder", "Promise", "JSON", "Object", "Array", "Math",
  "Date", "Number", "String", "Boolean", "Symbol", "BigInt", "RegExp", "Error", "TypeError", "RangeError", "SyntaxError", "Map", "Set",
  "WeakMap", "WeakSet", "setTimeout", "clearTimeout", "setInterval", "clearInterval", "setImmediate", "queueMicrotask", "structuredClone",
  "crypto", "performance", "require", "module", "exports", "__dirname", "__filename", "Uint8Array", "ArrayBuffer", "DataView", "Intl",
  "parseInt", "parseFloat", "isNaN", "encodeURIComponent", "decodeURIComponent", "encodeURI", "decodeURI", "Reflect", "Proxy",
  "jest", "vi", "expect", "describe", "it", "test", "beforeAll", "beforeEach", "afterAll", "afterEach", "before", "after",
]);

interface Candidate {
  statement: t.Statement;
  defines: Set<string>;
  uses: Set<string>;
  /** Setup-level statements may run for their effect; a test body's may not (they assert). */
  level: "setup" | "test";
}

/**
 * The setup that gives `name` its value at `site` in a test file (site: a node using the name; it
 * decides which describe blocks and test are in scope). `extraUses` are other names the caller's
 * code will read (a helper function it calls, for instance).
 */
export function extractSetup(test: ModuleFacts, name: string, site: t.Node | null, extraUses: readonly string[] = []): SetupResult {
  const chain = scopeChain(test.program, site);
  // Top-level requires are imports: they are copied to the new file's head, not into the test.
  const importStatements = new Set(test.imports.map((fact) => fact.statement).filter((statement) => statement !== null));
  const candidates: Candidate[] = [];
  const teardown: t.Statement[] = [];
  for (const scope of chain) {
    for (const statement of scope.statements) {
      const call = callOf(statement);
      if (call && SUITE_CALLS.has(call.name)) continue;
      if (call && TEST_CALLS.has(call.name)) continue;
      if (call && SETUP_HOOKS.has(call.name)) {
        const body = hookBody(call.node);
        for (const inner of body) candidates.push(candidateOf(inner, "setup"));
        continue;
      }
      if (call && TEARDOWN_HOOKS.has(call.name)) {
        teardown.push(...hookBody(call.node));
        continue;
      }
      if (statement.type === "ImportDeclaration" || importStatements.has(statement)) continue;
      if (scope.kind === "test" && site !== null && startOf(statement) > startOf(site)) continue;
      candidates.push(candidateOf(statement, scope.kind === "test" ? "test" : "setup"));
    }
  }

  const needed = new Set<string>([name, ...extraUses]);
  const included = new Set<Candidate>();
  for (let index = candidates.length - 1; index >= 0; index -= 1) {
    const candidate = candidates[index]!;
    if (![...candidate.defines].some((defined) => needed.has(defined))) continue;
    included.add(candidate);
    for (const used of candidate.uses) needed.add(used);
  }
  const defined = new Set<string>();
  for (const candidate of included) for (const d of candidate.defines) defined.add(d);
  // Setup statements run for their effect on what is built (`app.use(auth)`, `db.seed()`).
  for (const candidate of candidates) {
    if (included.has(candidate) || candidate.level !== "setup" || candidate.defines.size > 0) continue;
    if (isAssertion(candidate.statement)) continue;
    const uses = [...candidate.uses];
    if (uses.some((used) => defined.has(used)) && uses.every((used) => defined.has(used) || GLOBALS.has(used) || importedNames(test).has(used))) {
      included.add(candidate);
    }
  }

  const typed = new Set<string>();
  for (const candidate of included) for (const name of typeNames(candidate.statement)) typed.add(name);
  const imports = importsFor(test, new Set([...needed, ...typed]));
  const resolvable = new Set([...defined, ...importedNames(test), ...GLOBALS]);
  for (const candidate of included) {
    for (const used of candidate.uses) {
      if (!resolvable.has(used) && !declaredInside(candidate.statement, used)) {
        return { ok: false, reason: `its setup uses \`${used}\`, which only the test runner provides there` };
      }
    }
  }
  if (!defined.has(name) && !importedNames(test).has(name)) return { ok: false, reason: `no statement in ${test.path} gives \`${name}\` its value` };

  const ordered = candidates.filter((candidate) => included.has(candidate));
  const kept = teardown.filter((statement) => {
    const uses = [...candidateOf(statement, "setup").uses];
    return uses.some((used) => defined.has(used)) && uses.every((used) => resolvable.has(used));
  });
  return {
    ok: true,
    setup: {
      imports: imports.map((statement) => textOf(test.source, statement)),
      statements: ordered.map((candidate) => dedent(test.source, candidate.statement)),
      teardown: kept.map((statement) => dedent(test.source, statement)),
    },
  };
}

interface Scope {
  kind: "file" | "suite" | "test";
  statements: t.Statement[];
}

/** The file, then each describe block around the site, then the test holding it. */
function scopeChain(program: t.Program, site: t.Node | null): Scope[] {
  const chain: Scope[] = [{ kind: "file", statements: program.body }];
  if (site === null) return chain;
  walk(program, (node, ancestors) => {
    if (node !== site) return undefined;
    for (const ancestor of ancestors) {
      if (ancestor.type !== "CallExpression" || ancestor.callee.type !== "Identifier") continue;
      const name = ancestor.callee.name;
      const body = callbackBody(ancestor);
      if (body === null) continue;
      if (SUITE_CALLS.has(name)) chain.push({ kind: "suite", statements: body });
      else if (TEST_CALLS.has(name)) chain.push({ kind: "test", statements: body });
    }
    return false;
  });
  return chain;
}

function callbackBody(call: t.CallExpression): t.Statement[] | null {
  const fn = [...call.arguments].reverse().find((arg) => isFunctionNode(arg));
  if (!fn || !isFunctionNode(fn)) return null;
  if (fn.body.type === "BlockStatement") return fn.body.body;
  // `afterEach(() => db.close())`: the expression body is the one statement, at its own place.
  const { start, end, loc } = fn.body;
  return [{ type: "ExpressionStatement", expression: fn.body, start, end, loc } as t.ExpressionStatement];
}

function hookBody(call: t.CallExpression): t.Statement[] {
  return callbackBody(call) ?? [];
}

function callOf(statement: t.Statement): { name: string; node: t.CallExpression } | null {
  if (statement.type !== "ExpressionStatement") return null;
  let expression = unwrapTs(statement.expression);
  if (expression.type === "AwaitExpression") expression = unwrapTs(expression.argument);
  if (expression.type !== "CallExpression") return null;
  const callee = expression.callee;
  if (callee.type === "Identifier") return { name: callee.name, node: expression };
  // describe.each(...)(...), test.skip(...), it.only(...)
  if (callee.type === "MemberExpression" && callee.object.type === "Identifier") return { name: callee.object.name, node: expression };
  return null;
}

function candidateOf(statement: t.Statement, level: "setup" | "test"): Candidate {
  const defines = new Set<string>();
  if (statement.type === "VariableDeclaration") {
    for (const declarator of statement.declarations) for (const id of boundNames(declarator.id)) defines.add(id.name);
  } else if ((statement.type === "FunctionDeclaration" || statement.type === "ClassDeclaration") && statement.id) {
    defines.add(statement.id.name);
  } else if (statement.type === "ExpressionStatement") {
    const expression = unwrapTs(statement.expression);
    if (expression.type === "AssignmentExpression") for (const id of boundNames(expression.left)) defines.add(id.name);
  }
  const uses = referencedNames(statement);
  for (const d of defines) if (statement.type !== "ExpressionStatement") uses.delete(d);
  return { statement, defines, uses, level };
}

/**
 * Identifiers read by a node (an over-approximation: locals declared inside are included too).
 * Names inside type annotations are left out: a test runner that strips types never needs them.
 */
export function referencedNames(root: t.Node): Set<string> {
  return collectNames(root, false);
}

/** Identifiers used only as types (`let app: App`), whose imports keep a typed test valid. */
export function typeNames(root: t.Node): Set<string> {
  return collectNames(root, true);
}

function collectNames(root: t.Node, types: boolean): Set<string> {
  const names = new Set<string>();
  walk(root, (node, ancestors) => {
    if (node.type !== "Identifier") return undefined;
    const parent = ancestors[ancestors.length - 1];
    if (parent && !isReference(node, parent)) return undefined;
    const inType = ancestors.some((ancestor) => ancestor.type.startsWith("TS") && ancestor.type !== "TSAsExpression" && ancestor.type !== "TSNonNullExpression" && ancestor.type !== "TSSatisfiesExpression");
    if (inType === types) names.add(node.name);
    return undefined;
  });
  return names;
}

function isReference(node: t.Identifier, parent: t.Node): boolean {
  if ((parent.type === "MemberExpression" || parent.type === "OptionalMemberExpression") && parent.property === node && !parent.computed) return false;
  if ((parent.type === "ObjectProperty" || parent.type === "ObjectMethod" || parent.type === "ClassMethod" || parent.type === "ClassProperty") && parent.key === node && !parent.computed) {
    return parent.type === "ObjectProperty" && parent.shorthand && parent.value === node;
  }
  if ((parent.type === "VariableDeclarator" && parent.id === node) || (isFunctionNode(parent) && "id" in parent && parent.id === node)) return false;
  if (parent.type === "LabeledStatement" || parent.type === "BreakStatement" || parent.type === "ContinueStatement") return false;
  if (parent.type === "TSPropertySignature" || parent.type === "TSQualifiedName") return parent.type === "TSQualifiedName" && parent.left === node;
  return true;
}

function declaredInside(statement: t.Statement, name: string): boolean {
  let declared = false;
  walk(statement, (node) => {
    if (declared) return false;
    if (node.type === "VariableDeclarator" && boundNames(node.id).some((id) => id.name === name)) declared = true;
    if (isFunctionNode(node) && node.params.some((param) => boundNames(param).some((id) => id.name === name))) declared = true;
    if (node.type === "CatchClause" && node.param && boundNames(node.param).some((id) => id.name === name)) declared = true;
    if ((node.type === "FunctionDeclaration" || node.type === "ClassDeclaration") && node.id?.name === name) declared = true;
    return undefined;
  });
  return declared;
}

function isAssertion(statement: t.Statement): boolean {
  if (statement.type !== "ExpressionStatement") return false;
  let root: t.Node = unwrapTs(statement.expression);
  if (root.type === "AwaitExpression") root = root.argument;
  while (root.type === "CallExpression" || root.type === "MemberExpression") root = root.type === "CallExpression" ? root.callee : root.object;
  return root.type === "Identifier" && ASSERTION_ROOTS.has(root.name);
}

function importedNames(test: ModuleFacts): Set<string> {
  const names = new Set<string>();
  for (const fact of test.imports) {
    if (fact.statement === null) continue;
    for (const binding of fact.bindings) names.add(binding.local);
  }
  return names;
}

function importsFor(test: ModuleFacts, needed: ReadonlySet<string>): t.Statement[] {
  const statements: t.Statement[] = [];
  for (const fact of test.imports) {
    if (fact.statement === null || statements.includes(fact.statement)) continue;
    if (fact.bindings.some((binding) => needed.has(binding.local))) statements.push(fact.statement);
  }
  return statements.sort((a, b) => startOf(a) - startOf(b));
}

/** A statement's text with the indentation of its first line removed from every line. */
export function dedent(source: string, node: t.Node): string {
  const start = startOf(node);
  const lineStart = source.lastIndexOf("\n", start - 1) + 1;
  const indent = /^[ \t]*/.exec(source.slice(lineStart, start))?.[0] ?? "";
  const text = textOf(source, node);
  if (indent === "") return text;
  return text
    .split("\n")
    .map((line, index) => (index > 0 && line.startsWith(indent) ? line.slice(indent.length) : line))
    .join("\n");
}
