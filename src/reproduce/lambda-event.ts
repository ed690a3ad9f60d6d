import type * as t from "@babel/types";
import { boundNames, textOf, unwrapTs, walk } from "../fix/ast-tools.ts";
import type { RecordedRequest } from "./reproduction.ts";

// AWS Lambda handlers behind API Gateway: `handler(event, context)` answering
// `{ statusCode, headers, body }`. The REST API (payload v1) and the HTTP API (payload v2) shape
// the event differently; which one the handler expects is read from the fields it uses
// (`event.httpMethod`, `event.path`, `multiValueHeaders` are v1; `event.rawPath`, `routeKey`,
// `requestContext.http` are v2), and the event for a recorded request is built to match.

export type PayloadVersion = "v1" | "v2";

export interface LambdaFacts {
  version: PayloadVersion;
  /** Names read from `event.pathParameters`, in the order the code reads them. */
  pathParameters: string[];
  /** A third `callback` parameter: the handler answers through it instead of a promise. */
  usesCallback: boolean;
  /** A second parameter: the handler reads the Lambda context. */
  takesContext: boolean;
  /** Why this version: the fields that decided it. */
  evidence: string[];
}

const V1_FIELDS = new Set(["httpMethod", "path", "resource", "multiValueHeaders", "multiValueQueryStringParameters"]);
const V2_FIELDS = new Set(["rawPath", "rawQueryString", "routeKey", "cookies", "version"]);
const EVENT_FIELDS = new Set([...V1_FIELDS, ...V2_FIELDS, "pathParameters", "queryStringParameters", "body", "headers", "requestContext", "isBase64Encoded", "stageVariables"]);

/** Whether a function reads its first parameter as an API Gateway event. */
export function readsApiGatewayEvent(fn: t.Function, source: string): boolean {
  const event = fn.params[0];
  if (!event) return false;
  if (event.type === "Identifier" && event.typeAnnotation && /APIGatewayProxy(?:Event|EventV2|Handler)/.test(textOf(source, event.typeAnnotation))) return true;
  return eventFieldsRead(fn).some((field) => EVENT_FIELDS.has(field));
}

function eventFieldsRead(fn: t.Function): string[] {
  const event = fn.params[0];
  const fields: string[] = [];
  if (!event) return fields;
  if (event.type === "ObjectPattern") {
    for (const property of event.properties) {
      if (property.type === "ObjectProperty" && property.key.type === "Identifier") fields.push(property.key.name);
    }
    return fields;
  }
  if (event.type !== "Identifier") return fields;
  const name = event.name;
  walk(fn.body, (node) => {
    if ((node.type === "MemberExpression" || node.type === "OptionalMemberExpression") && !node.computed && node.property.type === "Identifier") {
      const object = unwrapTs(node.object);
      if (object.type === "Identifier" && object.name === name) fields.push(node.property.name);
    }
    if (node.type === "VariableDeclarator" && node.init && unwrapTs(node.init).type === "Identifier" && (unwrapTs(node.init) as t.Identifier).name === name && node.id.type === "ObjectPattern") {
      for (const property of node.id.properties) {
        if (property.type === "ObjectProperty" && property.key.type === "Identifier") fields.push(property.key.name);
      }
    }
    return undefined;
  });
  return fields;
}

export function lambdaFacts(fn: t.Function, source: string): LambdaFacts {
  const fields = eventFieldsRead(fn);
  const text = textOf(source, fn);
  const evidence: string[] = [];
  let v1 = 0;
  let v2 = 0;
  for (const field of new Set(fields)) {
    if (V1_FIELDS.has(field)) {
      v1 += 1;
      evidence.push(`reads event.${field}`);
    }
    if (V2_FIELDS.has(field)) {
      v2 += 1;
      evidence.push(`reads event.${field}`);
    }
  }
  if (/requestContext\s*\??\.\s*http\b/.test(text)) {
    v2 += 1;
    evidence.push("reads event.requestContext.http");
  }
  if (/requestContext\s*\??\.\s*(?:httpMethod|identity|resourcePath)\b/.test(text)) {
    v1 += 1;
    evidence.push("reads event.requestContext.httpMethod");
  }
  if (/APIGatewayProxyEventV2|APIGatewayProxyHandlerV2/.test(source)) {
    v2 += 2;
    evidence.push("typed as APIGatewayProxyEventV2");
  } else if (/APIGatewayProxyEvent\b|APIGatewayProxyHandler\b/.test(source)) {
    v1 += 2;
    evidence.push("typed as APIGatewayProxyEvent");
  }
  const version: PayloadVersion = v2 > v1 ? "v2" : "v1";
  if (evidence.length === 0) evidence.push("no version-specific field read; the REST API's v1 event");
  return { version, pathParameters: pathParameterNames(fn), usesCallback: fn.params.length >= 3, takesContext: fn.params.length >= 2, evidence };
}

