import type * as t from "@babel/types";
import { isFunctionNode, textOf, unwrapTs, walk } from "../fix/ast-tools.ts";
import { parseSource } from "../fix/parse-source.ts";
import { dirnameOf, joinRepoPath } from "../fix/posix-path.ts";

// What one module of the repository offers and needs, read statically: its imports, its exports
// (ES and CommonJS), which web framework values it creates, and whether it starts listening
// when imported. App discovery builds on these; nothing here runs the code.

export type Framework = "express" | "fastify" | "hono" | "koa" | "node-http";

export interface ImportBinding {
  /** The exported name it binds: "default", "*" for a namespace or a whole CommonJS module, or a name. */
  imported: string;
  local: string;
}

export interface ImportFact {
  source: string;
  /** Repo path the specifier resolves to; null for packages and unresolvable paths. */
  resolved: string | null;
  kind: "import" | "require" | "dynamic";
  bindings: ImportBinding[];
  typeOnly: boolean;
  /** The whole statement, verbatim (imports and top-level requires only). */
  statement: t.Statement | null;
}

export interface ExportFact {
  /** "default" for `export default` and a whole `module.exports = x`. */
  name: string;
  /** What the export is: a declaration, an expression, or the local binding it names. */
  node: t.Node;
  /** The local binding's name when the export names one. */
  local: string | null;
  system: "esm" | "cjs";
}

export interface ModuleFacts {
  path: string;
  source: string;
  program: t.Program;
  imports: ImportFact[];
  exports: ExportFact[];
  /** Local bindings initialized with a framework value (`const app = express()`). */
  frameworkValues: Map<string, Framework>;
  /** Local name → the package and export it was imported from (`express` → express default, `Hono`). */
  packageBindings: Map<string, { source: string; imported: string }>;
  /** A top-level `listen(…)`/`serve(…)` that is not behind a main-module check. */
  listensAtLoad: boolean;
}

const SOURCE_EXTENSIONS = [".ts", ".tsx", ".mts", ".cts", ".js", ".jsx", ".mjs", ".cjs"];

/** Resolve a relative specifier the way Node, TypeScript (`.js` → `.ts`) and bundlers do. */
export function resolveSpecifier(fromFile: string, specifier: string, files: ReadonlySet<string>): string | null {
  if (!specifier.startsWith(".")) return null;
  const base = joinRepoPath(dirnameOf(fromFile), specifier);
  if (base === null) return null;
  const candidates = [base];
  const swapped = base.replace(/\.([cm]?)js$/, ".$1ts");
  if (swapped !== base) candidates.push(swapped, base.replace(/\.js$/, ".tsx"));
  for (const ext of SOURCE_EXTENSIONS) candidates.push(`${base}${ext}`);
  for (const ext of SOURCE_EXTENSIONS) candidates.push(`${base}/index${ext}`);
  return candidates.find((candidate) => files.has(candidate)) ?? null;
}

const FRAMEWORK_PACKAGES: Record<string, Framework> = {
  express: "express",
  fastify: "fastify",
  hono: "hono",
  koa: "koa",
  "node:http": "node-http",
  http: "node-http",
  "node:https": "node-http",
  https: "node-http",
};

/** Parse a module's facts; null when it does not parse. */
export function readModuleFacts(path: string, source: string, files: ReadonlySet<string>): ModuleFacts | null {
  let program: t.Program;
  try {
    program = parseSource(path, source).program;
  } catch {
    return null;
  }
  const facts: ModuleFacts = {
    path,
    source,
    program,
    imports: [],
    exports: [],
    frameworkValues: new Map(),
    packageBindings: new Map(),
    listensAtLoad: false,
  };
  collectImports(facts, files);
  collectExports(facts);
  collectFrameworkValues(facts);
  facts.listensAtLoad = program.body.some((statement) => listensUnguarded(statement, facts));
  return facts;
}

