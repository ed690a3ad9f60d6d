import type * as t from "@babel/types";
import { isFunctionNode, textOf, walk } from "../fix/ast-tools.ts";

// Next.js App Router route handlers: `app/**/route.ts` exporting GET, POST, … as
// `(request, { params })`. The URL a route answers comes from its folders: `[id]` is a
// parameter, `[...slug]` a catch-all, `[[...slug]]` an optional catch-all, `(group)` folders and
// `@slot` folders are not part of the URL. Next 15 passes `params` as a Promise, Next 14 as a
// plain object; the handler's own code says which one it expects.

export const ROUTE_FILE = /(?:^|\/)app\/(?:(.*)\/)?route\.[cm]?[jt]sx?$/;
export const HTTP_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;

export type RouteSegment = { kind: "static"; value: string } | { kind: "param"; name: string } | { kind: "catch-all"; name: string; optional: boolean };

export function isRouteFile(path: string): boolean {
  return ROUTE_FILE.test(path) && !/(?:^|\/)node_modules\//.test(path);
}

/** The URL segments a route file answers; null when the path is not a route file. */
export function routeSegments(path: string): RouteSegment[] | null {
  const match = ROUTE_FILE.exec(path);
  if (!match) return null;
  const folders = (match[1] ?? "").split("/").filter((folder) => folder !== "");
  const segments: RouteSegment[] = [];
  for (const folder of folders) {
    if (/^\(.*\)$/.test(folder) || folder.startsWith("@")) continue;
    const optional = /^\[\[\.\.\.([^\]]+)\]\]$/.exec(folder);
    if (optional) {
      segments.push({ kind: "catch-all", name: optional[1]!, optional: true });
      continue;
    }
    const catchAll = /^\[\.\.\.([^\]]+)\]$/.exec(folder);
    if (catchAll) {
      segments.push({ kind: "catch-all", name: catchAll[1]!, optional: false });
      continue;
    }
    const param = /^\[([^\]]+)\]$/.exec(folder);
    if (param) segments.push({ kind: "param", name: param[1]! });
    else segments.push({ kind: "static", value: folder });
  }
  return segments;
}

/** The params a route would get for a URL path, or null when it does not answer that path. */
export function matchRoute(segments: readonly RouteSegment[], pathname: string): Record<string, string | string[]> | null {
  const parts = pathname.split("/").filter((part) => part !== "").map(safeDecode);
  const params: Record<string, string | string[]> = {};
  let index = 0;
  for (const segment of segments) {
    if (segment.kind === "catch-all") {
      const rest = parts.slice(index);
      if (rest.length === 0 && !segment.optional) return null;
      if (rest.length > 0) params[segment.name] = rest;
      index = parts.length;
      continue;
    }
    const part = parts[index];
    if (part === undefined) return null;
    if (segment.kind === "static" && segment.value !== part) return null;
    if (segment.kind === "param") params[segment.name] = part;
    index += 1;
  }
  return index === parts.length ? params : null;
}

/** How many static segments a route has: more specific routes win, as in Next's own matching. */
export function routeSpecificity(segments: readonly RouteSegment[]): number {
  return segments.filter((segment) => segment.kind === "static").length * 10 + segments.filter((segment) => segment.kind === "param").length;
}

/** Whether the handler awaits its params (Next 15) rather than reading them directly (Next 14). */
export function expectsPromisedParams(handler: t.Function, source: string): boolean {
  const context = handler.params[1];
  if (!context) return false;
  const text = textOf(source, handler);
  if (context.type === "ObjectPattern" || context.type === "Identifier") {
    const annotation = "typeAnnotation" in context && context.typeAnnotation ? textOf(source, context.typeAnnotation) : "";
    if (/\bparams\s*:\s*Promise\s*</.test(annotation)) return true;
  }
  if (/\bawait\s+(?:\w+\.)?params\b/.test(text) || /\b(?:\w+\.)?params\.then\s*\(/.test(text) || /\buse\s*\(\s*(?:\w+\.)?params\s*\)/.test(text)) return true;
  return false;
}

/** Whether the handler reads NextRequest's `nextUrl`, which a plain Request lacks. */
export function readsNextUrl(handler: t.Function): boolean {
  let reads = false;
  walk(handler, (node) => {
    if (node.type === "MemberExpression" && !node.computed && node.property.type === "Identifier" && node.property.name === "nextUrl") reads = true;
    return reads ? false : undefined;
  });
  return reads;
}

export function isHandlerFunction(node: t.Node): node is t.Function {
  return isFunctionNode(node);
}

function safeDecode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}
