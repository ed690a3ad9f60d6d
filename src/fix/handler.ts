import type * as t from "@babel/types";
import {
  type CodeStyle,
  type FunctionNode,
  type Node,
  endOf,
  endStatement,
  findBinding,
  isFunctionNode,
  quoted,
  startOf,
  textOf,
  unwrapTs,
  walk,
} from "./ast-tools.ts";
import {
  type ResponseHelper,
  type ResponseKnowledge,
  NO_RESPONSE_KNOWLEDGE,
  declaresOtherThanResponse,
  declaresResponse,
  firstParamRole,
  isResponseExpression,
  returnedValues,
} from "./response-helpers.ts";
import type { Splice } from "./splice.ts";

// Request handlers and the way each one already answers. A fix inside a handler answers a missing
// record or a bad body with a 4xx response written the way that handler (or its file) already
// writes responses, so the patch reads like the surrounding code.

export type HandlerKind = "express" | "node-http" | "fetch" | "next" | "hono";

export interface RequestHandler {
  fn: FunctionNode;
  kind: HandlerKind;
  /** Names bound from the request side of the signature (everything except the response object). */
  requestNames: ReadonlySet<string>;
  /** The response object of Express / node:http handlers. */
  responseName: string | null;
  /** Hono's context parameter. */
  contextName: string | null;
}

const HTTP_METHODS = new Set(["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"]);
const RESPONSE_METHODS = new Set(["status", "json", "send", "sendStatus", "redirect", "render", "writeHead", "end", "setHeader", "sendFile"]);

function paramName(param: Node | undefined): string | null {
  if (!param) return null;
  if (param.type === "Identifier") return param.name;
  if (param.type === "AssignmentPattern" && param.left.type === "Identifier") return param.left.name;
  return null;
}

function paramNames(params: readonly Node[]): string[] {
  const names: string[] = [];
  const collect = (node: Node | null | undefined): void => {
    if (!node) return;
    if (node.type === "Identifier") names.push(node.name);
    else if (node.type === "ObjectPattern") for (const property of node.properties) collect(property.type === "RestElement" ? property.argument : property.value);
    else if (node.type === "ArrayPattern") for (const element of node.elements) collect(element);
    else if (node.type === "AssignmentPattern") collect(node.left);
    else if (node.type === "RestElement") collect(node.argument);
  };
  for (const param of params) collect(param);
  return names;
}

function calleeMember(node: Node): { object: Node; name: string } | null {
  if (node.type !== "CallExpression" && node.type !== "OptionalCallExpression") return null;
  const callee = unwrapTs(node.callee);
  if ((callee.type === "MemberExpression" || callee.type === "OptionalMemberExpression") && !callee.computed && callee.property.type === "Identifier") {
    return { object: unwrapTs(callee.object), name: callee.property.name };
  }
  return null;
}

function usesResponseObject(fn: FunctionNode, name: string): { used: boolean; nodeHttp: boolean; express: boolean } {
  let express = false;
  let nodeHttp = false;
  walk(fn.body, (node) => {
    const member = calleeMember(node);
    if (member && member.object.type === "Identifier" && member.object.name === name && RESPONSE_METHODS.has(member.name)) {
      if (member.name === "writeHead" || member.name === "end" || member.name === "setHeader") nodeHttp = true;
      else express = true;
    }
    if (
      node.type === "AssignmentExpression" &&
      node.left.type === "MemberExpression" &&
      node.left.object.type === "Identifier" &&
      node.left.object.name === name &&
      node.left.property.type === "Identifier" &&
      node.left.property.name === "statusCode"
    ) {
      nodeHttp = true;
    }
  });
  return { used: express || nodeHttp, nodeHttp: nodeHttp && !express, express };
}

/**
 * A function that answers with a web Response: it declares one (`: Response`, `: Promise<Response>`)
 * or returns one (`new Response`, `Response.json`, `NextResponse.*`, a call of a known responder
 * such as an imported `json()` helper). A response helper (`notFound(what)`) answers too but takes
 * no request, so it is not a handler: its first parameter decides.
 */
function answersWithResponse(fn: FunctionNode, knowledge: ResponseKnowledge): boolean {
  if (firstParamRole(fn) !== "request") return false;
  if (declaresResponse(fn)) return true;
  if (declaresOtherThanResponse(fn)) return false;
  return returnedValues(fn).some((value) => isResponseExpression(value, knowledge.responders));
}

