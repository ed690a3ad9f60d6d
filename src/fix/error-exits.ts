import type * as t from "@babel/types";
import { type FunctionNode, type Node, calleeMember, endOf, humanize, isFunctionNode, memberPropertyName, startOf, textOf, unwrapTs, walk } from "./ast-tools.ts";
import { isLookupInit } from "./patterns/shared.ts";
import { statusOfHelperName } from "./response-helpers.ts";

// The ways a codebase already leaves a function on a client error, read from its own code rather
// than from a list of frameworks: `return json(404, …)`, `return { status: 404, body: … }`,
// `return { ok: false, error: … }`, `throw new HttpError(404, …)`, `throw new NotFoundError(…)`,
// `ctx.throw(404, …)`, `return reply.code(404).send(…)`, `res.status(404).json(…); return`, … Each
// one found becomes an example: the statement with its slots (status, message, error code) marked,
// so a fix can write the same statement for its own status and words.

export interface MessageSlot {
  /** A literal, or a sentence built by concatenation (`'no route for ' + path`), replaced whole. */
  node: t.StringLiteral | t.TemplateLiteral | t.BinaryExpression;
  /** `"truck_not_found"` is a code, `"order"` (in `notFound("order")`) names the record, anything else is a sentence. */
  role: "message" | "code" | "noun";
}

export interface ErrorExit {
  file: string;
  source: string;
  program: t.Program;
  /** The function the exit leaves; null at module level. */
  fn: FunctionNode | null;
  fnAncestors: readonly Node[];
  /** The exit: one statement, or a response write followed by its bare return. */
  statements: t.Statement[];
  /** Ancestors of the first statement. */
  ancestors: readonly Node[];
  /** The status it answers with, from a literal or from a name (`notFound`, `NotFoundError`); null for `{ ok: false }`. */
  status: number | null;
  statusNode: t.NumericLiteral | null;
  /** Every literal of that status in the exit (`reply.code(404).send({ statusCode: 404, … })`) and its reason phrase (`"Not Found"`). */
  statusNodes: t.NumericLiteral[];
  reasonNodes: t.StringLiteral[];
  /** Arguments after a message passed directly (`new HttpError(400, "…", { species })`): the example's own details, left out. */
  details: { start: number; end: number } | null;
  message: MessageSlot | null;
  /** An error code beside a message (`{ error: "not_found", message: "…" }`). */
  code: t.StringLiteral | null;
  via: "return" | "throw" | "response-object";
  /** Keys of the error body the exit answers with, when it builds one. */
  bodyKeys: string[] | null;
  /** The `if` the exit sits in, when it guards a value: `if (!pet) throw …` after `const pet = store.pets.get(id)`. */
  guard: {
    variable: string | null;
    lookup: Node | null;
    braced: boolean;
    test: Node;
    /** Names the test reads that the code declared just before from an expression: `key` of `const key = req.headers["x-key"]`. */
    subjects: { name: string; source: string }[];
  } | null;
}

/** Reason phrases, replaced along with the status (`{ statusCode: 404, error: "Not Found" }`). */
export const REASONS: ReadonlyMap<number, string> = new Map([
  [400, "Bad Request"],
  [401, "Unauthorized"],
  [403, "Forbidden"],
  [404, "Not Found"],
  [405, "Method Not Allowed"],
  [409, "Conflict"],
  [410, "Gone"],
  [413, "Payload Too Large"],
  [422, "Unprocessable Entity"],
  [429, "Too Many Requests"],
]);

const MESSAGE_KEYS = ["message", "msg", "detail", "details", "reason", "description", "title", "error", "errorMessage"];
const CODE_LIKE = /^[A-Za-z][A-Za-z0-9]*(?:[_-][A-Za-z0-9]+)+$|^[A-Z][A-Z0-9_]+$/;
const RESPONSE_WRITERS = new Set(["json", "send", "end", "sendStatus", "text", "html", "body"]);
const STATUS_SETTERS = new Set(["status", "code", "writeHead", "sendStatus", "statusCode"]);