function collectImports(facts: ModuleFacts, files: ReadonlySet<string>): void {
  const add = (fact: Omit<ImportFact, "resolved">): void => {
    facts.imports.push({ ...fact, resolved: resolveSpecifier(facts.path, fact.source, files) });
    if (!fact.source.startsWith(".")) {
      for (const binding of fact.bindings) facts.packageBindings.set(binding.local, { source: fact.source, imported: binding.imported });
    }
  };
  for (const statement of facts.program.body) {
    if (statement.type === "ImportDeclaration") {
      const bindings: ImportBinding[] = statement.specifiers.map((specifier) => {
        if (specifier.type === "ImportDefaultSpecifier") return { imported: "default", local: specifier.local.name };
        if (specifier.type === "ImportNamespaceSpecifier") return { imported: "*", local: specifier.local.name };
        const imported = specifier.imported.type === "Identifier" ? specifier.imported.name : specifier.imported.value;
        return { imported, local: specifier.local.name };
      });
      add({ source: statement.source.value, kind: "import", bindings, typeOnly: statement.importKind === "type", statement });
      continue;
    }
    if (statement.type === "VariableDeclaration") {
      for (const declarator of statement.declarations) {
        const required = requiredSource(declarator.init);
        if (required === null) continue;
        add({ source: required.source, kind: "require", bindings: bindingsOfPattern(declarator.id, required.member), typeOnly: false, statement: statement.declarations.length === 1 ? statement : null });
      }
    }
  }
  walk(facts.program, (node) => {
    if (node.type === "ImportExpression" && node.source.type === "StringLiteral") {
      add({ source: node.source.value, kind: "dynamic", bindings: [], typeOnly: false, statement: null });
    }
    if (node.type === "CallExpression" && node.callee.type === "Import" && node.arguments[0]?.type === "StringLiteral") {
      add({ source: node.arguments[0].value, kind: "dynamic", bindings: [], typeOnly: false, statement: null });
    }
  });
}

/** `require("x")`, `require("x").y`, `require("x").default`. */
function requiredSource(init: t.Expression | null | undefined): { source: string; member: string | null } | null {
  if (!init) return null;
  let node: t.Node = unwrapTs(init);
  let member: string | null = null;
  if (node.type === "MemberExpression" && !node.computed && node.property.type === "Identifier") {
    member = node.property.name;
    node = node.object;
  }
  if (node.type !== "CallExpression" || node.callee.type !== "Identifier" || node.callee.name !== "require") return null;
  const arg = node.arguments[0];
  return arg?.type === "StringLiteral" ? { source: arg.value, member } : null;
}

function bindingsOfPattern(pattern: t.Node, member: string | null): ImportBinding[] {
  if (pattern.type === "Identifier") return [{ imported: member ?? "*", local: pattern.name }];
  if (pattern.type !== "ObjectPattern" || member !== null) return [];
  const bindings: ImportBinding[] = [];
  for (const property of pattern.properties) {
    if (property.type !== "ObjectProperty" || property.computed) continue;
    const key = property.key.type === "Identifier" ? property.key.name : property.key.type === "StringLiteral" ? property.key.value : null;
    const value = property.value.type === "AssignmentPattern" ? property.value.left : property.value;
    if (key !== null && value.type === "Identifier") bindings.push({ imported: key, local: value.name });
  }
  return bindings;
}

