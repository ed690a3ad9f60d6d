import { describe, expect, it } from "vitest";
import { discoverAppAccess } from "../../src/reproduce/app-access.ts";
import { type ModuleFacts, readModuleFacts } from "../../src/reproduce/module-facts.ts";
import { testFilePaths } from "../../src/reproduce/test-style.ts";

function discover(files: Record<string, string>, stack: Array<{ file: string; function: string | null }>) {
  const paths = new Set(Object.keys(files));
  const modules = new Map<string, ModuleFacts>();
  for (const [path, source] of Object.entries(files)) {
    const facts = readModuleFacts(path, source, paths);
    if (facts) modules.set(path, facts);
  }
  return discoverAppAccess({ modules, tests: testFilePaths([...paths]), stack });
}

const expressApp = {
  "src/app.js": 'import express from "express";\nimport { routes } from "./routes.js";\nexport function createApp({ store }) {\n  const app = express();\n  app.use(routes(store));\n  return app;\n}\n',
  "src/routes.js": 'import { Router } from "express";\nexport function routes(store) {\n  const router = Router();\n  router.get("/x/:id", (req, res) => res.json(store.find(req.params.id).name));\n  return router;\n}\n',
  "src/server.js": 'import express from "express";\nimport { routes } from "./routes.js";\nexport const app = express().use(routes(new Map()));\napp.listen(3000);\n',
};