function clientStatus(node: Node | null | undefined): t.NumericLiteral | null {
  if (!node) return null;
  const value = unwrapTs(node);
  return value.type === "NumericLiteral" && value.value >= 400 && value.value < 500 ? value : null;
}

function propertyNamed(object: t.ObjectExpression, names: readonly string[]): t.ObjectProperty | null {
  for (const property of object.properties) {
    if (property.type !== "ObjectProperty" || property.computed) continue;
    const key = property.key.type === "Identifier" ? property.key.name : property.key.type === "StringLiteral" ? property.key.value : null;
    if (key !== null && names.includes(key)) return property;
  }
  return null;
}

function keysOf(object: t.ObjectExpression): string[] {
  const keys: string[] = [];
  for (const property of object.properties) {
    if (property.type !== "ObjectProperty" || property.computed) continue;
    const key = property.key.type === "Identifier" ? property.key.name : property.key.type === "StringLiteral" ? property.key.value : null;
    if (key !== null) keys.push(key);
  }
  return keys;
}

/** An options object such as `{ status: 404, headers }`, not a body. */
function isResponseInit(object: t.ObjectExpression): boolean {
  const keys = keysOf(object);
  return keys.length > 0 && keys.every((key) => key === "status" || key === "headers" || key === "statusText");
}

interface Shape {
  status: number | null;
  statusNode: t.NumericLiteral | null;
  body: t.ObjectExpression | null;
}

/** The status and body of a call that answers: `json(404, b)`, `c.json(b, 404)`, `res.status(404).json(b)`, `Response.json(b, { status })`, `notFound(b)`. */
function callShape(call: t.CallExpression | t.NewExpression): Shape | null {
  let statusNode: t.NumericLiteral | null = null;
  let body: t.ObjectExpression | null = null;
  for (const argument of call.arguments) {
    const value = unwrapTs(argument);
    statusNode ??= clientStatus(value);
    if (value.type === "ObjectExpression") {
      if (isResponseInit(value)) statusNode ??= clientStatus(propertyNamed(value, ["status"])?.value);
      else {
        body ??= value;
        statusNode ??= clientStatus(propertyNamed(value, ["statusCode", "status"])?.value);
      }
    }
    if (value.type === "CallExpression" && calleeMember(value)?.object.type === "Identifier" && (calleeMember(value)!.object as t.Identifier).name === "JSON") {
      const inner = value.arguments[0];
      if (inner && inner.type === "ObjectExpression") body ??= inner;
    }
  }
  // A status set earlier in the chain: `res.status(404).json(...)`, `reply.code(404).send(...)`.
  let callee: Node = unwrapTs(call.callee);
  while (callee.type === "MemberExpression") {
    const object = unwrapTs(callee.object);
    if (object.type !== "CallExpression") break;
    const member = calleeMember(object);
    if (member && STATUS_SETTERS.has(member.name)) statusNode ??= clientStatus(object.arguments[0]);
    callee = unwrapTs(object.callee);
  }
  if (statusNode) return { status: statusNode.value, statusNode, body };
  const name = call.callee.type === "Identifier" ? call.callee.name : (calleeMember(call)?.name ?? null);
  const implied = name ? statusOfHelperName(name) : null;
  if (implied !== null && implied >= 400 && implied < 500) return { status: implied, statusNode: null, body };
  return null;
}

/** `{ status: 404, body }`, `{ statusCode: 400, body: JSON.stringify(b) }`, `{ ok: false, error }`. */
function objectShape(object: t.ObjectExpression): Shape | null {
  const statusNode = clientStatus(propertyNamed(object, ["status", "statusCode", "httpStatus"])?.value);
  const bodyValue = propertyNamed(object, ["body"])?.value;
  let body: t.ObjectExpression | null = null;
  if (bodyValue) {
    const value = unwrapTs(bodyValue);
    if (value.type === "ObjectExpression") body = value;
    else if (value.type === "CallExpression" && value.arguments[0]?.type === "ObjectExpression") body = value.arguments[0];
  }
  if (statusNode) return { status: statusNode.value, statusNode, body: body ?? object };
  const flag = propertyNamed(object, ["ok", "success"])?.value;
  if (flag && unwrapTs(flag).type === "BooleanLiteral" && (unwrapTs(flag) as t.BooleanLiteral).value === false) return { status: null, statusNode: null, body: object };
  return null;
}