function collectExports(facts: ModuleFacts): void {
  const push = (fact: ExportFact) => facts.exports.push(fact);
  for (const statement of facts.program.body) {
    if (statement.type === "ExportNamedDeclaration") {
      const declaration = statement.declaration;
      if (declaration?.type === "FunctionDeclaration" || declaration?.type === "ClassDeclaration") {
        if (declaration.id) push({ name: declaration.id.name, node: declaration, local: declaration.id.name, system: "esm" });
      } else if (declaration?.type === "VariableDeclaration") {
        for (const declarator of declaration.declarations) {
          if (declarator.id.type === "Identifier") push({ name: declarator.id.name, node: declarator.init ?? declarator, local: declarator.id.name, system: "esm" });
        }
      }
      if (statement.source) continue;
      for (const specifier of statement.specifiers) {
        if (specifier.type !== "ExportSpecifier") continue;
        const name = specifier.exported.type === "Identifier" ? specifier.exported.name : specifier.exported.value;
        push({ name, node: specifier.local, local: specifier.local.name, system: "esm" });
      }
      continue;
    }
    if (statement.type === "ExportDefaultDeclaration") {
      const declaration = statement.declaration;
      const local =
        declaration.type === "Identifier"
          ? declaration.name
          : (declaration.type === "FunctionDeclaration" || declaration.type === "ClassDeclaration") && declaration.id
            ? declaration.id.name
            : null;
      push({ name: "default", node: declaration, local, system: "esm" });
      continue;
    }
    if (statement.type !== "ExpressionStatement" || statement.expression.type !== "AssignmentExpression") continue;
    const { left, right } = statement.expression;
    const target = cjsExportTarget(left);
    if (target === null) continue;
    const value = unwrapTs(right);
    if (target === "default") {
      push({ name: "default", node: value, local: value.type === "Identifier" ? value.name : null, system: "cjs" });
      if (value.type === "ObjectExpression") {
        for (const property of value.properties) {
          if (property.type === "ObjectProperty" && !property.computed && property.key.type === "Identifier") {
            const node = property.value;
            push({ name: property.key.name, node, local: node.type === "Identifier" ? node.name : null, system: "cjs" });
          } else if (property.type === "ObjectMethod" && property.key.type === "Identifier") {
            push({ name: property.key.name, node: property, local: null, system: "cjs" });
          }
        }
      }
      continue;
    }
    push({ name: target, node: value, local: value.type === "Identifier" ? value.name : null, system: "cjs" });
  }
}

/** `module.exports` → "default"; `module.exports.x` / `exports.x` → "x". */
function cjsExportTarget(left: t.Node): string | null {
  if (left.type !== "MemberExpression" || left.computed || left.property.type !== "Identifier") return null;
  const object = left.object;
  if (object.type === "Identifier" && object.name === "module" && left.property.name === "exports") return "default";
  if (object.type === "Identifier" && object.name === "exports") return left.property.name;
  if (object.type === "MemberExpression" && !object.computed && object.object.type === "Identifier" && object.object.name === "module" && object.property.type === "Identifier" && object.property.name === "exports") {
    return left.property.name;
  }
  return null;
}

function collectFrameworkValues(facts: ModuleFacts): void {
  walk(facts.program, (node) => {
    if (node.type !== "VariableDeclarator" || node.id.type !== "Identifier" || !node.init) return;
    const framework = frameworkOfExpression(node.init, facts);
    if (framework) facts.frameworkValues.set(node.id.name, framework);
  });
}

const CHAINING = new Set(["use", "get", "post", "put", "patch", "delete", "all", "route", "register", "basePath", "onError", "notFound"]);

/** The framework value an expression creates: `express()`, `Fastify({…})`, `new Hono()`, `new Koa()`, `http.createServer(…)`. */
export function frameworkOfExpression(expression: t.Node, facts: Pick<ModuleFacts, "packageBindings">): Framework | null {
  let node = unwrapTs(expression);
  if (node.type === "AwaitExpression") node = unwrapTs(node.argument);
  if (node.type !== "CallExpression" && node.type !== "NewExpression") return null;
  const callee = unwrapTs(node.callee);
  if (callee.type === "Identifier") {
    const binding = facts.packageBindings.get(callee.name);
    return binding ? frameworkOfBinding(binding.source, binding.imported, null) : null;
  }
  // `express().use(…)`, `new Hono().get(…)`: these frameworks' route and middleware calls return the app.
  if (callee.type === "MemberExpression" && !callee.computed && callee.property.type === "Identifier" && CHAINING.has(callee.property.name)) {
    const chained = frameworkOfExpression(callee.object, facts);
    if (chained && chained !== "node-http") return chained;
  }
  if (callee.type === "MemberExpression" && !callee.computed && callee.property.type === "Identifier" && callee.object.type === "Identifier") {
    const binding = facts.packageBindings.get(callee.object.name);
    if (binding && (binding.imported === "default" || binding.imported === "*")) return frameworkOfBinding(binding.source, "*", callee.property.name);
  }
  // require("fastify")({ logger: false }), new (require("koa"))()
  if (callee.type === "CallExpression" && callee.callee.type === "Identifier" && callee.callee.name === "require") {
    const arg = callee.arguments[0];
    if (arg?.type === "StringLiteral") return frameworkOfBinding(arg.value, "*", null);
  }
  return null;
}