function pathParameterNames(fn: t.Function): string[] {
  const names: string[] = [];
  const add = (name: string) => {
    if (!names.includes(name)) names.push(name);
  };
  walk(fn.body, (node) => {
    if ((node.type === "MemberExpression" || node.type === "OptionalMemberExpression")) {
      const object = unwrapTs(node.object);
      const isParams = (object.type === "MemberExpression" || object.type === "OptionalMemberExpression") && !object.computed && object.property.type === "Identifier" && object.property.name === "pathParameters";
      if (isParams) {
        if (!node.computed && node.property.type === "Identifier") add(node.property.name);
        if (node.computed && node.property.type === "StringLiteral") add(node.property.value);
      }
    }
    if (node.type === "VariableDeclarator" && node.init && node.id.type === "ObjectPattern") {
      let init = unwrapTs(node.init);
      if (init.type === "LogicalExpression") init = unwrapTs(init.left);
      if ((init.type === "MemberExpression" || init.type === "OptionalMemberExpression") && !init.computed && init.property.type === "Identifier" && init.property.name === "pathParameters") {
        for (const id of node.id.properties) {
          if (id.type === "ObjectProperty" && id.key.type === "Identifier") add(id.key.name);
          else if (id.type === "RestElement") for (const bound of boundNames(id.argument)) add(bound.name);
        }
      }
    }
    return undefined;
  });
  return names;
}

/**
 * `pathParameters` for a URL path. A route template (`/invoices/{id}` from serverless.yml or a
 * SAM template) decides when one matches; otherwise each name read takes a trailing segment of
 * the path, in order (API Gateway routes put parameters at the end far more often than not).
 */
export function pathParametersFor(pathname: string, names: readonly string[], templates: readonly string[] = []): Record<string, string> | null {
  const parts = pathname.split("/").filter((part) => part !== "");
  for (const template of templates) {
    const matched = matchTemplate(template, parts);
    if (matched) return matched;
  }
  if (names.length === 0) return null;
  if (parts.length < names.length) return null;
  const values: Record<string, string> = {};
  const tail = parts.slice(parts.length - names.length);
  names.forEach((name, index) => {
    values[name] = safeDecode(tail[index]!);
  });
  return values;
}

function matchTemplate(template: string, parts: readonly string[]): Record<string, string> | null {
  const segments = template.split("/").filter((segment) => segment !== "");
  const values: Record<string, string> = {};
  for (const [index, segment] of segments.entries()) {
    const greedy = /^\{(\w+)\+\}$/.exec(segment);
    if (greedy) {
      values[greedy[1]!] = parts.slice(index).map(safeDecode).join("/");
      return parts.length > index ? values : null;
    }
    const part = parts[index];
    if (part === undefined) return null;
    const param = /^\{(\w+)\}$/.exec(segment);
    if (param) values[param[1]!] = safeDecode(part);
    else if (segment !== part) return null;
  }
  return segments.length === parts.length && Object.keys(values).length > 0 ? values : null;
}

