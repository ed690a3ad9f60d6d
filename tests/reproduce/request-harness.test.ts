import { describe, expect, it } from "vitest";
import type { AppAccess } from "../../src/reproduce/app-access.ts";
import { jsLiteral, quoteString, titleText } from "../../src/reproduce/js-literal.ts";
import { namesFor } from "../../src/reproduce/render-test.ts";
import { type HarnessContext, prepareRequest, replayRequest } from "../../src/reproduce/request-harness.ts";
import type { RecordedRequest } from "../../src/reproduce/reproduction.ts";

const get: RecordedRequest = { method: "get", url: "https://api.example.com/invoices/inv_9?expand=lines", headers: { Host: "api.example.com", Accept: "application/json", "X-Forwarded-For": "1.2.3.4" }, body: null };
const post: RecordedRequest = { method: "POST", url: "/signup", headers: { "content-type": "text/plain", "content-length": "5" }, body: "hello" };

function access(kind: AppAccess["kind"], extra: Partial<AppAccess> = {}): AppAccess {
  return { kind, handle: { imports: [], statements: [], teardown: [], expression: "app", testFile: null }, module: "src/app.ts", framework: null, why: "test", ...extra };
}

function context(access: AppAccess): HarnessContext {
  return { literal: { quote: '"', indentUnit: "  " }, semicolons: true, language: "js", names: namesFor(access.handle), lambdaTemplates: [] };
}

function lines(kind: AppAccess["kind"], request: RecordedRequest, extra: Partial<AppAccess> = {}) {
  const a = access(kind, extra);
  const result = replayRequest(a, request, context(a));
  if (!result.ok) throw new Error(result.reason);
  return result.exercise;
}

describe("prepareRequest", () => {
  it("keeps the path and query, drops hop-by-hop and proxy headers, and a GET's body", () => {
    expect(prepareRequest({ ...get, body: "ignored" })).toEqual({
      method: "GET",
      target: "/invoices/inv_9?expand=lines",
      pathname: "/invoices/inv_9",
      headers: { accept: "application/json" },
      body: null,
    });
    expect(prepareRequest(post)).toMatchObject({ headers: { "content-type": "text/plain" }, body: "hello" });
  });
});

