import type * as t from "@babel/types";
import type { Splice } from "./splice.ts";

// Small AST helpers shared by the fix patterns. @babel/traverse is not a dependency (it would
// double the parser's load cost on a cold edge isolate), so walking, scope lookup and style
// detection are done here over plain Babel nodes.

export type Node = t.Node;
export type FunctionNode = t.Function;

const SKIP_KEYS = new Set(["loc", "start", "end", "leadingComments", "trailingComments", "innerComments", "extra", "range", "comments", "tokens", "errors"]);

function isNode(value: unknown): value is Node {
  return typeof value === "object" && value !== null && typeof (value as { type?: unknown }).type === "string";
}

/** Depth-first walk; return false from visit to skip a node's children. Ancestors are innermost last. */
export function walk(root: Node, visit: (node: Node, ancestors: readonly Node[]) => boolean | void): void {
  const ancestors: Node[] = [];
  const go = (node: Node): void => {
    if (visit(node, ancestors) === false) return;
    ancestors.push(node);
    for (const key of Object.keys(node)) {
      if (SKIP_KEYS.has(key)) continue;
      const value = (node as unknown as Record<string, unknown>)[key];
      if (Array.isArray(value)) {
        for (const item of value) if (isNode(item)) go(item);
      } else if (isNode(value)) {
        go(value);
      }
    }
    ancestors.pop();
  };
  go(root);
}

export interface Located<T extends Node = Node> {
  node: T;
  /** Outermost first, the node's parent last. */
  ancestors: readonly Node[];
}

/** Every node matching the predicate, with its ancestors, in source order. */
export function findAll<T extends Node>(root: Node, predicate: (node: Node) => node is T): Located<T>[] {
  const found: Located<T>[] = [];
  walk(root, (node, ancestors) => {
    if (predicate(node)) found.push({ node, ancestors: [...ancestors] });
  });
  return found;
}

export function isFunctionNode(node: Node): node is FunctionNode {
  return (
    node.type === "FunctionDeclaration" ||
    node.type === "FunctionExpression" ||
    node.type === "ArrowFunctionExpression" ||
    node.type === "ObjectMethod" ||
    node.type === "ClassMethod" ||
    node.type === "ClassPrivateMethod"
  );
}

export function nearestFunction(ancestors: readonly Node[]): { fn: FunctionNode; index: number } | null {
  for (let index = ancestors.length - 1; index >= 0; index -= 1) {
    const node = ancestors[index]!;
    if (isFunctionNode(node)) return { fn: node, index };
  }
  return null;
}

/** Offsets of a node; Babel always sets them when parsing with ranges (the default). */
export function startOf(node: Node): number {
  return node.start ?? 0;
}
export function endOf(node: Node): number {
  return node.end ?? 0;
}
export function lineOf(node: Node): number {
  return node.loc?.start.line ?? 0;
}

export function textOf(source: string, node: Node): string {
  return source.slice(startOf(node), endOf(node));
}

/** Unwrap TS-only wrappers that do not change a value: `x as T`, `x!`, `<T>x`, `x satisfies T`. */
export function unwrapTs(node: Node): Node {
  let current = node;
  while (
    current.type === "TSAsExpression" ||
    current.type === "TSNonNullExpression" ||
    current.type === "TSTypeAssertion" ||
    current.type === "TSSatisfiesExpression" ||
    current.type === "ParenthesizedExpression"
  ) {
    current = current.expression;
  }
  return current;
}