describe("discoverAppAccess", () => {
  it("rebuilds the app the way a test does, through the helper that starts it", () => {
    const { accesses, notes } = discover(
      {
        ...expressApp,
        "test/x.test.js":
          'import { test } from "node:test";\nimport { createApp } from "../src/app.js";\nimport { createStore } from "./store.js";\nconst store = createStore([{ id: "1" }]);\nasync function get(app, path) {\n  const server = app.listen(0);\n  return server;\n}\ntest("shows", async () => {\n  const app = createApp({ store });\n  await get(app, "/x/1");\n});\n',
        "test/store.js": "export function createStore(items) { return new Map(items.map((i) => [i.id, i])); }\n",
      },
      [{ file: "src/routes.js", function: null }],
    );
    expect(accesses[0]).toMatchObject({
      kind: "http-listener",
      module: "src/app.js",
      framework: "express",
      handle: {
        imports: ['import { createApp } from "../src/app.js";', 'import { createStore } from "./store.js";'],
        statements: ['const store = createStore([{ id: "1" }]);', "const app = createApp({ store });"],
        expression: "app",
        testFile: "test/x.test.js",
      },
    });
    expect(notes).toContain("src/server.js starts listening when imported, so it is not imported; export the app from a module of its own to let Suture replay requests against it");
  });

  it("takes a Fastify app from a describe block's let and beforeEach, with its afterEach teardown", () => {
    const { accesses } = discover(
      {
        "src/app.ts": 'import Fastify from "fastify";\nexport async function buildApp() {\n  const app = Fastify();\n  app.get("/o", async () => ({}));\n  return app;\n}\n',
        "tests/o.test.ts":
          'import { afterEach, beforeEach, describe, it } from "vitest";\nimport { buildApp } from "../src/app.js";\ndescribe("o", () => {\n  let app: Awaited<ReturnType<typeof buildApp>>;\n  beforeEach(async () => {\n    app = await buildApp();\n  });\n  afterEach(async () => {\n    await app.close();\n  });\n  it("lists", async () => {\n    const response = await app.inject({ method: "GET", url: "/o" });\n  });\n});\n',
      },
      [{ file: "src/app.ts", function: null }],
    );
    expect(accesses[0]).toMatchObject({
      kind: "fastify",
      handle: { statements: ["let app: Awaited<ReturnType<typeof buildApp>>;", "app = await buildApp();"], teardown: ["await app.close();"], expression: "app" },
    });
    expect(accesses[1]).toMatchObject({ kind: "fastify", handle: { imports: [{ module: "src/app.ts", name: "buildApp" }], statements: ["const app = await buildApp()"], testFile: null } });
  });

  it("sees a server the test builds around a Koa app as a node:http server", () => {
    const { accesses } = discover(
      {
        "lib/app.js": "const Koa = require('koa')\nfunction createApp () {\n  const app = new Koa()\n  return app\n}\nmodule.exports = { createApp }\n",
        "test/cart.spec.js":
          "const http = require('node:http')\nconst { createApp } = require('../lib/app')\ndescribe('c', function () {\n  let server\n  before(function (done) {\n    server = http.createServer(createApp().callback())\n    server.listen(0, done)\n  })\n  after(function () {\n    server.close()\n  })\n  it('adds', async function () {})\n})\n",
      },
      [{ file: "lib/app.js", function: null }],
    );
    expect(accesses[0]).toMatchObject({
      kind: "http-server",
      handle: {
        imports: ["const http = require('node:http')", "const { createApp } = require('../lib/app')"],
        statements: ["let server", "server = http.createServer(createApp().callback())"],
        teardown: ["server.close()"],
      },
    });
    expect(accesses[1]).toMatchObject({ kind: "koa", handle: { statements: ["const app = createApp()"] } });
  });

  it("offers exported Hono, Express and fetch-style apps, node:http listeners and servers", () => {
    const { accesses } = discover(
      {
        "src/hono.ts": 'import { Hono } from "hono";\nexport const app = new Hono();\n',
        "src/express.js": 'const express = require("express");\nconst app = express();\nmodule.exports = app;\n',
        "src/worker.ts": "export default {\n  async fetch(request: Request) {\n    return new Response(new URL(request.url).pathname);\n  },\n};\n",
        "src/listener.js": "export function handle(req, res) {\n  res.writeHead(200);\n  res.end(req.url);\n}\n",
        "src/server.js": 'import http from "node:http";\nexport const server = http.createServer((req, res) => res.end());\n',
        "src/handler.ts": "export async function handler(request: Request) {\n  const body = await request.json();\n  return Response.json(body);\n}\n",
      },
      ["src/hono.ts", "src/express.js", "src/worker.ts", "src/listener.js", "src/server.js", "src/handler.ts"].map((file) => ({ file, function: null })),
    );
    expect(accesses.map((access) => [access.module, access.kind, access.handle.expression])).toEqual([
      ["src/hono.ts", "hono", "app"],
      ["src/express.js", "http-listener", "app"],
      ["src/worker.ts", "fetch-object", "worker"],
      ["src/listener.js", "http-listener", "handle"],
      ["src/server.js", "http-server", "server"],
      ["src/handler.ts", "fetch-function", "handler"],
    ]);
  });

  it("reads Next route handlers: the method, and whether params come as a promise", () => {
    const { accesses } = discover(
      {
        "app/api/items/[id]/route.ts": "export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {\n  const { id } = await params;\n  return Response.json({ id });\n}\n",
        "app/(shop)/cart/route.ts": "export function POST(request, context) {\n  return Response.json({ q: request.nextUrl.searchParams.get('q'), id: context.params.id });\n}\n",
      },
      [{ file: "app/api/items/[id]/route.ts", function: "GET" }, { file: "app/(shop)/cart/route.ts", function: "POST" }],
    );
    expect(accesses.map((access) => access.next)).toEqual([
      { method: "GET", routeFile: "app/api/items/[id]/route.ts", promisedParams: true, nextUrl: false },
      { method: "POST", routeFile: "app/(shop)/cart/route.ts", promisedParams: false, nextUrl: true },
    ]);
  });

  it("tells Lambda payload v1 from v2 by the fields the handler reads", () => {
    const { accesses } = discover(
      {
        "src/v1.js": "exports.handler = async (event) => ({ statusCode: 200, body: event.httpMethod + event.pathParameters.id });\n",
        "src/v2.ts": "export async function handler(event) {\n  return { statusCode: 200, body: event.requestContext.http.method + event.rawPath };\n}\n",
      },
      [{ file: "src/v1.js", function: "exports.handler" }, { file: "src/v2.ts", function: "handler" }],
    );
    expect(accesses.map((access) => [access.kind, access.lambda?.version, access.lambda?.pathParameters])).toEqual([
      ["lambda", "v1", ["id"]],
      ["lambda", "v2", []],
    ]);
  });

  it("calls an exported function on the stack that takes a request's method and path", () => {
    const { accesses } = discover(
      {
        "src/router.js": "function route(method, url, rawBody) {\n  return handlers[method + url](JSON.parse(rawBody));\n}\nmodule.exports = { route };\n",
        "src/handlers.js": "exports.create = function create(input) { return { status: 201, body: input.name } }\n",
      },
      [{ file: "src/handlers.js", function: "create" }, { file: "src/router.js", function: "route" }],
    );
    expect(accesses).toHaveLength(1);
    expect(accesses[0]).toMatchObject({ kind: "request-call", handle: { expression: "route" }, call: { roles: [{ kind: "method" }, { kind: "path", withQuery: true }, { kind: "body", raw: true }] } });
  });

  it("offers nothing for a factory that needs arguments no test shows", () => {
    const { accesses } = discover({ "src/app.js": 'import express from "express";\nexport function createApp(db) {\n  const app = express();\n  return app;\n}\n' }, [{ file: "src/app.js", function: null }]);
    expect(accesses).toEqual([]);
  });
});
