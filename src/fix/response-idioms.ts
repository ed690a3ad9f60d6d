import type * as t from "@babel/types";
import { type FunctionNode, type Node, calleeMember, isFunctionNode, startOf, unwrapTs, walk } from "./ast-tools.ts";
import type { RequestHandler } from "./request-handler.ts";

// The way code already writes HTTP responses (`res.status(404).json(...)`, `Response.json(...)`,
// `new Response(...)`, `c.json(...)`): found in a handler or its file, so an added error response
// is written the same way.

export type Idiom =
  | { kind: "express"; method: "json" | "send"; stringBody: boolean; returned: boolean }
  | { kind: "express-status-only"; returned: boolean }
  | { kind: "node-http"; headers: Node | null; json: boolean; returned: boolean }
  | { kind: "next-json" }
  | { kind: "response-json"; headers: Node | null }
  | { kind: "new-response"; json: boolean; headers: Node | null }
  | { kind: "hono" };

export interface IdiomFound {
  idiom: Idiom;
  status: number | null;
  body: Node | null;
  fn: FunctionNode | null;
}

export function statusValue(node: Node | null | undefined): number | null {
  if (!node) return null;
  const value = unwrapTs(node);
  return value.type === "NumericLiteral" ? value.value : null;
}

export function objectProperty(node: Node | null | undefined, key: string): t.ObjectProperty | null {
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

export function idiomsIn(root: Node, handler: RequestHandler, rootFn: FunctionNode | null): IdiomFound[] {
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
export function pickIdiom(found: readonly IdiomFound[]): IdiomFound | null {
  const json = (item: IdiomFound): boolean => (item.idiom.kind === "new-response" || item.idiom.kind === "node-http" ? item.idiom.json : !(item.idiom.kind === "express" && item.idiom.stringBody));
  return found.find((item) => item.status !== null && item.status >= 400) ?? found.find(json) ?? found[0] ?? null;
}

/** The key an error body uses in this code (`error`, `message`, ...), read from an existing error response. */
export function errorKey(found: readonly IdiomFound[]): string {
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

/** The idiom of a handler kind when neither the handler nor its file shows one. */
export function defaultIdiom(handler: RequestHandler, program: t.Program): Idiom {
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