function literalsIn(root: Node): (t.StringLiteral | t.TemplateLiteral)[] {
  const found: (t.StringLiteral | t.TemplateLiteral)[] = [];
  walk(root, (node, ancestors) => {
    const parent = ancestors[ancestors.length - 1];
    if (parent?.type === "ObjectProperty" && parent.key === node) return;
    if (node.type === "ObjectProperty" && !node.computed && node.key.type === "Identifier" && node.key.name === "headers") return false;
    if (isFunctionNode(node)) return false;
    if (node.type === "StringLiteral" || node.type === "TemplateLiteral") {
      found.push(node);
      return false;
    }
    return true;
  });
  return found;
}

function messageIn(root: Node, body: t.ObjectExpression | null): { message: MessageSlot | null; code: t.StringLiteral | null } {
  const text = (node: Node): node is t.StringLiteral | t.TemplateLiteral => node.type === "StringLiteral" || node.type === "TemplateLiteral";
  const valueOf = (node: t.StringLiteral | t.TemplateLiteral): string => (node.type === "StringLiteral" ? node.value : node.quasis.map((quasi) => quasi.value.cooked ?? "").join("…"));
  const slot = (node: t.StringLiteral | t.TemplateLiteral): MessageSlot => ({ node, role: CODE_LIKE.test(valueOf(node)) ? "code" : /^[a-z][a-z ]{0,30}$/.test(valueOf(node)) && !valueOf(node).includes(" ") ? "noun" : "message" });
  // In a body, the message key wins; a code-like `error` beside it is the code.
  const searchBody = (object: t.ObjectExpression): { message: MessageSlot | null; code: t.StringLiteral | null } | null => {
    const nested = propertyNamed(object, ["error"])?.value;
    if (nested && unwrapTs(nested).type === "ObjectExpression") return searchBody(unwrapTs(nested) as t.ObjectExpression);
    const messageProperty = propertyNamed(object, MESSAGE_KEYS.filter((key) => key !== "error"));
    const errorProperty = propertyNamed(object, ["error", "code", "errorCode"]);
    const messageValue = messageProperty ? unwrapTs(messageProperty.value) : null;
    const errorValue = errorProperty ? unwrapTs(errorProperty.value) : null;
    const sentence = (node: Node | null): node is t.BinaryExpression => !!node && node.type === "BinaryExpression" && node.operator === "+" && literalsIn(node).length > 0;
    if (messageValue && (text(messageValue) || sentence(messageValue))) {
      // Beside a message, a one-word `error` is a code (`conflict`, `not_found`, `NOT_FOUND`).
      const code = errorValue && errorValue.type === "StringLiteral" && /^[A-Za-z][A-Za-z0-9_-]*$/.test(errorValue.value) ? errorValue : null;
      return { message: { node: messageValue, role: "message" }, code };
    }
    if (errorValue && text(errorValue)) return { message: slot(errorValue), code: null };
    if (sentence(errorValue)) return { message: { node: errorValue, role: "message" }, code: null };
    return null;
  };
  if (body) {
    const found = searchBody(body);
    if (found) return found;
  }
  const first = literalsIn(root)[0];
  return { message: first ? slot(first) : null, code: null };
}