const REGISTRATION_METHODS = new Set(["add", "get", "post", "put", "patch", "delete", "del", "head", "options", "all", "route", "handle"]);

/** A route path (`/users/:id`, `*`) or an HTTP method (`GET`): what tells `router.get("/x", fn)` from `cache.get("key", loader)`. */
function isRouteString(node: Node): boolean {
  const value = node.type === "StringLiteral" ? node.value : node.type === "TemplateLiteral" ? (node.quasis[0]?.value.cooked ?? "") : null;
  if (value === null) return false;
  return value.startsWith("/") || value === "*" || HTTP_METHODS.has(value.toUpperCase());
}

/**
 * Passed to a router registration as its last argument after a path or method string:
 * `router.add("GET", "/users/:id", getUser)`, `app.post("/orders", auth, createOrder)`, inline or by
 * name. It must answer with a value (a Koa-style `ctx.body = ...` handler returns nothing and is not
 * a fetch-style handler), and an Express-style `(req, res)` signature is left to the Express rules.
 */
function isRegistered(fn: FunctionNode, ancestors: readonly Node[], index: number): boolean {
  const second = paramName(fn.params[1]);
  if (second && /^_?(res|response|reply)$/.test(second)) return false;
  if (declaresOtherThanResponse(fn) || !(declaresResponse(fn) || returnedValues(fn).some((value) => value !== null))) return false;
  const registers = (call: Node, argument: Node): boolean => {
    if (call.type !== "CallExpression" || call.arguments.length < 2 || call.arguments[call.arguments.length - 1] !== argument) return false;
    const callee = unwrapTs(call.callee);
    if (callee.type !== "MemberExpression" || callee.computed || callee.property.type !== "Identifier" || !REGISTRATION_METHODS.has(callee.property.name)) return false;
    return isRouteString(call.arguments[0]!);
  };
  const parent = ancestors[index - 1];
  if (parent && registers(parent, fn)) return true;
  const name = fn.type === "FunctionDeclaration" ? fn.id?.name : parent?.type === "VariableDeclarator" && parent.id.type === "Identifier" ? parent.id.name : null;
  const program = ancestors[0];
  if (!name || !program || program.type !== "Program") return false;
  let found = false;
  walk(program, (node, nodeAncestors) => {
    if (found) return false;
    if (node.type !== "Identifier" || node.name !== name) return true;
    const call = nodeAncestors[nodeAncestors.length - 1];
    if (!call || !registers(call, node)) return true;
    const binding = findBinding(name, nodeAncestors);
    if (!binding) return true;
    if (binding.kind === "function" && binding.node === fn) found = true;
    if ((binding.kind === "const" || binding.kind === "let") && binding.declarator.init && unwrapTs(binding.declarator.init) === fn) found = true;
    return true;
  });
  return found;
}

function isNextRouteExport(fn: FunctionNode, parent: Node | undefined, grandparent: Node | undefined, greatGrandparent: Node | undefined): boolean {
  if (fn.type === "FunctionDeclaration") return parent?.type === "ExportNamedDeclaration" && !!fn.id && HTTP_METHODS.has(fn.id.name);
  return (
    parent?.type === "VariableDeclarator" &&
    parent.id.type === "Identifier" &&
    HTTP_METHODS.has(parent.id.name) &&
    grandparent?.type === "VariableDeclaration" &&
    greatGrandparent?.type === "ExportNamedDeclaration"
  );
}

function isServeArgument(parent: Node | undefined): boolean {
  if (!parent || parent.type !== "CallExpression") return false;
  const callee = unwrapTs(parent.callee);
  if (callee.type === "Identifier") return callee.name === "serve";
  return (
    callee.type === "MemberExpression" &&
    callee.object.type === "Identifier" &&
    (callee.object.name === "Deno" || callee.object.name === "Bun") &&
    callee.property.type === "Identifier" &&
    callee.property.name === "serve"
  );
}

function isFetchMethod(fn: FunctionNode, parent: Node | undefined): boolean {
  if (fn.type === "ObjectMethod") return fn.key.type === "Identifier" && fn.key.name === "fetch";
  return parent?.type === "ObjectProperty" && parent.key.type === "Identifier" && parent.key.name === "fetch";
}

