import type { AppAccess, RequestRole } from "./app-access.ts";
import { apiGatewayEvent, parseRequestUrl } from "./lambda-event.ts";
import { jsLiteral, type LiteralStyle, quoteString } from "./js-literal.ts";
import { matchRoute, routeSegments } from "./next-route.ts";
import type { RecordedRequest } from "./reproduction.ts";

// A recorded request, replayed in process through whatever the app exposes: an ephemeral
// node:http server on 127.0.0.1 port 0 for Express apps, Koa apps and plain listeners;
// Fastify's inject; Hono's app.request; fetch handlers called with a Request; Next route handlers
// called with (Request, { params }); Lambda handlers called with an API Gateway event; and
// exported functions on the stack called with the request's method, path and body. The output is
// code lines plus how to read the answer; the test renderer wraps them into a test.

export interface Exercise {
  /** Node built-ins the lines use, to import under the given local name. */
  builtins: Array<{ module: "node:http"; name: "createServer"; local: string }>;
  /** Run first, outside the try whose finally runs `cleanup`: they create what cleanup releases. */
  prepare: string[];
  lines: string[];
  /** Run after the lines whether they threw or not (close the server). */
  cleanup: string[];
  answer: AnswerRead;
}

export type AnswerRead =
  /** An HTTP answer: expressions for its status and body text (the lines have read the body). */
  | { kind: "response"; status: string; body: string; contentType: string | null }
  /** A plain returned value: it is serialized whole. */
  | { kind: "value"; value: string };

export interface PreparedRequest {
  method: string;
  /** Path and query as sent. */
  target: string;
  pathname: string;
  headers: Record<string, string>;
  body: string | null;
}

/** Headers a client library sets itself, or that describe the old connection rather than the request. */
const DROPPED_HEADERS = /^(?::.*|host|content-length|connection|keep-alive|transfer-encoding|te|trailer|upgrade|expect|accept-encoding|proxy-.*|x-forwarded-.*|x-real-ip|cf-.*|x-amzn-.*|x-vercel-.*|forwarded|via)$/i;
const MAX_BODY = 256 * 1024;