describe("replayRequest", () => {
  it("serves Express and plain listeners on an ephemeral 127.0.0.1 port, and always closes it", () => {
    const exercise = lines("http-listener", get);
    expect(exercise.builtins).toEqual([{ module: "node:http", name: "createServer", local: "createServer" }]);
    expect(exercise.prepare).toEqual(["const server = createServer(app);", 'await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));']);
    expect(exercise.lines[2]).toBe('const response = await fetch(`http://127.0.0.1:${port}` + "/invoices/inv_9?expand=lines", { headers: { accept: "application/json" } });');
    expect(exercise.cleanup).toEqual(["server.closeAllConnections();", "server.close();"]);
  });

  it("serves a Koa app through its callback", () => {
    expect(lines("koa", get).prepare[0]).toBe("const server = createServer(app.callback());");
  });

  it("injects into Fastify, requests Hono, and fetches fetch-style handlers", () => {
    expect(lines("fastify", post).lines[0]!.replace(/\s+/g, " ")).toBe('const response = await app.inject({ method: "POST", url: "/signup", headers: { "content-type": "text/plain" }, payload: "hello", });');
    expect(lines("fastify", post).cleanup).toEqual(["await app.close();"]);
    expect(lines("hono", get).lines[0]).toBe('const response = await app.request("/invoices/inv_9?expand=lines", { headers: { accept: "application/json" } });');
    expect(lines("fetch-object", post).lines[0]).toBe('const response = await app.fetch(new Request("http://localhost/signup", { method: "POST", headers: { "content-type": "text/plain" }, body: "hello" }));');
  });

  it("calls a Next route handler with the params its folders give, as a promise when it awaits them", () => {
    const next = { method: "GET", routeFile: "app/invoices/[id]/route.ts", promisedParams: true, nextUrl: false };
    const exercise = lines("next-route", get, { handle: { imports: [], statements: [], teardown: [], expression: "GET", testFile: null }, next });
    expect(exercise.lines[0]).toBe('const response = await GET(new Request("http://localhost/invoices/inv_9?expand=lines", { headers: { accept: "application/json" } }), { params: Promise.resolve({ id: "inv_9" }) });');
    const wrong = access("next-route", { next: { ...next, routeFile: "app/users/[id]/route.ts" } });
    expect(replayRequest(wrong, get, context(wrong))).toEqual({ ok: false, reason: "app/users/[id]/route.ts does not answer /invoices/inv_9" });
  });

  it("builds an API Gateway event for a Lambda handler and reads statusCode", () => {
    const lambda = { version: "v1" as const, pathParameters: ["id"], usesCallback: false, takesContext: false, evidence: [] };
    const exercise = lines("lambda", get, { handle: { imports: [], statements: [], teardown: [], expression: "handler", testFile: null }, lambda });
    expect(exercise.lines[0]).toContain('httpMethod: "GET"');
    expect(exercise.lines[0]).toContain('pathParameters: { id: "inv_9" }');
    expect(exercise.lines[1]).toBe("const response = await handler(event);");
    expect(exercise.answer).toEqual({ kind: "response", status: "response.statusCode", body: "response.body", contentType: null });
  });

  it("calls an exported router with the request's parts, a body it parses itself as text", () => {
    const call = { roles: [{ kind: "method" as const }, { kind: "path" as const, withQuery: false }, { kind: "body" as const, raw: true }], isAsync: false, statusKey: "status" };
    const exercise = lines("request-call", post, { handle: { imports: [], statements: [], teardown: [], expression: "route", testFile: null }, call });
    expect(exercise.lines).toEqual(['const result = await route("POST", "/signup", "hello");']);
    expect(exercise.answer).toMatchObject({ kind: "response", status: "result.status" });
  });

  it("picks names the reused setup does not use", () => {
    const taken = access("http-listener", { handle: { imports: [], statements: ["const server = makeServer();", "const response = 1;"], teardown: [], expression: "app", testFile: null } });
    const result = replayRequest(taken, get, context(taken));
    expect(result.ok && result.exercise.prepare[0]).toBe("const server2 = createServer(app);");
  });
});

describe("literals", () => {
  const hostile = ['it\'s "quoted" `${process.exit(1)}`', "line\nbreak\u2028sep", "nul\u0000byte", "lone \ud800 surrogate", "*/ // <!--", "\\back\\slash"];

  it("round-trips any recorded text as a string literal, never as code", () => {
    for (const text of hostile) {
      for (const quote of ['"', "'"] as const) {
        const literal = quoteString(text, quote);
        expect(literal).not.toMatch(/[\n\r\u2028\u2029\u0000]/);
        expect(Function(`"use strict"; return ${literal};`)()).toBe(text);
      }
    }
  });

  it("writes objects with identifier keys bare and others quoted", () => {
    const literal = jsLiteral({ id: "a", "x-request-id": "b", list: [1, null, true] }, { quote: '"', indentUnit: "  " });
    expect(literal).toBe('{ id: "a", "x-request-id": "b", list: [1, null, true] }');
    expect(Function(`return ${jsLiteral({ [hostile[0]!]: hostile[1] }, { quote: "'", indentUnit: "  " })};`)()).toEqual({ [hostile[0]!]: hostile[1] });
  });

  it("makes titles one printable line", () => {
    expect(titleText("GET /a\n\u0000b\ud800 c", 20)).toBe("GET /a b? c");
    expect(titleText("x".repeat(50), 10)).toBe("xxxxxxxxx…");
  });
});

describe("request bodies", () => {
  it("restores the JSON content type a recorded JSON body lost, and only for JSON", () => {
    expect(prepareRequest({ method: "POST", url: "/a", headers: {}, body: '{"sku":"x"}' }).headers).toEqual({ "content-type": "application/json" });
    expect(prepareRequest({ method: "POST", url: "/a", headers: {}, body: "{sku: x}" }).headers).toEqual({});
    expect(prepareRequest({ method: "POST", url: "/a", headers: { "Content-Type": "text/plain" }, body: "[1]" }).headers).toEqual({ "content-type": "text/plain" });
  });
});