function honoContext(fn: FunctionNode): string | null {
  if (fn.params.length !== 1 && fn.params.length !== 2) return null;
  const name = paramName(fn.params[0]);
  if (!name) return null;
  // Hono answers with `return c.json(body, status)`; a request's own `req.json()` takes no arguments.
  let answers = false;
  walk(fn.body, (node) => {
    if (node.type !== "ReturnStatement" || !node.argument) return;
    const member = calleeMember(node.argument);
    const args = (node.argument as t.CallExpression).arguments;
    if (member && member.object.type === "Identifier" && member.object.name === name && ["json", "text", "html"].includes(member.name) && args.length > 0) answers = true;
  });
  return answers ? name : null;
}

/**
 * The innermost function around a node that is a request handler, with its kind. `knowledge` names
 * the functions known to return a Response (see findResponseHelpers): a function returning their
 * calls is a fetch-style handler too.
 */
export function findHandler(ancestors: readonly Node[], knowledge: ResponseKnowledge = NO_RESPONSE_KNOWLEDGE): RequestHandler | null {
  for (let index = ancestors.length - 1; index >= 0; index -= 1) {
    const fn = ancestors[index]!;
    if (!isFunctionNode(fn)) continue;
    const parent = ancestors[index - 1];
    const names = paramNames(fn.params);
    const second = paramName(fn.params[1]);
    if (second) {
      const usage = usesResponseObject(fn, second);
      if (usage.used) {
        return {
          fn,
          kind: usage.nodeHttp ? "node-http" : "express",
          requestNames: new Set(names.filter((name) => name !== second && name !== "next")),
          responseName: second,
          contextName: null,
        };
      }
    }
    const context = honoContext(fn);
    if (context) return { fn, kind: "hono", requestNames: new Set([context]), responseName: null, contextName: context };
    if (isNextRouteExport(fn, parent, ancestors[index - 2], ancestors[index - 3])) {
      return { fn, kind: "next", requestNames: new Set(names), responseName: null, contextName: null };
    }
    if (isServeArgument(parent) || isFetchMethod(fn, parent) || answersWithResponse(fn, knowledge) || isRegistered(fn, ancestors, index)) {
      return { fn, kind: "fetch", requestNames: new Set(names), responseName: null, contextName: null };
    }
  }
  return null;
}

// ---- response idioms ----------------------------------------------------------------------------

type Idiom =
  | { kind: "express"; method: "json" | "send"; stringBody: boolean; returned: boolean }
  | { kind: "express-status-only"; returned: boolean }
  | { kind: "node-http"; headers: Node | null; json: boolean; returned: boolean }
  | { kind: "next-json" }
  | { kind: "response-json"; headers: Node | null }
  | { kind: "new-response"; json: boolean; headers: Node | null }
  | { kind: "hono" };

interface IdiomFound {
  idiom: Idiom;
  status: number | null;
  body: Node | null;
  fn: FunctionNode | null;
}

function statusValue(node: Node | null | undefined): number | null {
  if (!node) return null;
  const value = unwrapTs(node);
  return value.type === "NumericLiteral" ? value.value : null;
}

function objectProperty(node: Node | null | undefined, key: string): t.ObjectProperty | null {
  if (!node || node.type !== "ObjectExpression") return null;
  for (const property of node.properties) {
    if (property.type === "ObjectProperty" && !property.computed) {
      const name = property.key.type === "Identifier" ? property.key.name : property.key.type === "StringLiteral" ? property.key.value : null;
      if (name === key) return property;
    }
  }
  return null;
}

function isJsonStringify(node: Node | null | undefined): boolean {
  if (!node) return false;
  const member = calleeMember(node);
  return !!member && member.object.type === "Identifier" && member.object.name === "JSON" && member.name === "stringify";
}

function isReturned(ancestors: readonly Node[], node: Node): boolean {
  const parent = ancestors[ancestors.length - 1];
  if (!parent) return false;
  if (parent.type === "ReturnStatement") return true;
  return parent.type === "ArrowFunctionExpression" && parent.body === node;
}