/** The statement holding a node that sits directly in a statement list, and that list's owner. */
export function enclosingListStatement(node: Node, ancestors: readonly Node[]): { statement: t.Statement; owner: Node; index: number } | null {
  let child: Node = node;
  for (let index = ancestors.length - 1; index >= 0; index -= 1) {
    const parent = ancestors[index]!;
    if ((parent.type === "BlockStatement" || parent.type === "Program" || parent.type === "StaticBlock") && (parent.body as Node[]).includes(child)) {
      return { statement: child as t.Statement, owner: parent, index };
    }
    if (parent.type === "SwitchCase" && parent.consequent.includes(child as t.Statement)) {
      return { statement: child as t.Statement, owner: parent, index };
    }
    if (isFunctionNode(parent)) return null; // an expression-bodied arrow has no statement list
    child = parent;
  }
  return null;
}

/** Identifiers bound by a declaration pattern (`a`, `{ a, b: c }`, `[d, ...e]`, `f = 1`). */
export function boundNames(pattern: Node | null | undefined): t.Identifier[] {
  if (!pattern) return [];
  switch (pattern.type) {
    case "Identifier":
      return [pattern];
    case "ObjectPattern":
      return pattern.properties.flatMap((property) => (property.type === "RestElement" ? boundNames(property.argument) : boundNames(property.value)));
    case "ArrayPattern":
      return pattern.elements.flatMap((element) => boundNames(element));
    case "AssignmentPattern":
      return boundNames(pattern.left);
    case "RestElement":
      return boundNames(pattern.argument);
    case "TSParameterProperty":
      return boundNames(pattern.parameter);
    default:
      return [];
  }
}

export type Binding =
  | { kind: "const" | "let" | "var" | "using" | "await using"; declaration: t.VariableDeclaration; declarator: t.VariableDeclarator; identifier: t.Identifier; owner: Node }
  | { kind: "param"; fn: FunctionNode; param: Node; identifier: t.Identifier }
  | { kind: "import"; declaration: t.ImportDeclaration; identifier: t.Identifier }
  | { kind: "function" | "class" | "catch" | "other"; node: Node; identifier: t.Identifier | null };

function declarationsOfStatement(statement: Node): Node[] {
  if (statement.type === "ExportNamedDeclaration" || statement.type === "ExportDefaultDeclaration") {
    return statement.declaration ? [statement.declaration] : [];
  }
  return [statement];
}

function bindingInStatements(name: string, statements: readonly Node[], owner: Node): Binding | null {
  for (const statement of statements) {
    for (const declaration of declarationsOfStatement(statement)) {
      if (declaration.type === "VariableDeclaration") {
        for (const declarator of declaration.declarations) {
          const identifier = boundNames(declarator.id).find((id) => id.name === name);
          if (identifier) return { kind: declaration.kind, declaration, declarator, identifier, owner };
        }
      } else if ((declaration.type === "FunctionDeclaration" || declaration.type === "ClassDeclaration") && declaration.id?.name === name) {
        return { kind: declaration.type === "FunctionDeclaration" ? "function" : "class", node: declaration, identifier: declaration.id };
      } else if (declaration.type === "ImportDeclaration") {
        const specifier = declaration.specifiers.find((item) => item.local.name === name);
        if (specifier) return { kind: "import", declaration, identifier: specifier.local };
      } else if (declaration.type === "TSImportEqualsDeclaration" && declaration.id.name === name) {
        return { kind: "import", declaration: declaration as unknown as t.ImportDeclaration, identifier: declaration.id };
      } else if (declaration.type === "TSEnumDeclaration" && declaration.id.name === name) {
        return { kind: "other", node: declaration, identifier: declaration.id };
      }
    }
  }
  return null;
}