/** The `if` an exit statement is the whole consequent of, and what it guards. */
function guardOf(statement: t.Statement, ancestors: readonly Node[], source: string): ErrorExit["guard"] {
  let index = ancestors.length - 1;
  let braced = false;
  let parent = ancestors[index];
  if (parent?.type === "BlockStatement") {
    braced = true;
    index -= 1;
    parent = ancestors[index];
  }
  if (!parent || parent.type !== "IfStatement" || parent.alternate) return null;
  if (braced && (parent.consequent.type !== "BlockStatement" || !parent.consequent.body.includes(statement))) return null;
  const test = unwrapTs(parent.test);
  const tested = test.type === "UnaryExpression" && test.operator === "!" ? unwrapTs(test.argument) : null;
  const variable = tested?.type === "Identifier" ? tested.name : null;
  let lookup: Node | null = null;
  const subjects: { name: string; source: string }[] = [];
  const names = new Set<string>();
  walk(parent.test, (node) => {
    if (node.type === "Identifier") names.add(node.name);
  });
  const block = ancestors[index - 1];
  if (block && (block.type === "BlockStatement" || block.type === "Program")) {
    const position = (block.body as Node[]).indexOf(parent);
    for (const item of (block.body as Node[]).slice(0, position)) {
      if (item.type !== "VariableDeclaration") continue;
      for (const declarator of item.declarations) {
        if (declarator.id.type !== "Identifier" || !declarator.init) continue;
        if (declarator.id.name === variable && isLookupInit(declarator.init)) lookup = declarator.init;
        if (names.has(declarator.id.name)) subjects.push({ name: declarator.id.name, source: valueSource(declarator.init, source) });
      }
    }
  }
  return { variable, lookup, braced, test: parent.test, subjects };
}