function idiomsIn(root: Node, handler: RequestHandler, rootFn: FunctionNode | null): IdiomFound[] {
  const found: IdiomFound[] = [];
  const fnOf = (ancestors: readonly Node[]): FunctionNode | null => {
    for (let index = ancestors.length - 1; index >= 0; index -= 1) if (isFunctionNode(ancestors[index]!)) return ancestors[index] as FunctionNode;
    return rootFn;
  };
  const writesResponse = handler.kind === "express" || handler.kind === "node-http";
  walk(root, (node, ancestors) => {
    if (writesResponse) {
      const member = calleeMember(node);
      if (member && (member.name === "json" || member.name === "send")) {
        const inner = calleeMember(member.object);
        if (inner && inner.name === "status" && inner.object.type === "Identifier" && member.object.type === "CallExpression") {
          const args = (node as t.CallExpression).arguments;
          found.push({
            idiom: { kind: "express", method: member.name, stringBody: args[0]?.type === "StringLiteral" || args[0]?.type === "TemplateLiteral", returned: isReturned(ancestors, node) },
            status: statusValue(member.object.arguments[0]),
            body: args[0] ?? null,
            fn: fnOf(ancestors),
          });
        }
      }
      if (member && member.name === "sendStatus" && member.object.type === "Identifier") {
        found.push({ idiom: { kind: "express-status-only", returned: isReturned(ancestors, node) }, status: statusValue((node as t.CallExpression).arguments[0]), body: null, fn: fnOf(ancestors) });
      }
      if (member && member.name === "writeHead" && member.object.type === "Identifier") {
        const call = node as t.CallExpression;
        const fn = fnOf(ancestors);
        let json = false;
        let returned = false;
        const resName = member.object.name;
        if (fn) {
          walk(fn.body, (inner, innerAncestors) => {
            const end = calleeMember(inner);
            if (end && end.name === "end" && end.object.type === "Identifier" && end.object.name === resName && startOf(inner) > startOf(call)) {
              if (isJsonStringify((inner as t.CallExpression).arguments[0])) json = true;
              if (isReturned(innerAncestors, inner)) returned = true;
            }
          });
        }
        const headers = call.arguments[1] && call.arguments[1].type !== "SpreadElement" ? call.arguments[1] : null;
        found.push({ idiom: { kind: "node-http", headers, json, returned }, status: statusValue(call.arguments[0]), body: null, fn });
      }
      return;
    }
    const member = calleeMember(node);
    if (member && member.object.type === "Identifier" && member.name === "json") {
      const args = (node as t.CallExpression).arguments;
      const init = args[1] ?? null;
      if (member.object.name === "NextResponse") {
        found.push({ idiom: { kind: "next-json" }, status: statusValue(objectProperty(init, "status")?.value), body: args[0] ?? null, fn: fnOf(ancestors) });
      } else if (member.object.name === "Response") {
        found.push({ idiom: { kind: "response-json", headers: objectProperty(init, "headers") }, status: statusValue(objectProperty(init, "status")?.value), body: args[0] ?? null, fn: fnOf(ancestors) });
      } else if (handler.contextName && member.object.name === handler.contextName) {
        found.push({ idiom: { kind: "hono" }, status: statusValue(args[1]), body: args[0] ?? null, fn: fnOf(ancestors) });
      }
    }
    if (node.type === "NewExpression" && node.callee.type === "Identifier" && node.callee.name === "Response") {
      const init = node.arguments[1] ?? null;
      const body = node.arguments[0] ?? null;
      found.push({
        idiom: { kind: "new-response", json: isJsonStringify(body), headers: objectProperty(init, "headers") },
        status: statusValue(objectProperty(init, "status")?.value),
        body: body && isJsonStringify(body) ? ((body as t.CallExpression).arguments[0] ?? null) : body,
        fn: fnOf(ancestors),
      });
    }
  });
  return found;
}

/** An existing error response is the best model; then one with a JSON body (a CORS preflight's "ok" is not). */
function pickIdiom(found: readonly IdiomFound[]): IdiomFound | null {
  const json = (item: IdiomFound): boolean => (item.idiom.kind === "new-response" || item.idiom.kind === "node-http" ? item.idiom.json : !(item.idiom.kind === "express" && item.idiom.stringBody));
  return found.find((item) => item.status !== null && item.status >= 400) ?? found.find(json) ?? found[0] ?? null;
}

/** The key an error body uses in this code (`error`, `message`, ...), read from an existing error response. */
function errorKey(found: readonly IdiomFound[]): string {
  for (const item of found) {
    if (item.status === null || item.status < 400 || !item.body || item.body.type !== "ObjectExpression") continue;
    for (const property of item.body.properties) {
      if (property.type !== "ObjectProperty" || property.computed || property.key.type !== "Identifier") continue;
      if (["error", "message", "msg", "detail", "reason"].includes(property.key.name)) return property.key.name;
    }
  }
  return "error";
}