/** Which framework value calling this import makes; `member` is the property called on a namespace. */
function frameworkOfBinding(source: string, imported: string, member: string | null): Framework | null {
  const framework = FRAMEWORK_PACKAGES[source];
  if (framework === undefined) return null;
  const whole = imported === "default" || imported === "*";
  const name = member ?? (whole ? null : imported);
  switch (framework) {
    case "express":
    case "koa":
      return name === null ? framework : null;
    case "fastify":
      return name === null || name === "fastify" || name === "default" ? framework : null;
    case "hono":
      return name === "Hono" ? framework : null;
    case "node-http":
      return name === "createServer" ? framework : null;
  }
}

const MAIN_CHECK = /require\.main\s*===?\s*module|module\s*===?\s*require\.main|import\.meta\.main|process\.argv\[1\]|import\.meta\.url|import\.meta\.filename/;

// Conservative on purpose: a listen behind any condition other than "this is the main module"
// (`if (process.env.NODE_ENV !== "test")`) may well run when a test imports the module, and a
// server left listening keeps the test process alive until the sandbox's timeout.
function listensUnguarded(statement: t.Statement, facts: ModuleFacts): boolean {
  if (statement.type === "IfStatement" && MAIN_CHECK.test(textOf(facts.source, statement.test))) return false;
  if (statement.type === "FunctionDeclaration" || statement.type === "ClassDeclaration") return false;
  return containsListen(statement, facts, 0);
}

function containsListen(root: t.Node, facts: ModuleFacts, depth: number): boolean {
  let found = false;
  walk(root, (node, ancestors) => {
    if (found) return false;
    if (isFunctionNode(node) && node !== root) {
      // Callbacks run later, or never; an immediately invoked function runs now.
      const parent = ancestors[ancestors.length - 1];
      const invoked = parent?.type === "CallExpression" && parent.callee === node;
      if (!invoked) return false;
    }
    if (node.type !== "CallExpression") return undefined;
    const callee = unwrapTs(node.callee);
    if (callee.type === "MemberExpression" && !callee.computed && callee.property.type === "Identifier" && callee.property.name === "listen") found = true;
    else if (callee.type === "Identifier" && callee.name === "serve" && facts.packageBindings.get("serve")?.source === "@hono/node-server") found = true;
    else if (callee.type === "Identifier" && depth < 2) {
      const declared = topLevelDeclaration(facts, callee.name);
      if (declared && isFunctionNode(declared) && containsListen(declared, facts, depth + 1)) found = true;
    }
    return undefined;
  });
  return found;
}

/** The export named `name`, following `export { x }` and `module.exports = x` to their declarations. */
export function exportNamed(facts: ModuleFacts, name: string): ExportFact | null {
  return facts.exports.find((fact) => fact.name === name) ?? null;
}

/** The declaration node bound to a top-level local name (function, class or variable initializer). */
export function topLevelDeclaration(facts: ModuleFacts, local: string): t.Node | null {
  for (const statement of facts.program.body) {
    const declaration = statement.type === "ExportNamedDeclaration" || statement.type === "ExportDefaultDeclaration" ? statement.declaration : statement;
    if (!declaration) continue;
    if ((declaration.type === "FunctionDeclaration" || declaration.type === "ClassDeclaration") && declaration.id?.name === local) return declaration;
    if (declaration.type === "VariableDeclaration") {
      for (const declarator of declaration.declarations) {
        if (declarator.id.type === "Identifier" && declarator.id.name === local) return declarator.init ?? declarator;
      }
    }
  }
  return null;
}

/** What an export is once local names are followed: the function, class or value expression. */
export function exportValue(facts: ModuleFacts, fact: ExportFact): t.Node {
  let node: t.Node = fact.node;
  for (let hops = 0; hops < 4; hops += 1) {
    const unwrapped = unwrapTs(node);
    if (unwrapped.type !== "Identifier") return unwrapped;
    const declared = topLevelDeclaration(facts, unwrapped.name);
    if (declared === null) return unwrapped;
    node = declared;
  }
  return node;
}
