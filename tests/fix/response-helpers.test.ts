import type * as t from "@babel/types";
import { describe, expect, it } from "vitest";
import { type Node, findAll } from "../../src/fix/ast-tools.ts";
import { findHandler } from "../../src/fix/handler.ts";
import { parseSource } from "../../src/fix/parse-source.ts";
import { NO_RESPONSE_KNOWLEDGE, findResponseHelpers, statusOfHelperName } from "../../src/fix/response-helpers.ts";
import { memoryRepo } from "./fix-context.ts";
import { HTTP_TS, USERS_TS } from "../fixtures/shop-api-sources.ts";

// Handler detection for fetch-style code with a router of its own and shared response helpers,
// and the helper discovery it relies on. USERS_TS and HTTP_TS are in tests/fixtures/shop-api-sources.ts.



function program(path: string, source: string): t.Program {
  return parseSource(path, source).program;
}

/** Ancestors of the first statement on the line holding the marker. */
function ancestorsAt(root: t.Program, source: string, marker: string): readonly Node[] {
  const line = source.split("\n").findIndex((text) => text.includes(marker)) + 1;
  const found = findAll(root, (node): node is t.Statement => /Statement$|Declaration$/.test(node.type) && node.loc?.start.line === line && node.type !== "BlockStatement");
  if (found.length === 0) throw new Error(`no statement at: ${marker}`);
  return found[found.length - 1]!.ancestors;
}

describe("findResponseHelpers", () => {
  it("reads the imported helpers module: imported helpers, importable ones, and never request readers", async () => {
    const users = program("src/routes/users.ts", USERS_TS);
    const knowledge = await findResponseHelpers(users, "src/routes/users.ts", memoryRepo({ "src/lib/http.ts": HTTP_TS }));
    expect([...knowledge.responders].sort()).toEqual(["getUser", "json", "listUserOrders", "listUsers", "notFound"]);
    const byName = Object.fromEntries(knowledge.helpers.map((helper) => [helper.name, helper]));
    expect(Object.keys(byName).sort()).toEqual(["badRequest", "json", "notFound", "unprocessable"]);
    expect(byName.json).toMatchObject({ status: null, argument: "body", takesStatus: true, required: 1, origin: "imported" });
    expect(byName.notFound).toMatchObject({ status: 404, argument: "noun", origin: "imported" });
    expect(byName.badRequest).toMatchObject({ status: 400, argument: "message", origin: "importable" });
    expect(byName.badRequest!.importDeclaration?.source.value).toBe("../lib/http.ts");
    expect(byName.unprocessable).toMatchObject({ status: 422, argument: "message", origin: "importable" });
  });

  it("resolves a .js specifier to the .ts source, follows export lists, and skips type-only and unreadable imports", async () => {
    const helpers = `const reply = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status });
function missing(what: string) {
  return reply({ error: \`\${what} not found\` }, 404);
}
export { reply as json, missing as notFound };
`;
    const source = `import { json, notFound } from "./helpers.js";
import type { Thing } from "./types.ts";
import { render } from "./views.js";

export function show(request: Request) {
  return notFound("thing");
}
`;
    const knowledge = await findResponseHelpers(program("src/show.ts", source), "src/show.ts", memoryRepo({ "src/helpers.ts": helpers }));
    expect([...knowledge.responders].sort()).toEqual(["json", "notFound", "show"]);
    expect(knowledge.helpers.map((helper) => [helper.name, helper.status, helper.argument])).toEqual([
      ["json", null, "body"],
      ["notFound", 404, "noun"],
    ]);
  });

  it("knows a file's own helpers, a zero-argument one included, and not its handlers", async () => {
    const source = `function unauthorized(): Response {
  return new Response("sign in", { status: 401 });
}
function getOrder(request: Request): Response {
  return unauthorized();
}
`;
    const knowledge = await findResponseHelpers(program("src/orders.ts", source), "src/orders.ts", memoryRepo({}));
    expect([...knowledge.responders].sort()).toEqual(["getOrder", "unauthorized"]);
    expect(knowledge.helpers.map((helper) => [helper.name, helper.status, helper.argument, helper.origin])).toEqual([["unauthorized", 401, "none", "local"]]);
  });

  it("reads the status a helper's name promises", () => {
    expect(["notFound", "badRequest", "unprocessable", "unprocessableEntity", "sendNotFound", "notFoundResponse", "json", "ok"].map(statusOfHelperName)).toEqual([404, 400, 422, 422, 404, 404, null, null]);
  });
});