function importsName(program: t.Program, name: string): boolean {
  return program.body.some((statement) => statement.type === "ImportDeclaration" && statement.specifiers.some((specifier) => specifier.local.name === name));
}

export interface ResponseSite {
  /** Ancestors of the statement the response will be inserted next to (used to check names resolve). */
  ancestors: readonly Node[];
  /** Offset where the response code will be inserted: names it uses must be declared before it. */
  offset: number;
}

/** Headers are copied only when every name they use is visible and initialised at the insertion point. */
function headersUsable(headers: Node, site: ResponseSite): boolean {
  let ok = true;
  walk(headers, (node, ancestors) => {
    if (node.type !== "Identifier") return;
    const parent = ancestors[ancestors.length - 1];
    if (parent && (parent.type === "ObjectProperty" && parent.key === node && !parent.computed && !parent.shorthand)) return;
    if (parent && parent.type === "MemberExpression" && parent.property === node && !parent.computed) return;
    if (parent && parent.type === "ObjectProperty" && parent.shorthand && headers === parent && parent.key === node) return;
    const binding = findBinding(node.name, site.ancestors);
    if (!binding) {
      ok = false;
      return;
    }
    if ((binding.kind === "const" || binding.kind === "let") && endOf(binding.declaration) > site.offset) ok = false;
  });
  return ok;
}

/** The error a fix answers with. Texts are fixed words or built from code identifiers, never from the error message. */
export interface ErrorAnswer {
  status: number;
  /** The text of a hand-built error body (`{ error: "user not found" }`). */
  message: string;
  /** The sentence for a helper that takes a message (`badRequest("request body must be valid JSON")`); defaults to message. */
  helperMessage?: string;
  /** The record a not-found helper names (`notFound("user")`). */
  subject?: string;
}

export interface ErrorResponse {
  /** Statements that answer and leave the handler; the last one is a `return`. */
  lines: string[];
  /** Other edits the answer needs (a helper added to an existing import), against the original source. */
  splices: Splice[];
}

/**
 * The answer in the style the code already uses. Handlers that return Responses and call response
 * helpers answer with a helper whose name says the status (`notFound`, `badRequest`), importing it
 * from a module the file already imports when only that module has it, else with a `json(body,
 * status)` helper; a handler whose own body builds error Responses by hand, and every other kind of
 * handler, keeps its own idiom.
 */
export function errorResponse(handler: RequestHandler, program: t.Program, answer: ErrorAnswer, style: CodeStyle, source: string, site: ResponseSite, knowledge: ResponseKnowledge = NO_RESPONSE_KNOWLEDGE): ErrorResponse {
  if (handler.kind === "fetch" || handler.kind === "next") {
    const handBuilt = idiomsIn(handler.fn.body, handler, handler.fn).some((item) => item.status !== null && item.status >= 400 && item.idiom.kind !== "hono");
    const helper = handBuilt ? null : helperResponse(program, answer, style, site, knowledge);
    if (helper) return helper;
  }
  return { lines: errorResponseLines(handler, program, answer.status, answer.message, style, source, site), splices: [] };
}

const ERROR_CODES: ReadonlyMap<number, string> = new Map([
  [400, "bad_request"],
  [401, "unauthorized"],
  [403, "forbidden"],
  [404, "not_found"],
  [409, "conflict"],
  [422, "unprocessable_entity"],
]);

/** A module-level name usable at the insertion point (not shadowed there by a local of the same name). */
export function visibleAt(name: string, site: ResponseSite): boolean {
  const binding = findBinding(name, site.ancestors);
  if (!binding) return false;
  if (binding.kind === "import") return true;
  if (binding.kind === "function") return site.ancestors[0]?.type === "Program" && (site.ancestors[0] as t.Program).body.some((statement) => statement === binding.node || (statement.type === "ExportNamedDeclaration" && statement.declaration === binding.node));
  return (binding.kind === "const" || binding.kind === "let") && binding.owner.type === "Program";
}