/** An expression's text without whitespace or type assertions, to tell when two places read the same value. */
export function valueSource(node: Node, source: string): string {
  return textOf(source, unwrapTs(node)).replace(/\s+/g, "").replace(/'/g, '"');
}

function nearestFunction(ancestors: readonly Node[]): { fn: FunctionNode; index: number } | null {
  for (let index = ancestors.length - 1; index >= 0; index -= 1) {
    const node = ancestors[index]!;
    if (isFunctionNode(node)) return { fn: node, index };
  }
  return null;
}

/** A response write that answers with a client status: `res.status(404).json(...)`, `reply.code(400).send(...)`, `res.writeHead(404, …)`. */
function responseWrite(statement: t.Statement): Shape | null {
  if (statement.type !== "ExpressionStatement") return null;
  const expression = unwrapTs(statement.expression);
  if (expression.type !== "CallExpression") return null;
  const member = calleeMember(expression);
  if (!member || (!RESPONSE_WRITERS.has(member.name) && member.name !== "writeHead")) return null;
  return callShape(expression);
}

function leavesEarly(statement: Node, ancestors: readonly Node[]): boolean {
  for (let index = ancestors.length - 1; index >= 0; index -= 1) {
    const node = ancestors[index]!;
    if (isFunctionNode(node)) {
      // Not behind a test: the function must have some other way out.
      let others = false;
      walk(node.body, (inner) => {
        if (others) return false;
        if (isFunctionNode(inner)) return false;
        if (inner !== statement && inner.type === "ReturnStatement") others = true;
        return !others;
      });
      return others || node.body.type !== "BlockStatement" ? others : (node.body.body[node.body.body.length - 1] !== statement && node.body.body.length > 1);
    }
    if (node.type === "IfStatement" || node.type === "SwitchCase" || node.type === "ConditionalExpression" || node.type === "CatchClause") return true;
  }
  return true;
}

/** Every client-error exit in a file, in source order. */
export function findErrorExits(file: string, source: string, program: t.Program): ErrorExit[] {
  const exits: ErrorExit[] = [];
  const add = (statements: t.Statement[], live: readonly Node[], shape: Shape, via: ErrorExit["via"], root: Node): void => {
    // walk() reuses its ancestors array: keep a copy.
    const ancestors = [...live];
    const owner = nearestFunction(ancestors);
    const { message, code } = messageIn(root, shape.body);
    const statusNodes: t.NumericLiteral[] = [];
    const reasonNodes: t.StringLiteral[] = [];
    const reason = shape.status !== null ? REASONS.get(shape.status) : undefined;
    for (const statement of statements) {
      walk(statement, (node) => {
        if (node.type === "NumericLiteral" && node.value === shape.status) statusNodes.push(node);
        if (node.type === "StringLiteral" && reason && node.value === reason && node !== message?.node && node !== code) reasonNodes.push(node);
      });
    }
    let details: ErrorExit["details"] = null;
    if (message && (root.type === "CallExpression" || root.type === "NewExpression")) {
      const position = root.arguments.indexOf(message.node as t.Expression);
      const last = root.arguments[root.arguments.length - 1];
      if (position >= 0 && last && position < root.arguments.length - 1) details = { start: endOf(message.node), end: endOf(last) };
    }
    exits.push({
      file,
      source,
      program,
      fn: owner?.fn ?? null,
      fnAncestors: owner ? ancestors.slice(0, owner.index) : [],
      statements,
      ancestors,
      status: shape.status,
      statusNode: shape.statusNode,
      statusNodes,
      reasonNodes,
      details,
      message,
      code,
      via,
      bodyKeys: shape.body ? keysOf(shape.body) : null,
      guard: guardOf(statements[0]!, ancestors, source),
    });
  };
  walk(program, (node, ancestors) => {
    // An exit leaves early: it sits behind a test, or the function also answers otherwise. A
    // function that only ever answers an error (a `notFound()` helper) is not an example of leaving.
    if ((node.type === "ReturnStatement" || node.type === "ThrowStatement" || node.type === "ExpressionStatement") && !leavesEarly(node, ancestors)) return;
    if (node.type === "ReturnStatement" && node.argument) {
      let value = unwrapTs(node.argument);
      if (value.type === "AwaitExpression") value = unwrapTs(value.argument);
      const shape = value.type === "CallExpression" || value.type === "NewExpression" ? callShape(value) : value.type === "ObjectExpression" ? objectShape(value) : null;
      if (shape) add([node], ancestors, shape, "return", value);
      return;
    }
    if (node.type === "ThrowStatement") {
      const value = unwrapTs(node.argument);
      if (value.type !== "NewExpression" && value.type !== "CallExpression") return;
      const shape = callShape(value);
      if (shape && shape.status !== null) add([node], ancestors, { ...shape, body: null }, "throw", value);
      return;
    }
    if (node.type === "ExpressionStatement") {
      const expression = unwrapTs(node.expression);
      // Koa's ctx.throw(404, "…") throws by contract.
      if (expression.type === "CallExpression" && calleeMember(expression)?.name === "throw") {
        const status = clientStatus(expression.arguments[0]);
        if (status) add([node], ancestors, { status: status.value, statusNode: status, body: null }, "throw", expression);
        return;
      }
      const shape = responseWrite(node);
      if (!shape) return;
      // The write must be followed by leaving the function.
      const parent = ancestors[ancestors.length - 1];
      const list: readonly Node[] | null = parent?.type === "BlockStatement" || parent?.type === "Program" ? parent.body : parent?.type === "SwitchCase" ? parent.consequent : null;
      if (!list) return;
      let cursor = list.indexOf(node) + 1;
      const statements: t.Statement[] = [node];
      let root: Node = expression;
      // node:http writes the status, then ends the response with the body.
      if (calleeMember(expression)?.name === "writeHead") {
        const end = list[cursor];
        if (!end || end.type !== "ExpressionStatement" || calleeMember(unwrapTs(end.expression))?.name !== "end") return;
        statements.push(end);
        root = end.expression;
        cursor += 1;
      }
      const next = list[cursor];
      if (!next || next.type !== "ReturnStatement" || next.argument) return;
      statements.push(next);
      const body = root.type === "CallExpression" ? callShape(root)?.body ?? null : null;
      add(statements, ancestors, { ...shape, body: shape.body ?? body }, "response-object", root);
    }
  });
  return exits;
}

// ---- which exits fit which function ------------------------------------------------------------

export interface FunctionRole {
  /** The object a router registration is called on (`router` of `router.get("/x", fn)`). */
  registrar: string | null;
  /** Exported, or returned by an exported factory. */
  exported: boolean;
  paramNames: string[];
}

const ROUTE_METHODS = new Set(["get", "post", "put", "patch", "delete", "del", "head", "options", "all", "route", "add", "handle", "use", "on"]);

export function roleOf(fn: FunctionNode, ancestors: readonly Node[], source: string): FunctionRole {
  const paramNames = fn.params.map((param) => {
    const value = param.type === "AssignmentPattern" ? param.left : param;
    return value.type === "Identifier" ? value.name : value.type === "ObjectPattern" ? "{}" : "?";
  });
  let registrar: string | null = null;
  let exported = false;
  let child: Node = fn;
  for (let index = ancestors.length - 1; index >= 0; index -= 1) {
    const parent = ancestors[index]!;
    if (parent.type === "CallExpression" && parent.arguments.includes(child as t.Expression) && registrar === null) {
      const callee = unwrapTs(parent.callee);
      if (callee.type === "MemberExpression" && !callee.computed && callee.property.type === "Identifier" && ROUTE_METHODS.has(callee.property.name)) {
        registrar = textOf(source, callee.object).replace(/\s+/g, "");
      }
      break;
    }
    if (parent.type === "ExportNamedDeclaration" || parent.type === "ExportDefaultDeclaration") {
      exported = true;
      break;
    }
    if (parent.type === "ReturnStatement" || parent.type === "VariableDeclarator" || parent.type === "VariableDeclaration" || parent.type === "ObjectProperty" || parent.type === "AssignmentExpression") {
      if (parent.type === "AssignmentExpression" && /^(module\.)?exports\b/.test(textOf(source, parent.left))) {
        exported = true;
        break;
      }
      child = parent;
      continue;
    }
    if (parent.type === "BlockStatement" && ancestors[index - 1] && isFunctionNode(ancestors[index - 1]!)) {
      // Returned from a factory: the factory's own role decides.
      const factory = ancestors[index - 1] as FunctionNode;
      exported = roleOf(factory, ancestors.slice(0, index - 1), source).exported;
      break;
    }
    if (parent.type === "Program") break;
    child = parent;
  }
  if (!exported && fn.type === "FunctionDeclaration" && fn.id) exported = exportedByName(ancestors[0], fn.id.name);
  if (!exported && ancestors[ancestors.length - 1]?.type === "VariableDeclarator") {
    const declarator = ancestors[ancestors.length - 1] as t.VariableDeclarator;
    if (declarator.id.type === "Identifier") exported = exportedByName(ancestors[0], declarator.id.name);
  }
  return { registrar, exported, paramNames };
}

function exportedByName(program: Node | undefined, name: string): boolean {
  if (!program || program.type !== "Program") return false;
  return program.body.some((statement) => {
    if (statement.type === "ExportNamedDeclaration" && !statement.declaration) return statement.specifiers.some((specifier) => specifier.type === "ExportSpecifier" && specifier.local.name === name);
    if (statement.type !== "ExpressionStatement" || statement.expression.type !== "AssignmentExpression") return false;
    const { left, right } = statement.expression;
    const target = left.type === "MemberExpression" ? memberPropertyName(left) : null;
    if (target === name) return true;
    if (right.type === "Identifier" && right.name === name) return true;
    return right.type === "ObjectExpression" && right.properties.some((property) => property.type === "ObjectProperty" && property.value.type === "Identifier" && property.value.name === name);
  });
}

/** How alike two functions are in the part they play (0: not alike at all). */
export function likeness(example: FunctionRole, target: FunctionRole): number {
  let score = 0;
  if (example.registrar !== null && example.registrar === target.registrar) score += 2;
  else if (example.registrar !== null && target.registrar !== null) score += 1;
  if (example.exported && target.exported) score += 1;
  const sameParams = example.paramNames.length === target.paramNames.length && example.paramNames.every((name, index) => name === target.paramNames[index]);
  if (sameParams && example.paramNames.length > 0) score += 1;
  if (score > 0 && example.paramNames.length !== target.paramNames.length && example.registrar === null) score -= 1;
  return Math.max(0, score);
}

/** The noun of the record an exit's guard names (`pet` of `if (!pet)`). */
export function guardNoun(exit: ErrorExit): string | null {
  return exit.guard?.variable ? humanize(exit.guard.variable) : null;
}

/** Offsets of the exit's text in its file. */
export function exitRange(exit: ErrorExit): { start: number; end: number } {
  return { start: startOf(exit.statements[0]!), end: endOf(exit.statements[exit.statements.length - 1]!) };
}