/** The nearest declaration of `name` visible from a node with these ancestors (lexical scopes only). */
export function findBinding(name: string, ancestors: readonly Node[]): Binding | null {
  for (let index = ancestors.length - 1; index >= 0; index -= 1) {
    const scope = ancestors[index]!;
    let found: Binding | null = null;
    if (scope.type === "BlockStatement" || scope.type === "Program" || scope.type === "StaticBlock") {
      found = bindingInStatements(name, scope.body, scope);
    } else if (scope.type === "SwitchStatement") {
      found = bindingInStatements(name, scope.cases.flatMap((item) => item.consequent), scope);
    } else if (scope.type === "ForStatement" && scope.init?.type === "VariableDeclaration") {
      found = bindingInStatements(name, [scope.init], scope);
    } else if ((scope.type === "ForOfStatement" || scope.type === "ForInStatement") && scope.left.type === "VariableDeclaration") {
      found = bindingInStatements(name, [scope.left], scope);
    } else if (scope.type === "CatchClause") {
      const identifier = boundNames(scope.param).find((id) => id.name === name);
      if (identifier) found = { kind: "catch", node: scope, identifier };
    } else if (isFunctionNode(scope)) {
      for (const param of scope.params) {
        const identifier = boundNames(param).find((id) => id.name === name);
        if (identifier) {
          found = { kind: "param", fn: scope, param, identifier };
          break;
        }
      }
      if (!found && scope.type === "FunctionExpression" && scope.id?.name === name) found = { kind: "function", node: scope, identifier: scope.id };
    }
    if (found) return found;
  }
  return null;
}

/** The root identifier of a member chain (`a` of `a.b[c].d`), or null when the chain starts elsewhere. */
export function rootIdentifier(node: Node): t.Identifier | null {
  let current = unwrapTs(node);
  for (;;) {
    if (current.type === "Identifier") return current;
    if (current.type === "MemberExpression" || current.type === "OptionalMemberExpression") {
      current = unwrapTs(current.object);
      continue;
    }
    return null;
  }
}

/** A member chain that is safe to evaluate twice: identifiers, `this`, and literal or identifier keys. */
export function isPureChain(node: Node): boolean {
  const current = unwrapTs(node);
  if (current.type === "Identifier" || current.type === "ThisExpression") return true;
  if (current.type === "MemberExpression" || current.type === "OptionalMemberExpression") {
    if (current.computed) {
      const key = current.property;
      if (key.type !== "StringLiteral" && key.type !== "NumericLiteral" && !isPureChain(key)) return false;
    }
    return isPureChain(current.object);
  }
  return false;
}

/** The name a member expression reads (`b` of `a.b`, `a["b"]`), or null for dynamic keys. */
export function memberPropertyName(node: t.MemberExpression | t.OptionalMemberExpression): string | null {
  const property = node.property;
  if (!node.computed && property.type === "Identifier") return property.name;
  if (property.type === "StringLiteral") return property.value;
  if (property.type === "NumericLiteral") return String(property.value);
  if (property.type === "PrivateName") return null;
  return null;
}

/** The receiver and method name of a method call (`res.json(...)` → `res`, `json`), or null. */
export function calleeMember(node: Node): { object: Node; name: string } | null {
  if (node.type !== "CallExpression" && node.type !== "OptionalCallExpression") return null;
  const callee = unwrapTs(node.callee);
  if ((callee.type === "MemberExpression" || callee.type === "OptionalMemberExpression") && !callee.computed && callee.property.type === "Identifier") {
    return { object: unwrapTs(callee.object), name: callee.property.name };
  }
  return null;
}

// ---- the file's own formatting -------------------------------------------------------------

export interface CodeStyle {
  quote: '"' | "'";
  semicolons: boolean;
  /** One level of indentation: two spaces, four spaces or a tab. */
  indentUnit: string;
  eol: "\n" | "\r\n";
}

