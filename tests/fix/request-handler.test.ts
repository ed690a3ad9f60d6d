import { describe, expect, it } from "vitest";
import { findHandler } from "../../src/fix/request-handler.ts";
import { NO_RESPONSE_KNOWLEDGE, findResponseHelpers } from "../../src/fix/response-helpers.ts";
import { ancestorsAt, memoryRepo, programOf } from "./fix-context.ts";
import { HTTP_TS, USERS_TS } from "../fixtures/shop-api-sources.ts";

// Handler detection for fetch-style code with a router of its own and shared response helpers.
// USERS_TS and HTTP_TS are in tests/fixtures/shop-api-sources.ts.

describe("findHandler for fetch-style code", () => {
  it("treats shop-api's getUser as a fetch handler whose context is request side but whose db is not", async () => {
    const users = programOf("src/routes/users.ts", USERS_TS);
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
    const http = programOf("src/lib/http.ts", HTTP_TS);
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
    const ordersProgram = programOf("src/routes/orders.ts", orders);
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
    const root = programOf("src/users.js", source);
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
    const root = programOf("src/routes.js", source);
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
    const root = programOf("src/cache.js", source);
    expect(findHandler(ancestorsAt(root, source, "const entry = await store.read(key)"))).toBeNull();
    expect(findHandler(ancestorsAt(root, source, "const data = decode(message)"))).toBeNull();
  });

  it("leaves Express handlers registered the same way to the Express rules", () => {
    const source = `app.get("/users/:id", async (req, res) => {
  const user = await db.users.findById(req.params.id);
  res.json(user);
});
`;
    const root = programOf("src/app.js", source);
    expect(findHandler(ancestorsAt(root, source, "const user = await db.users.findById"))?.kind).toBe("express");
  });
});