function helperArgument(helper: ResponseHelper, answer: ErrorAnswer, style: CodeStyle): string | null {
  switch (helper.argument) {
    case "none":
      return "";
    case "noun":
      return answer.subject ? quoted(answer.subject, style) : null;
    case "message":
      return quoted(answer.helperMessage ?? answer.message, style);
    default:
      return null;
  }
}

/** Calls of `name` in the file with a numeric status second argument: `json({ error: ... }, 409)`. */
function statusCalls(program: t.Program, name: string): { status: number; body: Node }[] {
  const calls: { status: number; body: Node }[] = [];
  walk(program, (node) => {
    if (node.type !== "CallExpression" || node.callee.type !== "Identifier" || node.callee.name !== name) return;
    const [body, status] = node.arguments;
    const value = status ? statusValue(status) : null;
    if (body && value !== null && body.type !== "SpreadElement" && body.type !== "ArgumentPlaceholder") calls.push({ status: value, body });
  });
  return calls;
}

/** `{ error: "not_found", message: "user not found" }` when the file's error bodies pair a code with a message, else `{ <key>: "user not found" }`. */
function helperBody(calls: readonly { status: number; body: Node }[], answer: ErrorAnswer, style: CodeStyle): string {
  const errors = calls.filter((call) => call.status >= 400 && call.body.type === "ObjectExpression");
  const code = ERROR_CODES.get(answer.status);
  const paired = errors.some((call) => {
    const error = objectProperty(call.body, "error")?.value;
    return !!error && error.type === "StringLiteral" && /^[a-z][a-z0-9_]*$/.test(error.value) && !!objectProperty(call.body, "message");
  });
  const text = quoted(answer.helperMessage ?? answer.message, style);
  if (paired && code) return `{ error: ${quoted(code, style)}, message: ${text} }`;
  const key = errorKey(errors.map((call) => ({ idiom: { kind: "hono" }, status: call.status, body: call.body, fn: null })));
  return `{ ${key}: ${text} }`;
}

function helperResponse(program: t.Program, answer: ErrorAnswer, style: CodeStyle, site: ResponseSite, knowledge: ResponseKnowledge): ErrorResponse | null {
  const end = (line: string): string => endStatement(line, style);
  const callable = (helper: ResponseHelper): boolean => helper.required <= (helper.argument === "none" ? 0 : 1);
  // A helper whose name says this status, already in reach.
  for (const helper of knowledge.helpers) {
    if (helper.origin === "importable" || helper.status !== answer.status || !callable(helper) || !visibleAt(helper.name, site)) continue;
    const argument = helperArgument(helper, answer, style);
    if (argument !== null) return { lines: [end(`return ${helper.name}(${argument})`)], splices: [] };
  }
  // The same, exported by a module the file already imports from: one more name in that import.
  for (const helper of knowledge.helpers) {
    if (helper.origin !== "importable" || helper.status !== answer.status || !callable(helper) || !helper.importDeclaration) continue;
    const argument = helperArgument(helper, answer, style);
    const splice = argument === null ? null : addNamedImport(helper.importDeclaration, helper.name);
    if (splice) return { lines: [end(`return ${helper.name}(${argument})`)], splices: [splice] };
  }
  // A generic `json(body, status)` helper the file uses.
  for (const helper of knowledge.helpers) {
    if (helper.origin === "importable" || helper.status !== null || helper.argument !== "body" || !helper.takesStatus || helper.required > 2 || !visibleAt(helper.name, site)) continue;
    const body = helperBody(statusCalls(program, helper.name), answer, style);
    return { lines: [end(`return ${helper.name}(${body}, ${answer.status})`)], splices: [] };
  }
  return null;
}

/** `import { json, notFound } from "..."` + `badRequest`: kept in order when the list is sorted, else appended. */
function addNamedImport(declaration: t.ImportDeclaration, name: string): Splice | null {
  const named = declaration.specifiers.filter((specifier): specifier is t.ImportSpecifier => specifier.type === "ImportSpecifier");
  if (named.length === 0 || named.length !== declaration.specifiers.length - (declaration.specifiers[0]?.type === "ImportDefaultSpecifier" ? 1 : 0)) return null;
  const names = named.map((specifier) => specifier.local.name);
  const key = (value: string): string => value.toLowerCase();
  const sorted = names.every((value, index) => index === 0 || key(names[index - 1]!) <= key(value));
  const before = sorted ? named.find((specifier) => key(specifier.local.name) > key(name)) : undefined;
  if (before) return { start: startOf(before), end: startOf(before), text: `${name}, ` };
  const last = named[named.length - 1]!;
  return { start: endOf(last), end: endOf(last), text: `, ${name}` };
}