/** Quote, semicolon, indentation and line-ending conventions read from the file itself. */
export function detectStyle(source: string, program: t.Program): CodeStyle {
  let double = 0;
  let single = 0;
  let withSemi = 0;
  let withoutSemi = 0;
  walk(program, (node) => {
    if (node.type === "StringLiteral") {
      const raw = (node.extra as { raw?: string } | undefined)?.raw ?? "";
      if (raw.startsWith('"')) double += 1;
      else if (raw.startsWith("'")) single += 1;
    }
    if (
      node.type === "ExpressionStatement" ||
      node.type === "VariableDeclaration" ||
      node.type === "ReturnStatement" ||
      node.type === "ImportDeclaration" ||
      node.type === "ThrowStatement"
    ) {
      // A for-loop head's declaration is not a statement that ends in a semicolon of its own.
      const end = endOf(node);
      if (source[end - 1] === ";") withSemi += 1;
      else if (node.type !== "VariableDeclaration" || /^[ \t]*(\r?\n|$)/.test(source.slice(end, end + 2))) withoutSemi += 1;
    }
  });
  return {
    quote: single > double ? "'" : '"',
    semicolons: withSemi >= withoutSemi,
    indentUnit: detectIndentUnit(source),
    eol: source.includes("\r\n") ? "\r\n" : "\n",
  };
}

function detectIndentUnit(source: string): string {
  let tabs = 0;
  let smallest = Number.POSITIVE_INFINITY;
  let spaced = 0;
  for (const line of source.split("\n", 2000)) {
    if (line.trim() === "") continue;
    if (line.startsWith("\t")) {
      tabs += 1;
      continue;
    }
    let count = 0;
    while (line[count] === " ") count += 1;
    // Continuation lines of block comments (" * ") are one space in; they say nothing about indent.
    if (count > 1 || (count === 1 && !line.trimStart().startsWith("*"))) {
      spaced += 1;
      if (count > 1 && count < smallest) smallest = count;
    }
  }
  if (tabs > spaced) return "\t";
  if (!Number.isFinite(smallest)) return "  ";
  return " ".repeat(Math.min(smallest, 8));
}

/** The whitespace before the first character of the line holding this offset. */
export function indentAt(source: string, offset: number): string {
  const lineStart = source.lastIndexOf("\n", offset - 1) + 1;
  let end = lineStart;
  while (end < source.length && (source[end] === " " || source[end] === "\t")) end += 1;
  return source.slice(lineStart, end);
}

export function endStatement(text: string, style: CodeStyle): string {
  return style.semicolons ? `${text};` : text;
}

/** Insert lines right after a statement, on their own lines, at the statement's indentation. */
export function insertAfterStatement(source: string, statement: Node, lines: readonly string[], style: CodeStyle): Splice {
  const indent = indentAt(source, startOf(statement));
  const end = endOf(statement);
  const newline = source.indexOf("\n", end);
  const lineEnd = newline < 0 ? source.length : newline > 0 && source[newline - 1] === "\r" ? newline - 1 : newline;
  const rest = source.slice(end, lineEnd);
  // Keep a trailing same-line comment attached to the statement it describes.
  const at = /^\s*(\/\/.*)?$/.test(rest) ? lineEnd : end;
  return { start: at, end: at, text: lines.map((line) => `${style.eol}${line === "" ? "" : indent + line}`).join("") };
}

/** Insert lines right before a statement, at its indentation. */
export function insertBeforeStatement(source: string, statement: Node, lines: readonly string[], style: CodeStyle): Splice {
  const start = startOf(statement);
  const indent = indentAt(source, start);
  const [first, ...rest] = lines;
  const text = [first ?? "", ...rest.map((line) => (line === "" ? "" : indent + line))].join(style.eol) + style.eol + indent;
  return { start, end: start, text };
}

/** Quote a string literal in the file's quote style. Callers pass text built from code identifiers and fixed words only. */
export function quoted(value: string, style: CodeStyle): string {
  const escaped = value.replace(/\\/g, "\\\\").replace(new RegExp(style.quote, "g"), `\\${style.quote}`);
  return `${style.quote}${escaped}${style.quote}`;
}

/** `userProfile` → `user profile`: a readable noun from a code identifier. */
export function humanize(name: string): string {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/[_$]+/g, " ")
    .trim()
    .toLowerCase();
  return /^[a-z0-9 ]+$/.test(words) && words !== "" ? words : "record";
}