describe("findHandler for fetch-style code", () => {
  it("treats shop-api's getUser as a fetch handler whose context is request side but whose db is not", async () => {
    const users = program("src/routes/users.ts", USERS_TS);
    const knowledge = await findResponseHelpers(users, "src/routes/users.ts", memoryRepo({ "src/lib/http.ts": HTTP_TS }));
    const handler = findHandler(ancestorsAt(users, USERS_TS, "maskEmail(user.email)"), knowledge);
    expect(handler?.kind).toBe("fetch");
    expect([...handler!.requestNames]).toEqual(["_request", "ctx"]);
    // Typed `(request: Request, ...): Response` is enough without reading any module.
    expect(findHandler(ancestorsAt(users, USERS_TS, "maskEmail(user.email)"))?.kind).toBe("fetch");
    // The helper maskEmail and the view mapper are not handlers.
    expect(findHandler(ancestorsAt(users, USERS_TS, 'email.split("@")'), knowledge)).toBeNull();
    expect(findHandler(ancestorsAt(users, USERS_TS, "return { id: user.id"), knowledge)).toBeNull();
  });

  it("never takes a response helper for a handler: shop-api's http.ts helpers and a file's own unauthorized()", async () => {
    const http = program("src/lib/http.ts", HTTP_TS);
    const knowledge = await findResponseHelpers(http, "src/lib/http.ts", memoryRepo({}));
    expect(findHandler(ancestorsAt(http, HTTP_TS, "return new Response(JSON.stringify(body)"), knowledge)).toBeNull();
    expect(findHandler(ancestorsAt(http, HTTP_TS, "message: `${what} not found`"), knowledge)).toBeNull();
    expect(findHandler(ancestorsAt(http, HTTP_TS, 'json({ error: "bad_request", message }, 400)'), knowledge)).toBeNull();
    // readJson takes a request but promises a T, not a Response.
    expect(findHandler(ancestorsAt(http, HTTP_TS, "const text = await request.text();"), knowledge)).toBeNull();
    const orders = `function unauthorized(): Response {
  return json({ error: "unauthorized" }, 401);
}
`;
    const ordersProgram = program("src/routes/orders.ts", orders);
    expect(findHandler(ancestorsAt(ordersProgram, orders, 'return json({ error: "unauthorized" }'), await findResponseHelpers(ordersProgram, "src/routes/orders.ts", memoryRepo({})))).toBeNull();
  });

  it("recognises an untyped JavaScript handler by the helper calls it returns, once the helper is known", async () => {
    const source = `function json(body, status = 200) {
  return new Response(JSON.stringify(body), { status });
}

function listUsers(req, ctx) {
  const users = ctx.db.users.all();
  return json({ users });
}
`;
    const root = program("src/users.js", source);
    const knowledge = await findResponseHelpers(root, "src/users.js", memoryRepo({}));
    expect(findHandler(ancestorsAt(root, source, "const users = ctx.db.users.all()"), knowledge)?.kind).toBe("fetch");
    expect(findHandler(ancestorsAt(root, source, "const users = ctx.db.users.all()"), NO_RESPONSE_KNOWLEDGE)).toBeNull();
    expect(findHandler(ancestorsAt(root, source, "return new Response(JSON.stringify(body)"), knowledge)).toBeNull();
  });

  it("recognises a function registered with a router by name or inline, but not a Koa handler that returns nothing", () => {
    const source = `import Router from "@koa/router";
const router = new Router();

function show(req) {
  const page = pages.find(req.params.slug);
  return render(page.template);
}
router.get("/pages/:slug", show);

router.get("/health", async (ctx) => {
  ctx.body = status.current.label;
});

app.post("/echo", async (request) => {
  const data = await request.json();
  return reply(data.value);
});
`;
    const root = program("src/routes.js", source);
    expect(findHandler(ancestorsAt(root, source, "const page = pages.find"))?.kind).toBe("fetch");
    expect(findHandler(ancestorsAt(root, source, "ctx.body = status.current.label"))).toBeNull();
    expect(findHandler(ancestorsAt(root, source, "const data = await request.json()"))?.kind).toBe("fetch");
  });

  it("does not take a cache loader or an event listener for a route handler: registration needs a path or an HTTP method", () => {
    const source = `const config = cache.get("config", async (key) => {
  const entry = await store.read(key);
  return entry.value;
});

socket.on("message", (message) => {
  const data = decode(message);
  return data.reply;
});
`;
    const root = program("src/cache.js", source);
    expect(findHandler(ancestorsAt(root, source, "const entry = await store.read(key)"))).toBeNull();
    expect(findHandler(ancestorsAt(root, source, "const data = decode(message)"))).toBeNull();
  });

  it("leaves Express handlers registered the same way to the Express rules", () => {
    const source = `app.get("/users/:id", async (req, res) => {
  const user = await db.users.findById(req.params.id);
  res.json(user);
});
`;
    const root = program("src/app.js", source);
    expect(findHandler(ancestorsAt(root, source, "const user = await db.users.findById"))?.kind).toBe("express");
  });
});