export function prepareRequest(request: RecordedRequest): PreparedRequest {
  const url = parseRequestUrl(request.url);
  const method = (request.method || "GET").toUpperCase();
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers ?? {})) {
    if (DROPPED_HEADERS.test(name) || typeof value !== "string") continue;
    headers[name.toLowerCase()] = value;
  }
  const carriesBody = method !== "GET" && method !== "HEAD";
  const body = carriesBody && request.body !== null ? request.body.slice(0, MAX_BODY) : null;
  // Scrubbing or a drain's format can lose the content type; a body parser needs it to read JSON.
  if (body !== null && headers["content-type"] === undefined && /^\s*[[{]/.test(body) && parsesAsJson(body)) headers["content-type"] = "application/json";
  return { method, target: url.rawQuery ? `${url.pathname}?${url.rawQuery}` : url.pathname, pathname: url.pathname, headers, body };
}

function parsesAsJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

export interface HarnessNames {
  /** Returns a name free in the test (not used by the reused setup), reserving it. */
  fresh(preferred: string): string;
}

export interface HarnessContext {
  literal: LiteralStyle;
  semicolons: boolean;
  language: "ts" | "js";
  names: HarnessNames;
  /** Route templates from serverless/SAM config, for Lambda path parameters. */
  lambdaTemplates: readonly string[];
}

export type HarnessResult = { ok: true; exercise: Exercise } | { ok: false; reason: string };

/** The lines that replay `request` through `access`. */
export function replayRequest(access: AppAccess, request: RecordedRequest, context: HarnessContext): HarnessResult {
  const prepared = prepareRequest(request);
  const q = (text: string) => quoteString(text, context.literal.quote);
  const end = context.semicolons ? ";" : "";
  const app = access.handle.expression;
  switch (access.kind) {
    case "http-listener":
    case "koa":
    case "http-server":
      return { ok: true, exercise: overHttp(access, prepared, context) };
    case "fastify": {
      const response = context.names.fresh("response");
      const options: Record<string, unknown> = { method: prepared.method, url: prepared.target };
      if (Object.keys(prepared.headers).length > 0) options.headers = prepared.headers;
      if (prepared.body !== null) options.payload = prepared.body;
      const closes = access.handle.teardown.some((line) => /\.close\s*\(/.test(line));
      return {
        ok: true,
        exercise: {
          builtins: [],
          prepare: [],
          lines: [`const ${response} = await ${app}.inject(${jsLiteral(options, context.literal, 0)})${end}`],
          cleanup: closes ? [] : [`await ${app}.close()${end}`],
          answer: { kind: "response", status: `${response}.statusCode`, body: `${response}.body`, contentType: `${response}.headers[${q("content-type")}]` },
        },
      };
    }
    case "hono": {
      const response = context.names.fresh("response");
      const text = context.names.fresh("text");
      const init = fetchInit(prepared);
      const args = init === null ? q(prepared.target) : `${q(prepared.target)}, ${jsLiteral(init, context.literal, 0)}`;
      return { ok: true, exercise: fetchExercise([`const ${response} = await ${app}.request(${args})${end}`], response, text, end) };
    }
    case "fetch-object":
    case "fetch-function": {
      const response = context.names.fresh("response");
      const text = context.names.fresh("text");
      const call = access.kind === "fetch-object" ? `${app}.fetch(${newRequest(prepared, context)})` : `${app}(${newRequest(prepared, context)})`;
      return { ok: true, exercise: fetchExercise([`const ${response} = await ${call}${end}`], response, text, end) };
    }
    case "next-route":
      return nextRoute(access, prepared, context);
    case "lambda":
      return lambda(access, request, context);
    case "request-call":
      return requestCall(access, prepared, context);
  }
}

function fetchExercise(lines: string[], response: string, text: string, end: string): Exercise {
  return {
    builtins: [],
    prepare: [],
    lines: [...lines, `const ${text} = await ${response}.text()${end}`],
    cleanup: [],
    answer: { kind: "response", status: `${response}.status`, body: text, contentType: `${response}.headers.get("content-type")` },
  };
}

function fetchInit(prepared: PreparedRequest): Record<string, unknown> | null {
  const init: Record<string, unknown> = {};
  if (prepared.method !== "GET") init.method = prepared.method;
  if (Object.keys(prepared.headers).length > 0) init.headers = prepared.headers;
  if (prepared.body !== null) init.body = prepared.body;
  return Object.keys(init).length > 0 ? init : null;
}

function newRequest(prepared: PreparedRequest, context: HarnessContext): string {
  const url = quoteString(`http://localhost${prepared.target}`, context.literal.quote);
  const init = fetchInit(prepared);
  return init === null ? `new Request(${url})` : `new Request(${url}, ${jsLiteral(init, context.literal, 0)})`;
}

function overHttp(access: AppAccess, prepared: PreparedRequest, context: HarnessContext): Exercise {
  const end = context.semicolons ? ";" : "";
  const q = (text: string) => quoteString(text, context.literal.quote);
  const app = access.handle.expression;
  const builtins: Exercise["builtins"] = [];
  let server: string;
  const prepare: string[] = [];
  const lines: string[] = [];
  if (access.kind === "http-server") {
    server = app;
  } else {
    const createServer = context.names.fresh("createServer");
    builtins.push({ module: "node:http", name: "createServer", local: createServer });
    server = context.names.fresh("server");
    prepare.push(`const ${server} = ${createServer}(${access.kind === "koa" ? `${app}.callback()` : app})${end}`);
  }
  const address = context.names.fresh("address");
  const port = context.names.fresh("port");
  const response = context.names.fresh("response");
  const text = context.names.fresh("text");
  const promise = context.language === "ts" ? "new Promise<void>" : "new Promise";
  prepare.push(`await ${promise}((resolve) => ${server}.listen(0, ${q("127.0.0.1")}, resolve))${end}`);
  lines.push(`const ${address} = ${server}.address()${end}`);
  lines.push(`const ${port} = typeof ${address} === ${q("object")} && ${address} !== null ? ${address}.port : 0${end}`);
  const init = fetchInit(prepared);
  const url = `\`http://127.0.0.1:\${${port}}\` + ${q(prepared.target)}`;
  lines.push(`const ${response} = await fetch(${url}${init === null ? "" : `, ${jsLiteral(init, context.literal, 0)}`})${end}`);
  lines.push(`const ${text} = await ${response}.text()${end}`);
  return {
    builtins,
    prepare,
    lines,
    cleanup: access.handle.teardown.some((line) => line.includes(`${server}.close(`))
      ? [`${server}.closeAllConnections()${end}`]
      : [`${server}.closeAllConnections()${end}`, `${server}.close()${end}`],
    answer: { kind: "response", status: `${response}.status`, body: text, contentType: `${response}.headers.get(${q("content-type")})` },
  };
}

function nextRoute(access: AppAccess, prepared: PreparedRequest, context: HarnessContext): HarnessResult {
  const next = access.next;
  if (!next) return { ok: false, reason: "the route handler's facts are missing" };
  const segments = routeSegments(next.routeFile);
  const params = segments ? matchRoute(segments, prepared.pathname) : null;
  if (params === null) return { ok: false, reason: `${next.routeFile} does not answer ${prepared.pathname}` };
  if (next.method !== prepared.method) return { ok: false, reason: `${next.routeFile} exports ${next.method}, not ${prepared.method}` };
  const end = context.semicolons ? ";" : "";
  const response = context.names.fresh("response");
  const text = context.names.fresh("text");
  const request = newRequest(prepared, context);
  const requestArg = next.nextUrl
    ? `Object.assign(${request}, { nextUrl: new URL(${quoteString(`http://localhost${prepared.target}`, context.literal.quote)}) })`
    : request;
  const paramsLiteral = jsLiteral(params, context.literal, 0);
  const paramsArg = next.promisedParams ? `Promise.resolve(${paramsLiteral})` : paramsLiteral;
  return {
    ok: true,
    exercise: fetchExercise([`const ${response} = await ${access.handle.expression}(${requestArg}, { params: ${paramsArg} })${end}`], response, text, end),
  };
}

function lambda(access: AppAccess, request: RecordedRequest, context: HarnessContext): HarnessResult {
  const facts = access.lambda;
  if (!facts) return { ok: false, reason: "the Lambda handler's facts are missing" };
  const end = context.semicolons ? ";" : "";
  const q = (text: string) => quoteString(text, context.literal.quote);
  const event = context.names.fresh("event");
  const response = context.names.fresh("response");
  const handler = access.handle.expression;
  const lambdaContext = `{ functionName: ${q("handler")}, awsRequestId: ${q("reproduction")}, getRemainingTimeInMillis: () => 30000 }`;
  const lines = [`const ${event} = ${jsLiteral(apiGatewayEvent(request, facts, context.lambdaTemplates), context.literal, 0)}${end}`];
  if (facts.usesCallback) {
    const any = context.language === "ts" ? ": any" : "";
    lines.push(
      `const ${response}${any} = await new Promise((resolve, reject) => {`,
      `  const returned${any} = ${handler}(${event}, ${lambdaContext}, (error${any}, result${any}) => (error ? reject(error) : resolve(result)))${end}`,
      `  if (returned && typeof returned.then === ${q("function")}) returned.then(resolve, reject)${end}`,
      `})${end}`,
    );
  } else {
    lines.push(`const ${response} = await ${handler}(${facts.takesContext ? `${event}, ${lambdaContext}` : event})${end}`);
  }
  // API Gateway requires `body` to be a string; a handler that leaves it out answers an empty body.
  const answer: AnswerRead = { kind: "response", status: `${response}.statusCode`, body: `${response}.body`, contentType: null };
  return { ok: true, exercise: { builtins: [], prepare: [], lines, cleanup: [], answer } };
}

function requestCall(access: AppAccess, prepared: PreparedRequest, context: HarnessContext): HarnessResult {
  const call = access.call;
  if (!call) return { ok: false, reason: "the function's parameters are unknown" };
  const end = context.semicolons ? ";" : "";
  const args = call.roles.map((role) => roleArgument(role, prepared, context));
  const result = context.names.fresh("result");
  // Awaiting a plain value is harmless, and a function that returns a promise must be awaited.
  const lines = [`const ${result} = await ${access.handle.expression}(${args.join(", ")})${end}`];
  if (call.statusKey) {
    const answer: AnswerRead = { kind: "response", status: `${result}.${call.statusKey}`, body: `JSON.stringify(${result}.body ?? null)`, contentType: null };
    return { ok: true, exercise: { builtins: [], prepare: [], lines, cleanup: [], answer } };
  }
  return { ok: true, exercise: { builtins: [], prepare: [], lines, cleanup: [], answer: { kind: "value", value: result } } };
}

function roleArgument(role: RequestRole, prepared: PreparedRequest, context: HarnessContext): string {
  const literal = (value: unknown) => jsLiteral(value, context.literal, 0);
  switch (role.kind) {
    case "method":
      return literal(prepared.method);
    case "path":
      return literal(role.withQuery ? prepared.target : prepared.pathname);
    case "body":
      return literal(role.raw ? prepared.body ?? "" : bodyValue(prepared.body));
    case "query":
      return literal(Object.fromEntries(parseRequestUrl(prepared.target).query));
    case "headers":
      return literal(prepared.headers);
    case "omitted":
      return "undefined";
    case "request": {
      if (role.fetchRequest) return newRequest(prepared, context);
      const value: Record<string, unknown> = {};
      for (const field of role.fields) {
        if (field === "method") value.method = prepared.method;
        else if (field === "url") value.url = prepared.target;
        else if (field === "path" || field === "pathname") value[field] = prepared.pathname;
        else if (field === "body") value.body = role.rawBody ? prepared.body ?? "" : bodyValue(prepared.body);
        else if (field === "rawBody" || field === "text") value[field] = prepared.body ?? "";
        else if (field === "query") value.query = Object.fromEntries(parseRequestUrl(prepared.target).query);
        else if (field === "headers") value.headers = prepared.headers;
      }
      return literal(value);
    }
  }
}

/** A JSON body as the value a parsed body would be; anything else stays the text it was. */
function bodyValue(body: string | null): unknown {
  if (body === null) return null;
  try {
    return JSON.parse(body);
  } catch {
    return body;
  }
}
