import type * as t from "@babel/types";
import {
  type FunctionNode,
  type Node,
  calleeMember,
  findBinding,
  isFunctionNode,
  unwrapTs,
  walk,
} from "./ast-tools.ts";
import {
  type ResponseKnowledge,
  NO_RESPONSE_KNOWLEDGE,
  declaresOtherThanResponse,
  declaresResponse,
  firstParamRole,
  isResponseExpression,
  returnedValues,
} from "./response-helpers.ts";

// Request handlers: which function around a culprit answers an HTTP request, and how (Express,
// node:http, fetch-style, Next.js route exports, Hono). A fix inside one can answer a missing
// record or a bad body with a 4xx response instead of crashing (see error-response.ts).

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