/**
 * Statements that send an error response from this handler, in its own idiom. The last statement
 * leaves the handler (a `return`), so the caller can place them behind a guard.
 */
export function errorResponseLines(handler: RequestHandler, program: t.Program, status: number, message: string, style: CodeStyle, source: string, site: ResponseSite): string[] {
  const own = idiomsIn(handler.fn.body, handler, handler.fn);
  const compatible = (item: IdiomFound): boolean => {
    if (handler.kind === "express" || handler.kind === "node-http") return item.idiom.kind === "express" || item.idiom.kind === "express-status-only" || item.idiom.kind === "node-http";
    if (handler.kind === "hono") return item.idiom.kind === "hono";
    return item.idiom.kind === "next-json" || item.idiom.kind === "response-json" || item.idiom.kind === "new-response";
  };
  const ownPick = pickIdiom(own.filter(compatible));
  const fileFound = idiomsIn(program, handler, null).filter(compatible);
  const picked = ownPick ?? pickIdiom(fileFound);
  // The error key follows this handler's error responses first, then the file's.
  const key = errorKey([...own, ...fileFound]);
  const text = quoted(message, style);
  const body = `{ ${key}: ${text} }`;
  const end = (line: string): string => endStatement(line, style);
  const res = handler.responseName ?? "res";
  const headerText = (headers: Node | null): string => (headers && headersUsable(headers, site) ? `, ${textOf(source, headers)}` : "");

  const idiom: Idiom = picked?.idiom ?? defaultIdiom(handler, program);
  switch (idiom.kind) {
    case "express": {
      const payload = idiom.method === "send" && idiom.stringBody ? text : body;
      const call = `${res}.status(${status}).${idiom.method}(${payload})`;
      return idiom.returned ? [end(`return ${call}`)] : [end(call), end("return")];
    }
    case "express-status-only": {
      const call = `${res}.sendStatus(${status})`;
      return idiom.returned ? [end(`return ${call}`)] : [end(call), end("return")];
    }
    case "node-http": {
      const jsonHeaders = `, { ${quoted("Content-Type", style)}: ${quoted("application/json", style)} }`;
      const headers = !picked ? jsonHeaders : idiom.headers && headersUsable(idiom.headers, site) ? `, ${textOf(source, idiom.headers)}` : "";
      const payload = idiom.json ? `JSON.stringify(${body})` : text;
      const endCall = `${res}.end(${payload})`;
      const head = end(`${res}.writeHead(${status}${headers})`);
      return idiom.returned ? [head, end(`return ${endCall}`)] : [head, end(endCall), end("return")];
    }
    case "next-json":
      return [end(`return NextResponse.json(${body}, { status: ${status} })`)];
    case "response-json":
      return [end(`return Response.json(${body}, { status: ${status}${headerText(idiom.headers)} })`)];
    case "new-response": {
      const payload = idiom.json ? `JSON.stringify(${body})` : text;
      const headers = picked ? headerText(idiom.headers) : `, headers: { ${quoted("Content-Type", style)}: ${quoted("application/json", style)} }`;
      return [end(`return new Response(${payload}, { status: ${status}${headers} })`)];
    }
    case "hono":
      return [end(`return ${handler.contextName ?? "c"}.json(${body}, ${status})`)];
  }
}

function defaultIdiom(handler: RequestHandler, program: t.Program): Idiom {
  switch (handler.kind) {
    case "express":
      return { kind: "express", method: "json", stringBody: false, returned: true };
    case "node-http":
      return { kind: "node-http", headers: null, json: true, returned: false };
    case "hono":
      return { kind: "hono" };
    case "next":
      return importsName(program, "NextResponse") ? { kind: "next-json" } : { kind: "response-json", headers: null };
    case "fetch":
      return { kind: "new-response", json: true, headers: null };
  }
}

/** `if (cond) <statement>` on one line, or a braced block for several statements. */
export function guardLines(condition: string, body: readonly string[], style: CodeStyle): string[] {
  if (body.length === 1) return [`if (${condition}) ${body[0]}`];
  return [`if (${condition}) {`, ...body.map((line) => style.indentUnit + line), "}"];
}