/** Route templates (`/invoices/{id}`) declared in serverless.yml or SAM/CloudFormation templates. */
export function routeTemplates(configText: string): string[] {
  const templates = new Set<string>();
  for (const match of configText.matchAll(/^\s*(?:path|Path)\s*:\s*['"]?(\/?[\w{}+./-]{1,300})['"]?\s*$/gm)) {
    const path = match[1]!;
    if (path.includes("{")) templates.add(path.startsWith("/") ? path : `/${path}`);
  }
  for (const match of configText.matchAll(/['"]?(?:GET|POST|PUT|PATCH|DELETE|ANY|HEAD|OPTIONS)\s+(\/[\w{}+./-]{1,300})['"]?/g)) {
    if (match[1]!.includes("{")) templates.add(match[1]!);
  }
  return [...templates];
}

const EXECUTE_API = /^https?:\/\/[^/]+\.execute-api\.[\w-]+\.amazonaws\.com\//i;

export interface ParsedUrl {
  pathname: string;
  /** The query exactly as sent (without `?`). */
  rawQuery: string;
  query: Array<[string, string]>;
}

export function parseRequestUrl(url: string): ParsedUrl {
  let rest = url.trim();
  const scheme = /^[a-z][a-z0-9+.-]{0,20}:\/\/[^/?#]*/i.exec(rest);
  if (scheme) rest = rest.slice(scheme[0].length);
  const hash = rest.indexOf("#");
  if (hash >= 0) rest = rest.slice(0, hash);
  const q = rest.indexOf("?");
  const pathname = (q >= 0 ? rest.slice(0, q) : rest) || "/";
  const rawQuery = q >= 0 ? rest.slice(q + 1) : "";
  const query: Array<[string, string]> = [];
  for (const pair of rawQuery.split("&")) {
    if (pair === "") continue;
    const eq = pair.indexOf("=");
    const key = eq >= 0 ? pair.slice(0, eq) : pair;
    const value = eq >= 0 ? pair.slice(eq + 1) : "";
    query.push([safeDecode(key.replace(/\+/g, " ")), safeDecode(value.replace(/\+/g, " "))]);
  }
  return { pathname: pathname.startsWith("/") ? pathname : `/${pathname}`, rawQuery, query };
}

/** The API Gateway event a recorded request would have produced. */
export function apiGatewayEvent(request: RecordedRequest, facts: LambdaFacts, templates: readonly string[] = []): Record<string, unknown> {
  const url = parseRequestUrl(request.url);
  const method = request.method.toUpperCase();
  // A REST API's execute-api URL starts with the stage; the event's path does not.
  const stage = facts.version === "v1" && EXECUTE_API.test(request.url) ? /^\/([^/]+)(\/.*)?$/.exec(url.pathname) : null;
  if (stage) url.pathname = stage[2] ?? "/";
  const pathParameters = pathParametersFor(url.pathname, facts.pathParameters, templates);
  const resource = templates.find((template) => matchTemplate(template, url.pathname.split("/").filter((part) => part !== "")) !== null) ?? url.pathname;
  const single: Record<string, string> = {};
  const multi: Record<string, string[]> = {};
  for (const [key, value] of url.query) {
    (multi[key] ??= []).push(value);
    single[key] = facts.version === "v2" && single[key] !== undefined ? `${single[key]},${value}` : value;
  }
  const hasQuery = url.query.length > 0;
  const body = request.body ?? null;
  if (facts.version === "v2") {
    const headers: Record<string, string> = {};
    for (const [key, value] of Object.entries(request.headers)) headers[key.toLowerCase()] = value;
    const routeKey = `${method} ${url.pathname}`;
    return {
      version: "2.0",
      routeKey,
      rawPath: url.pathname,
      rawQueryString: url.rawQuery,
      headers,
      ...(hasQuery ? { queryStringParameters: single } : {}),
      ...(pathParameters ? { pathParameters } : {}),
      requestContext: {
        http: { method, path: url.pathname, protocol: "HTTP/1.1", sourceIp: "127.0.0.1", userAgent: headers["user-agent"] ?? "" },
        requestId: "reproduction",
        routeKey,
        stage: "$default",
      },
      body,
      isBase64Encoded: false,
    };
  }
  const multiHeaders: Record<string, string[]> = {};
  for (const [key, value] of Object.entries(request.headers)) multiHeaders[key] = [value];
  return {
    resource,
    path: url.pathname,
    httpMethod: method,
    headers: { ...request.headers },
    multiValueHeaders: multiHeaders,
    queryStringParameters: hasQuery ? single : null,
    multiValueQueryStringParameters: hasQuery ? multi : null,
    pathParameters: pathParameters ?? null,
    stageVariables: null,
    requestContext: {
      httpMethod: method,
      path: stage ? `/${stage[1]}${url.pathname}` : url.pathname,
      resourcePath: resource,
      stage: stage?.[1] ?? "prod",
      requestId: "reproduction",
      identity: { sourceIp: "127.0.0.1" },
    },
    body,
    isBase64Encoded: false,
  };
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
